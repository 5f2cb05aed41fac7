"""A badge is one word: 「原文未照合」 never wraps onto two lines, whatever the width."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics, QTextDocument

from haip_desktop.guideline import Provenance, Severity, SourceKind
from haip_desktop.ui.guideline.badges import severity_html, source_line_html

JOINER = "\u2060"


def lines(html: str, width: int) -> list[str]:
    """The lines the text is laid out in at this width, as a person reads them."""
    document = QTextDocument()
    document.setHtml(html)
    document.setTextWidth(width)
    document.documentLayout().documentSize()  # lay it out
    found = []
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        for index in range(layout.lineCount()):
            line = layout.lineAt(index)
            text = block.text()[line.textStart() : line.textStart() + line.textLength()]
            found.append(text.replace(JOINER, ""))
        block = block.next()
    return found


def split_words(laid_out: list[str], word: str) -> bool:
    """Whether a line ends with the start of `word` and the next begins with the rest."""
    for first, second in zip(laid_out, laid_out[1:], strict=False):
        for cut in range(1, len(word)):
            if first.rstrip().endswith(word[:cut]) and second.lstrip().startswith(word[cut:]):
                return True
    return False


def test_badges_never_wrap(qapp):
    html = source_line_html(
        Provenance(kind=SourceKind.GUIDELINE, edition=2, section="4.2 入力情報", verified=False)
    )
    html = "生成AIの出力を確認する手順の説明 " + severity_html(Severity.HIGH) + "<br>" + html
    badges = ["原文未照合", f"重大度\xa0{Severity.HIGH.label}"]
    # Any line wider than the badge with what the no-break spaces tie to it.
    narrowest = QFontMetrics(QTextDocument().defaultFont()).horizontalAdvance("報　原文未照合　　")
    for width in range(narrowest, narrowest + 500, 3):
        laid_out = lines(html, width)
        assert "".join(laid_out).count("原文未照合") == 1
        for badge in badges:
            assert not split_words(laid_out, badge), (width, laid_out)
