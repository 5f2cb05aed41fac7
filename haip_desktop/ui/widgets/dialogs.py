"""Modeless dialogs opened from the menus: at most one of each kind at a time."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

D = TypeVar("D", bound=QDialog)


def show_one(open_dialogs: dict[str, QDialog], name: str, dialog: D) -> D:
    """Show `dialog` as the one open `name` (closing an earlier one); it deletes itself on
    close and leaves `open_dialogs` then."""
    old = open_dialogs.get(name)
    if old is not None:
        old.close()
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.destroyed.connect(lambda *_: open_dialogs.pop(name, None))
    open_dialogs[name] = dialog
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
