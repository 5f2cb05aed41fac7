"""Menus in Fusion, with entries wide enough for their whole text.

A menu sizes an entry for its text as shown, 「このガイドラインについて(A)」, but Fusion elides
the text it draws to that room measuring the mnemonic's 「&」 as one more character (Qt's
`elidedText` with `TextShowMnemonic`, Qt 6.12): the widest entry of every menu lost its middle
(「このガイドライ…ついて(A)」, 「評価を使用中のデ…に移行(M)」, a page's 「リンクの場所を…(L)」),
more so at larger text sizes. `MenuStyle` gives an entry with a mnemonic the width of that 「&」
besides, so every entry is drawn whole.

The application itself is plain Fusion, set in C++ (ui/app.py); only menus get this style, one
shared instance, when each is first polished (`give_menu_style`, called by the window's
application-wide watcher, ui/shell/main_window.py). So no Python style is built or consulted
while the window and its start page are laid out and first painted.
"""

from __future__ import annotations

import math
from typing import cast

from PySide6.QtCore import QSize
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QApplication,
    QMenu,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionMenuItem,
    QWidget,
)

BASE_STYLE = "Fusion"
_GIVEN = "haipMenuStyle"  # the menu's property once it has the style


def mnemonic_allowance(option: QStyleOptionMenuItem) -> int:
    """What Fusion's elision counts beyond the entry's text as shown: its 「&」, if it has one."""
    label = option.text.split("\t", 1)[0]
    if "&" not in label.replace("&&", ""):
        return 0
    return math.ceil(QFontMetricsF(option.font).horizontalAdvance("&")) + 1


class MenuStyle(QProxyStyle):
    """Fusion, with menu entries that never elide their text."""

    def __init__(self) -> None:
        super().__init__(BASE_STYLE)

    def sizeFromContents(  # noqa: N802 - Qt override
        self,
        contents_type: QStyle.ContentsType,
        option: QStyleOption,
        size: QSize,
        widget: QWidget | None = None,
    ) -> QSize:
        # (QProxyStyle's stub wants a widget; Qt itself passes none at times, as here.)
        made = super().sizeFromContents(contents_type, option, size, cast(QWidget, widget))
        if (
            contents_type == QStyle.ContentsType.CT_MenuItem
            and isinstance(option, QStyleOptionMenuItem)
            and isinstance(widget, QMenu)
            and option.menuItemType != QStyleOptionMenuItem.MenuItemType.Separator
        ):
            made.setWidth(made.width() + mnemonic_allowance(option))
        return made


_shared: MenuStyle | None = None


def menu_style() -> MenuStyle:
    """The one `MenuStyle` of the application (a widget does not own the style it is given;
    the application does, and outlives every menu)."""
    global _shared
    if _shared is None:
        _shared = MenuStyle()
        _shared.setParent(QApplication.instance())
    return _shared


def give_menu_style(menu: QMenu) -> None:
    """Draw `menu` with `MenuStyle` (once; before it is first laid out, its entries are sized
    for it, and a menu already shown is laid out again)."""
    if not menu.property(_GIVEN):
        menu.setProperty(_GIVEN, True)
        menu.setStyle(menu_style())
