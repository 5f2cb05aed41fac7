"""Every menu entry of the window is drawn whole, at every text size (no 「このガイドライ…」)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QMenu, QStyle, QStyleFactory, QStyleOptionMenuItem

from haip_desktop.ui.widgets.app_style import AppStyle


@pytest.fixture
def app_style(qapp):  # type: ignore[no-untyped-def]
    """The style `create_application` sets, for this test only."""
    previous = qapp.style().name()
    qapp.setStyle(AppStyle())
    yield
    qapp.setStyle(QStyleFactory.create(previous))


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
def test_no_menu_entry_is_cut(qtbot, window, app_style, zoom):
    window.set_zoom(zoom)
    menus = [a.menu() for a in window.menuBar().actions() if isinstance(a.menu(), QMenu)]
    menus += [a.menu() for m in list(menus) for a in m.actions() if isinstance(a.menu(), QMenu)]
    cut = {m.title(): cut_entries(m) for m in menus}
    assert not {title: entries for title, entries in cut.items() if entries}
    assert "このガイドラインについて(&A)" in [a.text() for a in window.help_menu.actions()]
