"""Short Japanese labels break between words, never inside アセスメント or 疑義照会."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics

from haip_desktop.ui.widgets.text_wrap import break_units, widest_segment, wrap_lines


def test_labels_break_at_separators_script_changes_and_particles():
    assert break_units("入院時アセスメント・看護計画") == ["入院時", "アセスメント・", "看護計画"]
    assert break_units("処方監査・疑義照会") == ["処方監査・", "疑義照会"]
    assert break_units("服薬フォローアップ・問い合わせ") == [
        "服薬",
        "フォローアップ・",
        "問い合わせ",
    ]
    assert break_units("薬局から医療機関への情報提供") == ["薬局から", "医療機関への", "情報提供"]
    assert break_units("紹介状（診療情報提供書）作成") == ["紹介状", "（診療情報提供書）", "作成"]
    assert break_units("看護記録・申し送りの作成支援") == ["看護記録・", "申し送りの", "作成支援"]


def test_lines_keep_words_whole_when_the_width_allows(qapp):
    metrics = QFontMetrics(QFont(qapp.font()))
    em = metrics.horizontalAdvance("あ")
    name = "入院時アセスメント・看護計画"
    assert wrap_lines(name, metrics, widest_segment(name, metrics)) == [
        "入院時アセスメント・",
        "看護計画",
    ]
    name = "服薬フォローアップ・問い合わせ"
    assert wrap_lines(name, metrics, widest_segment(name, metrics)) == [
        "服薬フォローアップ・",
        "問い合わせ",
    ]
    # Only a word wider than the line is cut, and no line then starts with 「ー」.
    lines = wrap_lines("フォローアップ", metrics, em * 3)
    assert "".join(lines) == "フォローアップ"
    assert not any(line.startswith("ー") for line in lines)


def test_unbreakable_names_stay_on_one_line_where_qt_lays_the_text_out(qapp):
    from PySide6.QtGui import QTextLayout

    from haip_desktop.ui.widgets.text_wrap import WORD_JOINER, unbreakable

    name = "高橋 美紀（看護師長）"
    font = QFont(qapp.font())
    width = QFontMetrics(font).horizontalAdvance("記入者: 高橋 美紀（看")

    def laid_out(text: str) -> list[str]:
        layout = QTextLayout(text, font)
        layout.beginLayout()
        lines = []
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            lines.append(text[line.textStart() : line.textStart() + line.textLength()])
        layout.endLayout()
        return [line.replace(WORD_JOINER, "").replace("\u00a0", " ") for line in lines]

    assert not any(name in line for line in laid_out("記入者: " + name))  # Qt cuts it
    assert any(name in line for line in laid_out("記入者: " + unbreakable(name)))
