from haip_desktop.report.text import clean, markup, one_line


def test_markup_shows_user_text_literally() -> None:
    assert markup('<b>x</b> & <font color="red">y</font>') == (
        '&lt;b&gt;x&lt;/b&gt; &amp; &lt;font color="red"&gt;y&lt;/font&gt;'
    )
    assert markup("&amp;") == "&amp;amp;"


def test_line_breaks_are_kept_and_controls_dropped() -> None:
    assert markup("一行目\r\n二行目\r三行目") == "一行目<br/>二行目<br/>三行目"
    assert clean("a\x00b\x07c\x1bd\x7fe\x85f") == "abcdef"
    assert clean("tab\there") == "tab here"


def test_invisible_format_characters_are_removed() -> None:
    # zero-width space, BOM, variation selector, an IVS selector
    assert clean("山\u200b田\ufeff葛\ufe00辻\U000e0100") == "山田葛辻"


def test_missing_characters_become_geta_marks() -> None:
    assert markup("𠮷野家", lambda c: c != "𠮷") == "\u3013野家"


def test_one_line_collapses_whitespace() -> None:
    assert one_line("  みどり台\n 総合病院 ") == "みどり台 総合病院"
