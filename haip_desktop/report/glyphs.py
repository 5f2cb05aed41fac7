"""Find the characters of an assessment that the bundled font cannot print, before printing."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .options import MissingGlyph

if TYPE_CHECKING:
    from ..assessment.models import Assessment

_ANSWER_FIELDS = (
    ("owner", "担当者"),
    ("note", "備考"),
    ("evidence", "根拠資料"),
    ("na_reason", "該当なしの理由"),
)
_TOOL_FIELDS = (("name", "名称"), ("vendor", "提供元"), ("owner", "管理責任者"), ("note", "備考"))


def user_texts(assessment: Assessment) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a person typed into the assessment, where in Japanese."""
    yield "施設名", assessment.facility.name
    yield "部署", assessment.facility.department
    for name in assessment.assessors:
        yield "評価者", name
    for product in assessment.products:
        yield "評価対象の製品", product
    yield "総評・所見", assessment.committee_comment
    for tool in assessment.tools:
        for attr, label in _TOOL_FIELDS:
            yield f"生成AIツール台帳 {tool.id} の{label}", getattr(tool, attr)
    for cm_id, answer in assessment.answers.items():
        for attr, label in _ANSWER_FIELDS:
            yield f"対策 {cm_id} の{label}", getattr(answer, attr)
    for tool_id, answers in assessment.tool_answers.items():
        for cm_id, answer in answers.items():
            for attr, label in _ANSWER_FIELDS:
                yield f"対策 {cm_id}（ツール {tool_id}）の{label}", getattr(answer, attr)


def find_missing(texts: Iterable[tuple[str, str]]) -> list[MissingGlyph]:
    from .fonts import missing_chars

    found: list[MissingGlyph] = []
    for where, text in texts:
        if text:
            found.extend(MissingGlyph(char, where) for char in missing_chars(text))
    return found


def check_glyphs(assessment: Assessment) -> list[MissingGlyph]:
    """Every character of the assessment's texts that would print as 〓, with where it is."""
    return find_missing(user_texts(assessment))


def describe_missing(missing: list[MissingGlyph]) -> str:
    """One warning for people: which characters, where, and what the PDF shows instead."""
    lines = "、".join(m.describe() for m in missing[:20])
    more = f" ほか {len(missing) - 20} 件" if len(missing) > 20 else ""
    return (
        f"報告書のフォントにない文字があります（{lines}{more}）。"
        "これらは PDF では「〓」と表示されます。"
        "印刷前に、常用の字体に置き換えるか、印刷後に手書きで補ってください。"
    )
