"""Where issue 9's commands are, and that the keyboard reaches them."""

from __future__ import annotations

from PySide6.QtCore import Qt


def _texts(menu):  # type: ignore[no-untyped-def]
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_menu_placement(window, actions):
    file_items = _texts(window.file_menu)
    assert file_items.index("前回の評価から新規作成(&L)…") == file_items.index("新規評価(&N)…") + 1
    assert _texts(window.tools_menu) == [
        "グループ集計(&G)…",
        "年度比較(&Y)…",
        "ガイドラインデータの更新(&U)…",
        "変更点(&D)…",
        "評価を使用中のデータ版に移行(&M)…",
    ]
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("ツール(&T)") == titles.index("ヘルプ(&H)") - 1
    assert not actions.migrate_action.isEnabled()  # nothing open to carry over


def test_shortcut_opens_the_group_view(qtbot, window, actions):
    window.activateWindow()
    window.setFocus()
    qtbot.keyClick(
        window,
        Qt.Key.Key_G,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: "group" in actions.open_dialogs)
    view = actions.open_dialogs["group"]
    assert view.isVisible() and view.windowTitle() == "グループ集計"
