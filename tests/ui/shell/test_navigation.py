"""Back/Forward like a browser, lazy pages, last place and text size remembered."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtWidgets import QApplication, QLabel, QTextBrowser

from haip_desktop.ui.app import build_main_window
from haip_desktop.ui.shell.navigation import Location
from haip_desktop.ui.shell.settings import UiSettings


def test_alt_left_and_alt_right_go_back_and_forward(qtbot, guideline_window, guideline):
    step = guideline.flows[1].steps[0]
    uc = guideline.use_cases[0]
    guideline_window.navigate(Location("step", step.id))
    guideline_window.navigate(Location("use_case", uc.id))
    qtbot.keyClick(guideline_window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert guideline_window.current_location == Location("step", step.id)
    assert guideline_window.pages.currentWidget() is guideline_window.page("step")
    assert step.name in guideline_window.page("step").toPlainText()
    qtbot.keyClick(guideline_window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert guideline_window.current_location.page == "workflow"
    assert not guideline_window.back_action.isEnabled()
    qtbot.keyClick(guideline_window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert guideline_window.current_location == Location("step", step.id)
    assert guideline_window.forward_action.isEnabled()


def test_back_returns_to_the_step_box_that_was_opened(qtbot, guideline_window, guideline):
    from haip_desktop.ui.widgets.style import ACCENT

    guideline_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is guideline_window)
    workflow = guideline_window.page("workflow")
    box = workflow.sections[1].diagram.boxes[2]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert guideline_window.pages.currentWidget() is not workflow
    guideline_window.back()
    assert guideline_window.current_location == Location("workflow", "", box.step.id)
    # The person sees that very box focused: it has the keyboard focus, is on screen, and is
    # drawn with the thick accent border (other boxes keep their thin grey one).
    assert QApplication.focusWidget() is box
    assert not box.visibleRegion().isEmpty()
    image = box.grab().toImage()
    middle = image.height() // 2
    assert image.pixelColor(1, middle).name() == QColor(ACCENT).name()
    other = workflow.sections[1].diagram.boxes[3].grab().toImage()
    assert other.pixelColor(1, middle).name() != QColor(ACCENT).name()


def test_mouse_back_button_goes_back(guideline_window, guideline):
    guideline_window.navigate(Location("risk_matrix"))
    target = guideline_window.page("risk_matrix").table.viewport()
    event = QMouseEvent(
        QEvent.Type.MouseButtonPress,
        QPointF(5, 5),
        QPointF(5, 5),
        Qt.MouseButton.BackButton,
        Qt.MouseButton.BackButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, event)
    assert guideline_window.current_location.page == "workflow"


def test_pages_are_built_only_when_first_shown(qtbot, guideline):
    window = build_main_window().window
    qtbot.addWidget(window)
    assert window.built_pages() == []
    window.set_guideline(guideline)
    assert window.built_pages() == ["workflow"]
    window.navigate(Location("risk_matrix"))
    assert set(window.built_pages()) == {"workflow", "risk_matrix"}


def test_zoom_changes_the_text_size_and_is_remembered(qtbot, guideline_window, guideline):
    before = QApplication.font().pointSizeF()
    qtbot.keyClick(guideline_window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(guideline_window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert guideline_window.zoom_percent == 120
    assert QApplication.font().pointSizeF() > before
    guideline_window.close()

    again = build_main_window().window
    qtbot.addWidget(again)
    again.show()
    assert again.zoom_percent == 120
    assert QApplication.font().pointSizeF() > before
    # (The offscreen platform does not activate a second window, so its keys go by action.)
    assert again.zoom_reset_action.shortcut().toString() == "Ctrl+0"
    again.zoom_reset_action.trigger()
    assert again.zoom_percent == 100
    assert QApplication.font().pointSizeF() == before
    again.zoom_out_action.trigger()
    assert again.zoom_percent == 90


def test_last_location_is_restored_on_the_next_start(qtbot, guideline_window, guideline):
    uc = guideline.use_cases[3]
    guideline_window.navigate(Location("use_case", uc.id))
    guideline_window.close()
    again = build_main_window().window
    qtbot.addWidget(again)
    again.set_guideline(guideline)
    assert again.current_location == Location("use_case", uc.id)
    assert uc.summary in again.page("use_case").document.toPlainText()


def test_filters_are_remembered(qtbot, guideline_window, guideline):
    qtbot.mouseClick(
        guideline_window.filter_bar.perspective_buttons["developer"], Qt.MouseButton.LeftButton
    )
    guideline_window.close()
    again = build_main_window().window
    qtbot.addWidget(again)
    assert again.filters.current.perspective == "developer"
    assert again.filter_bar.perspective_buttons["developer"].isChecked()


def test_a_location_that_no_longer_exists_falls_back_to_the_start(qtbot, guideline):
    UiSettings(last_location="step/ST-GONE-99").save()
    window = build_main_window().window
    qtbot.addWidget(window)
    window.set_guideline(guideline)
    assert window.current_location == Location("workflow")


def test_unreadable_settings_give_defaults(tmp_path):
    path = tmp_path / "ui-settings.json"
    path.write_text("{not json", encoding="utf-8")
    assert UiSettings.load(path) == UiSettings()
    path.write_text('{"zoom_percent": 9999, "last_location": 5}', encoding="utf-8")
    loaded = UiSettings.load(path)
    assert loaded.zoom_percent == 300 and loaded.last_location == ""


def test_broken_guideline_data_shows_a_japanese_message(qtbot, data_copy):
    broken = data_copy / "use_cases.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("summary:", "sumary:", 1), encoding="utf-8"
    )
    window = build_main_window().window
    qtbot.addWidget(window)
    window.show()
    assert window.load_guideline(data_copy) is False
    page = window.pages.currentWidget()
    assert page is window.data_error_page
    texts = " ".join(label.text() for label in page.findChildren(QLabel))
    assert "ガイドラインのデータを読み込めませんでした" in texts
    assert "システム管理者" in texts
    detail = page.findChild(QTextBrowser).toPlainText()
    assert "use_cases.yaml" in detail and "sumary" in detail


def test_every_action_has_a_shortcut_and_controls_have_names(guideline_window, parts):
    for action in (
        guideline_window.back_action,
        guideline_window.forward_action,
        parts.guideline.go_workflow_action,
        parts.guideline.go_use_cases_action,
        parts.guideline.go_risk_matrix_action,
        parts.guideline.go_references_action,
        guideline_window.find_action,
        guideline_window.zoom_in_action,
        guideline_window.zoom_out_action,
        guideline_window.zoom_reset_action,
        parts.guideline.about_action,
    ):
        assert not action.shortcut().isEmpty(), action.text()
    bar = guideline_window.filter_bar
    for button in [*bar.perspective_buttons.values(), *bar.setting_buttons.values()]:
        assert button.accessibleName().startswith(("立場: ", "施設: "))
    assert guideline_window.search_panel.field.accessibleName()
    menus = [a.text() for a in guideline_window.menuBar().actions()]
    assert menus == ["ファイル(&F)", "表示(&V)", "移動(&G)", "ツール(&T)", "ヘルプ(&H)"]


def test_filters_are_also_in_the_view_menu(guideline_window):
    guideline_window.perspective_actions["developer"].trigger()
    assert guideline_window.filters.current.perspective == "developer"
    assert guideline_window.filter_bar.perspective_buttons["developer"].isChecked()
    guideline_window.filter_bar.perspective_buttons["all"].click()
    assert guideline_window.perspective_actions["all"].isChecked()


def test_start_shows_the_window_first_then_loads_and_opens_the_file(qtbot, tmp_path):
    opened = []
    window = build_main_window().window
    qtbot.addWidget(window)
    window.set_file_open_handler(opened.append)
    window.show()
    window.start(tmp_path / "評価.haip.json")
    assert window.guideline is None and window.built_pages() == []  # nothing heavy yet
    qtbot.waitUntil(lambda: window.guideline is not None and bool(opened))
    assert window.current_location == Location("workflow")
    assert opened == [tmp_path / "評価.haip.json"]
    assert "データ版" in window.guideline_status.text()


def test_splitter_positions_are_remembered(qtbot, guideline_window, guideline):
    guideline_window.navigate(Location("use_case", guideline.use_cases[0].id))
    splitter = guideline_window.page("use_case")
    splitter.resize(1000, 600)
    splitter.moveSplitter(420, 1)
    chosen = splitter.sizes()[0]
    guideline_window.close()
    again = build_main_window().window
    qtbot.addWidget(again)
    again.set_guideline(guideline)
    again.navigate(Location("use_case", guideline.use_cases[0].id))
    restored = again.page("use_case")
    restored.resize(1000, 600)
    assert abs(restored.sizes()[0] - chosen) <= 2
