"""Source lines: the edition and section from the data, the verification shown once as a badge."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument

from haip_desktop.guideline import Provenance, SourceKind
from haip_desktop.ui.guideline.badges import source_line_html


def shown(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText().replace("\u2060", "")  # the badges' word joiners


def test_unchecked_source_names_edition_and_section_and_says_unchecked_once(qapp):
    text = shown(
        source_line_html(
            Provenance(kind=SourceKind.GUIDELINE, edition=2, section="4.2 入力情報", verified=False)
        )
    )
    assert text.startswith("出典: ガイドライン 第2版 4.2 入力情報")
    assert text.count("原文未照合") == 1
    assert "（原文未照合）" not in text


def test_checked_public_source_has_no_badge(qapp):
    text = shown(
        source_line_html(Provenance(kind=SourceKind.PUBLIC, source="医師法", verified=True))
    )
    assert text == "出典: 公開資料: 医師法"


def test_own_elaboration_is_marked(qapp):
    text = shown(source_line_html(Provenance(kind=SourceKind.APP)))
    assert "本アプリ独自の整理" in text and "独自" in text.split("本アプリ独自の整理", 1)[1]
    assert text.count("原文未照合") == 1
