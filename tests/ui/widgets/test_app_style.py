"""Every menu entry of the window is drawn whole, at every text size (no 「このガイドライ…」),
the context menus of its pages too (「リンクの場所をコピー(L)」)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, QRect
from PySide6.QtGui import QColor, QImage, QPainter, QTextCursor
from PySide6.QtWidgets import QMenu, QStyle, QStyleOptionMenuItem, QTextBrowser

from haip_desktop.ui.shell.navigation import Location
from haip_desktop.ui.startup.translations import install_translators


@pytest.fixture
def qt_in_japanese(qapp):  # type: ignore[no-untyped-def]
    """Qt's own words in Japanese, as `create_application` installs them, for this test only."""
    locale = QLocale()
    installed = install_translators(qapp, "ja")
    yield
    for translator in installed:
        qapp.removeTranslator(translator)
    QLocale.setDefault(locale)


def drawn(menu: QMenu, option: QStyleOptionMenuItem, width: int) -> QImage:
    """The entry as the menu's style draws it `width` pixels wide."""
    image = QImage(width, option.rect.height(), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    copy = QStyleOptionMenuItem(option)
    copy.rect = QRect(0, 0, width, option.rect.height())
    menu.style().drawControl(QStyle.ControlElement.CE_MenuItem, copy, painter, menu)
    painter.end()
    return image


def cut_entries(menu: QMenu) -> list[str]:
    """The entries whose text the menu draws differently from an entry with room to spare
    (Fusion elides in the middle: 「このガイドライ…ついて(A)」)."""
    menu.ensurePolished()
    menu.adjustSize()  # lays the entries out as the menu will show them
    cut = []
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        option = QStyleOptionMenuItem()
        menu.initStyleOption(option, action)
        option.rect = menu.actionGeometry(action)
        width = option.rect.width()
        as_shown, roomy = drawn(menu, option, width), drawn(menu, option, width + 400)
        # The text ends where the shortcut column begins; compare everything left of it.
        text_end = width - option.reservedShortcutWidth - 15
        if as_shown.copy(0, 0, text_end, as_shown.height()) != roomy.copy(
            0, 0, text_end, roomy.height()
        ):
            cut.append(action.text())
    return cut


@pytest.mark.parametrize("zoom", [100, 110, 150, 200])
def test_no_menu_entry_is_cut(qtbot, window, zoom):
    window.set_zoom(zoom)
    menus = [a.menu() for a in window.menuBar().actions() if isinstance(a.menu(), QMenu)]
    menus += [a.menu() for m in list(menus) for a in m.actions() if isinstance(a.menu(), QMenu)]
    cut = {m.title(): cut_entries(m) for m in menus}
    assert not {title: entries for title, entries in cut.items() if entries}
    assert "このガイドラインについて(&A)" in [a.text() for a in window.help_menu.actions()]


def link_position(browser: QTextBrowser):  # type: ignore[no-untyped-def]
    """Where the page's first link is drawn, in the page's coordinates."""
    document = browser.document()
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref():
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position() + 1)
                return browser.cursorRect(cursor).center()
            it += 1
        block = block.next()
    raise AssertionError("no link on the page")


@pytest.mark.parametrize("zoom", [100, 200])
def test_a_pages_context_menu_is_not_cut(qtbot, qt_in_japanese, window, guideline, zoom):
    """Right-clicking a link of a step page: Qt's own menu, 「リンクの場所をコピー(&L)」 whole."""
    window.set_zoom(zoom)
    window.navigate(Location("step", guideline.flows[0].steps[1].id))
    page = window.pages.currentWidget()
    assert isinstance(page, QTextBrowser)
    menu = page.createStandardContextMenu(link_position(page))
    assert "リンクの場所をコピー(&L)" in [a.text() for a in menu.actions()]
    assert cut_entries(menu) == []
