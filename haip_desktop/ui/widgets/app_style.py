"""The application's style: Fusion, with menu entries wide enough for their whole text.

A menu sizes an entry for its text as shown, 「このガイドラインについて(A)」, but Fusion elides
the text it draws to that room measuring the mnemonic's 「&」 as one more character (Qt's
`elidedText` with `TextShowMnemonic`, Qt 6.12): the widest entry of every menu lost its middle
(「このガイドライ…ついて(A)」, 「評価を使用中のデ…に移行(M)」), more so at larger text sizes.
`AppStyle` gives an entry with a mnemonic the width of that 「&」 besides, so every entry is
drawn whole.
"""

from __future__ import annotations

import math
from typing import cast

from PySide6.QtCore import QSize
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QMenu,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionMenuItem,
    QWidget,
)

BASE_STYLE = "Fusion"


def mnemonic_allowance(option: QStyleOptionMenuItem) -> int:
    """What Fusion's elision counts beyond the entry's text as shown: its 「&」, if it has one."""
    label = option.text.split("\t", 1)[0]
    if "&" not in label.replace("&&", ""):
        return 0
    return math.ceil(QFontMetricsF(option.font).horizontalAdvance("&")) + 1


class AppStyle(QProxyStyle):
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
