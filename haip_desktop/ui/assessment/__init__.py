"""The facility self-assessment inside the main window.

``install(window)`` plugs it in through the window's extension points: the ``assessment``
page, the ファイル menu (新規評価, 開く, 最近使ったファイル, 保存, 名前を付けて保存, 閉じる),
a 自己評価 entry in the 移動 menu and the toolbar, the command line's file, a close guard
for unsaved changes, and the offer to restore work after a crash.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .file_actions import AssessmentActions

if TYPE_CHECKING:
    from ..shell.main_window import MainWindow


def install(window: MainWindow) -> AssessmentActions:
    """Add the assessment part to `window` (once); returns its actions.

    The document controller (``actions.controller``, also ``window.assessment_controller``)
    is built the first time it is used.
    """
    existing = getattr(window, "assessment_actions", None)
    if isinstance(existing, AssessmentActions):
        return existing
    actions = AssessmentActions(window)
    window.assessment_actions = actions  # type: ignore[attr-defined]
    return actions


__all__ = ["AssessmentActions", "install"]
