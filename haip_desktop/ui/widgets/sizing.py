"""Dialog sizes that follow the text size but never exceed the screen."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def fit_to_screen(widget: QWidget, width: int, height: int, share: float = 0.9) -> None:
    """Resize to width × height, or to `share` of the screen when that is smaller."""
    screen = widget.screen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, int(available.width() * share))
        height = min(height, int(available.height() * share))
    widget.resize(width, height)


def grow_to_fit(dialog: QWidget) -> None:
    """Grow a dialog to its preferred size (larger text needs more room), within the screen."""
    layout = dialog.layout()
    if layout is not None:
        layout.activate()
    hint = dialog.sizeHint()
    screen = dialog.screen()
    room = screen.availableGeometry() if screen is not None else None
    width, height = max(dialog.width(), hint.width()), max(dialog.height(), hint.height())
    if room is not None:
        width, height = min(width, room.width()), min(height, room.height())
    if (width, height) != (dialog.width(), dialog.height()):
        dialog.resize(width, height)
