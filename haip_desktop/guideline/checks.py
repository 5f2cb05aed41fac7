"""Checks across the whole guideline once each item is valid on its own.

These are the content rules the data must keep: every id referenced exists, ids carry the
prefix of their kind, every use case has countermeasures from every perspective, every
workflow step has a use scene or says that generative AI has no typical use there, and no
item is an orphan.
"""

from __future__ import annotations

import re
from pathlib import Path

from .guideline import Guideline
from .models import Perspective, RiskCategory, Step, UseCase
from .problems import Problem, Where

ID_PREFIXES: dict[str, str] = {
    "UseCase": "UC-",
    "RiskCategory": "RC-",
    "Risk": "R-",
    "Countermeasure": "C-",
    "Flow": "WF-",
    "Step": "ST-",
    "UseScene": "SC-",
    "Reference": "REF-",
}
ID_PATTERN = re.compile(r"^[A-Z]+(-[A-Z0-9]+)+$")
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
JAPANESE_FIELDS = ("name", "title", "summary", "description", "text", "evidence")


def check_guideline(
    g: Guideline,
    where: dict[str, Where],
    invalid_ids: frozenset[str] = frozenset(),
    check_coverage: bool = True,
) -> list[Problem]:
    """Cross-file problems. Ids of items that failed validation on their own are not reported
    as unknown again, and coverage is only judged when every item was valid."""
    problems: list[Problem] = []

    def report(item_id: str, field: str, message: str) -> None:
        base = where.get(item_id, Where(g.source_dir or Path(".")))
        path = (*base.path, field) if base.path is not None and field else base.path
        problems.append(Problem(Where(base.file, path, item_id), message))

    def exists(item_id: str, ref: str, kind: type, field: str) -> None:
        if not isinstance(g.get(ref), kind) and ref not in invalid_ids:
            report(item_id, field, f"'{ref}' という{_KIND_JA[kind.__name__]}はありません")

    # Ids and Japanese text
    for item in g.all_items():
        kind = type(item).__name__
        prefix = ID_PREFIXES[kind]
        if not item.id.startswith(prefix) or not ID_PATTERN.match(item.id):
            report(item.id, "id", f"id は '{prefix}' で始まる英大文字・数字・ハイフンの形にします")
        for name in JAPANESE_FIELDS:
            value = getattr(item, name, None)
            if isinstance(value, str) and not JAPANESE.search(value):
                report(item.id, name, "日本語の本文がありません")

    numbers = [uc.number for uc in g.use_cases]
    if len(set(numbers)) != len(numbers):
        report(g.use_cases[0].id, "number", "ユースケースの番号が重複しています")

    editions = {e.number for e in g.info.editions}
    if g.info.based_on_edition not in editions:
        problems.append(
            Problem(
                Where(g.source_dir or Path("."), ("guideline", "based_on_edition")),
                f"based_on_edition {g.info.based_on_edition} は editions にありません",
            )
        )

    # References between items
    for risk in g.risks:
        exists(risk.id, risk.use_case, UseCase, "use_case")
        exists(risk.id, risk.category, RiskCategory, "category")
    for cm in g.countermeasures:
        for ref in cm.use_cases:
            exists(cm.id, ref, UseCase, "use_cases")
        for ref in cm.risk_categories:
            exists(cm.id, ref, RiskCategory, "risk_categories")
        _check_duplicates(cm.id, cm.use_cases, "use_cases", report)
        for uc in cm.use_cases:
            categories = {r.category for r in g.risks_for_use_case(uc)}
            if isinstance(g.get(uc), UseCase) and not categories.intersection(cm.risk_categories):
                report(
                    cm.id,
                    "use_cases",
                    f"{uc} には {', '.join(cm.risk_categories)} のリスクが定義されていません",
                )
    for scene in g.scenes:
        exists(scene.id, scene.step, Step, "step")
        for ref in scene.use_cases:
            exists(scene.id, ref, UseCase, "use_cases")
    for ref_item in g.references:
        for ref in ref_item.risk_categories:
            exists(ref_item.id, ref, RiskCategory, "risk_categories")

    if not check_coverage:
        return problems

    # Coverage: no orphans, every perspective, every step
    for uc in g.use_cases:
        cms = g.countermeasures_for_use_case(uc.id)
        for perspective in Perspective:
            if not any(cm.perspective is perspective for cm in cms):
                report(uc.id, "", f"{perspective.label}の対策が1つもありません")
        if not g.risks_for_use_case(uc.id):
            report(uc.id, "", "リスクが1つも定義されていません")
        if not g.steps_for_use_case(uc.id):
            report(uc.id, "", "どの業務ステップの利用シーンにも結び付いていません")
    for risk in g.risks:
        if not g.countermeasures_for_cell(risk.category, risk.use_case):
            report(risk.id, "", "このリスクに対する対策が1つもありません")
    for category in g.risk_categories:
        if not any(r.category == category.id for r in g.risks):
            report(category.id, "", "このリスク区分を使うリスクがありません")
    for flow in g.flows:
        for step in flow.steps:
            has_scene = bool(g.scenes_for_step(step.id))
            if not has_scene and not (step.no_ai_use and step.no_ai_use.strip()):
                report(
                    step.id,
                    "",
                    "利用シーンがありません（無い場合は no_ai_use に理由を書きます）",
                )
            if has_scene and step.no_ai_use:
                report(step.id, "no_ai_use", "利用シーンがあるのに no_ai_use も書かれています")
    return problems


def _check_duplicates(item_id: str, values: list[str], field: str, report) -> None:  # type: ignore[no-untyped-def]
    seen: set[str] = set()
    for value in values:
        if value in seen:
            report(item_id, field, f"'{value}' が重複しています")
        seen.add(value)


_KIND_JA = {
    "UseCase": "ユースケース",
    "RiskCategory": "リスク区分",
    "Risk": "リスク",
    "Countermeasure": "対策",
    "Step": "業務ステップ",
    "Flow": "業務フロー",
    "UseScene": "利用シーン",
    "Reference": "参考資料",
}
