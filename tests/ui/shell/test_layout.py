"""The window at the sizes hospitals have: menus, view buttons, filters and search visible and
inside the window at every corner size and text size; nothing vanishes when it is narrow; the
window never grows past the screen; Ctrl+0 puts every bar back exactly."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QListWidget, QTreeWidget, QTreeWidgetItem, QWidget

from haip_desktop.ui.shell.navigation import Location

# (width, height) of the screen and the text size: laptops, a desktop, older staff's settings.
CORNERS = [((1280, 720), 100), ((1366, 768), 200), ((1920, 1080), 150)]
PAGES = ["workflow", "step/ST-IN-04"]


def rect_in(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def assert_shown_inside(widget: QWidget, window: QWidget, what: str) -> None:
    assert widget.isVisible(), f"{what} is not shown"
    assert window.rect().contains(rect_in(widget, window)), f"{what} is not inside the window"
    assert widget.width() >= widget.minimumSizeHint().width(), f"{what} is squeezed"


def key_controls(window) -> dict[str, QWidget]:  # type: ignore[no-untyped-def]
    bar = window.navigation_toolbar
    controls: dict[str, QWidget] = {
        "menu bar": window.menuBar(),
        "search box": window.search_panel.field,
    }
    controls["戻る"] = bar.findChild(QWidget, "goButton_back")
    controls["進む"] = bar.findChild(QWidget, "goButton_forward")
    for page, action in window.page_actions.items():
        controls[f"view button {page}"] = bar.button(action)
    for key, button in window.filter_bar.perspective_buttons.items():
        controls[f"立場 {key}"] = button
    for setting, button in window.filter_bar.setting_buttons.items():
        controls[f"施設 {setting}"] = button
    return controls


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(("size", "zoom"), CORNERS)
def test_key_controls_are_visible_and_inside_the_window(window, size, zoom, page):
    window.resize(*size)
    window.set_zoom(zoom)  # the app's own text size (表示 → 文字を大きく)
    window.navigate(Location.parse(page))
    settle()
    assert (window.width(), window.height()) == size  # it did not grow
    for what, widget in key_controls(window).items():
        assert_shown_inside(widget, window, what)
    menu_bar = window.menuBar()
    for action in menu_bar.actions():
        geometry = menu_bar.actionGeometry(action)
        assert menu_bar.rect().contains(geometry), f"menu {action.text()} is cut off"
    assert not window.navigation_toolbar.more_button.isVisible()  # every view has its button
    # The page keeps most of the height: the bars above and below take at most a third.
    assert window.page_scroller.height() >= window.height() * 2 // 3


def test_the_search_box_shares_the_filters_line_on_a_laptop_at_200_percent(window):
    window.resize(1366, 768)
    window.set_zoom(200)
    settle()
    field = rect_in(window.search_panel.field, window)
    filters = rect_in(window.filter_bar.setting_buttons[None], window)
    assert field.top() < filters.bottom() and filters.top() < field.bottom()
    # Narrower there, it says what it is in fewer words; the tooltip has them all.
    assert window.search_panel.field.placeholderText() in ("検索 (Ctrl+F)", "検索")
    assert "ガイドラインを検索 (Ctrl+F)" in window.search_panel.field.toolTip()


def test_views_that_do_not_fit_go_behind_more_and_stay_reachable(qtbot, window):
    window.resize(700, 600)
    window.set_zoom(200)
    settle()
    bar = window.navigation_toolbar
    assert_shown_inside(bar.more_button, window, "その他")
    hidden = bar.hidden_views()
    assert hidden and bar.more_menu.actions() == hidden
    for action in window.page_actions.values():
        button = bar.button(action)
        assert action in hidden or window.rect().contains(rect_in(button, window))
    hidden[-1].trigger()  # chosen from 「その他」's menu
    assert window.current_location.page == "assessment"
    window.resize(1366, 768)
    window.set_zoom(100)
    settle()
    assert not bar.more_button.isVisible() and not bar.hidden_views()


def bar_sizes(window) -> dict[str, tuple[int, int]]:  # type: ignore[no-untyped-def]
    sizes = {
        "menu bar": window.menuBar().height(),
        "view bar": window.navigation_toolbar.height(),
        "filter bar": window.filter_bar.height(),
        "status bar": window.statusBar().height(),
        "page": window.page_scroller.height(),
    }
    found = {what: (0, height) for what, height in sizes.items()}
    found.update({what: (w.width(), w.height()) for what, w in key_controls(window).items()})
    return found


def test_ctrl_0_after_200_percent_puts_every_bar_back_exactly(qtbot, window):
    window.resize(1366, 768)
    settle()
    before = bar_sizes(window)
    for _ in range(10):
        window.zoom_in_action.trigger()  # Ctrl++ ten times: 200 %
    settle()
    assert window.zoom_percent == 200
    assert bar_sizes(window)["filter bar"] != before["filter bar"]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert window.zoom_percent == 100
    assert bar_sizes(window) == before


class WidePage(QWidget):
    """A page that needs far more room than any screen has."""

    def __init__(self) -> None:
        super().__init__()
        self.setMinimumSize(3000, 2000)

    def show_location(self, location: Location) -> None:
        pass

    def location_title(self, location: Location) -> str:
        return "広いページ"


def test_a_wide_page_scrolls_and_never_widens_the_window(window):
    screen = window.screen().availableGeometry()
    assert screen.contains(window.frameGeometry())  # the first size fits the screen
    size = window.size()
    window.register_page("wide", WidePage)
    window.navigate(Location("wide"))
    settle()
    assert window.size() == size
    assert screen.contains(window.frameGeometry())
    assert window.page_scroller.horizontalScrollBar().maximum() > 0
    assert window.page_scroller.verticalScrollBar().maximum() > 0
    window.navigate(Location("workflow"))  # only the page shown counts
    settle()
    assert window.page_scroller.horizontalScrollBar().maximum() == 0


class ListPage(QWidget):
    """A list and a tree of file names, as the window's lists show them."""

    NAMES = ["評価_2026_final.haipeval", "https://example.jp/guide_line/a_b"]

    def __init__(self) -> None:
        super().__init__()
        self.list = QListWidget(self)
        self.list.addItems(self.NAMES)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["名前"])
        for name in self.NAMES:
            QTreeWidgetItem(self.tree, [name])
        self.tree.move(0, 200)

    def show_location(self, location: Location) -> None:
        pass

    def location_title(self, location: Location) -> str:
        return "一覧"


@pytest.mark.parametrize("zoom", [100, 200])
def test_list_and_tree_rows_have_air_that_grows_with_the_text(window, zoom):
    window.register_page("lists", ListPage)
    window.navigate(Location("lists"))
    window.set_zoom(zoom)
    settle()
    page = window.page("lists")
    line = page.list.fontMetrics().height()
    em = page.list.fontMetrics().horizontalAdvance("あ")
    for view in (page.list, page.tree):
        model = view.model()
        for row in range(model.rowCount()):
            height = view.visualRect(model.index(row, 0)).height()
            # At least a third of an em beyond the text line: descenders and underscores of
            # one row clear the next.
            assert height >= line + em // 3, (view, row, height, line)
