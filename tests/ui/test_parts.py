"""The parts installed through ui/parts.py: where their entries are, as a person sees the
menus and the toolbar, and that the keyboard reaches them."""

from __future__ import annotations

from PySide6.QtCore import Qt


def _texts(menu):  # type: ignore[no-untyped-def]
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def _groups(menu):  # type: ignore[no-untyped-def]
    """The entries as the menu shows them: QMenu hides a separator that would stand first,
    last or next to another, so the groups are the runs of entries between separators."""
    assert menu.separatorsCollapsible()
    groups: list[list[str]] = [[]]
    for action in menu.actions():
        if action.isSeparator():
            groups.append([])
        elif action.isVisible():
            groups[-1].append(action.text().split("(&")[0])
    return [group for group in groups if group]


def test_every_menu_as_a_person_sees_it(window):
    assert _groups(window.file_menu) == [
        ["新規評価", "前回の評価から新規作成", "開く", "最近使ったファイル", "回答を取り込む"],
        ["保存", "名前を付けて保存", "評価を閉じる"],
        ["Excel に書き出す", "質問票を作成", "報告書を作成"],
        ["終了"],
    ]
    assert _groups(window.go_menu) == [
        ["戻る", "進む"],
        ["業務フロー", "ユースケース", "リスク表", "関係法令・参考資料"],
        ["自己評価"],
    ]
    assert _groups(window.tools_menu) == [
        ["グループ集計", "年度比較"],
        ["ガイドラインデータの更新", "変更点", "評価を使用中のデータ版に移行"],
    ]
    assert _groups(window.help_menu) == [["このガイドラインについて"]]
    toolbar = [a.iconText() or "|" for a in window.navigation_toolbar.actions()]
    assert toolbar == [
        "◀ 戻る",
        "進む ▶",
        "|",
        "業務フロー",
        "ユースケース",
        "リスク表",
        "関係法令・参考資料",
        "自己評価",
    ]


def test_menu_placement(window, parts):
    actions = parts.comparisons
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


def test_shortcut_opens_the_group_view(qtbot, window, parts):
    actions = parts.comparisons
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
