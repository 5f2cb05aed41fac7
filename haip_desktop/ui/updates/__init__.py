"""Keeping up with the guideline and seeing many facilities (issue 9), in the window.

``install_guideline_updates(window)`` adds, with one call:

- ファイル → 前回の評価から新規作成… (this year's assessment from last year's file);
- ツール → グループ集計…, 年度比較…, ガイドラインデータの更新…, 変更点…,
  評価を使用中のデータ版に移行…;
- the carry-over offer when an assessment made against other guideline data is opened, or
  the data is updated while one is open.

The work itself is the core's (guideline.packs, guideline.diff, assessment.carryover,
baseline, compare, group); these modules only show it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .actions import GuidelineUpdateActions

if TYPE_CHECKING:
    from ..shell.main_window import MainWindow


def install_guideline_updates(window: MainWindow) -> GuidelineUpdateActions:
    existing = getattr(window, "guideline_update_actions", None)
    if isinstance(existing, GuidelineUpdateActions):
        return existing
    actions = GuidelineUpdateActions(window)
    window.guideline_update_actions = actions  # type: ignore[attr-defined]
    return actions


__all__ = ["GuidelineUpdateActions", "install_guideline_updates"]
