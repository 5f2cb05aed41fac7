"""The report dialog and the print preview on the screens hospitals have, at large text sizes:
buttons and toolbars visible and inside their windows, and the zoom label telling the truth."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QScreen
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QApplication, QWidget

from haip_desktop.ui.report.report_dialog import ReportDialog
from haip_desktop.ui.shell.fonts import apply_zoom

CORNERS = [((1280, 720), 100), ((1366, 768), 200), ((1920, 1080), 150)]
A4_WIDTH_PT = 595.28


@pytest.fixture
def screen_and_text_size(qapp, monkeypatch):  # type: ignore[no-untyped-def]
    """Pretend the screen is `size` and set the app's text size (as 表示 → 文字を大きく does)."""
    font = QFont(qapp.font())

    def use(size: tuple[int, int], zoom: int) -> None:
        monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, *size))
        apply_zoom(zoom)

    yield use
    qapp.setFont(font)


def rect_in(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def assert_shown_inside(widget: QWidget, window: QWidget, what: str) -> None:
    assert widget.isVisible(), f"{what} is not shown"
    assert window.rect().contains(rect_in(widget, window)), f"{what} is outside {window}"


@pytest.mark.parametrize(("size", "zoom"), CORNERS)
def test_report_dialog_fits_the_screen_with_its_buttons_shown(
    qtbot, screen_and_text_size, size, zoom
):
    screen_and_text_size(size, zoom)
    dialog = ReportDialog(facility="医療法人 つばさ内科クリニック")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= size[0] and dialog.height() <= size[1]
    for button in dialog.buttons.buttons():
        assert_shown_inside(button, dialog, button.text())
    # Where the screen allows, every choice shows without scrolling.
    scrolls = dialog.scroller.verticalScrollBar().maximum() > 0
    assert scrolls == (dialog.scroller.widget().sizeHint().height() > dialog.scroller.height())
    if size[1] >= 1080:
        assert not scrolls


@pytest.fixture
def open_preview(qtbot, flow, short_options):  # type: ignore[no-untyped-def]
    def made():  # type: ignore[no-untyped-def]
        flow.options = short_options
        with qtbot.waitSignal(flow.preview_shown, timeout=20_000) as shown:
            flow.generate(short_options)
        window = shown.args[0]
        qtbot.waitExposed(window)
        for _ in range(3):
            QApplication.processEvents()
        return window

    return made


@pytest.mark.parametrize(("size", "zoom"), CORNERS)
def test_preview_toolbars_are_whole_and_inside(screen_and_text_size, open_preview, size, zoom):
    screen_and_text_size(size, zoom)
    preview = open_preview()
    assert preview.width() <= size[0] and preview.height() <= size[1]
    for bar in (preview.toolbar, preview.page_toolbar):
        for action in bar.actions():
            widget = bar.widgetForAction(action)
            if action.isSeparator() or widget is None or not action.text():
                continue
            assert_shown_inside(widget, preview, action.text())
    for widget in (preview.page_box, preview.zoom_label, preview.page_total_label):
        assert_shown_inside(widget, preview, widget.objectName())


def page_width_on_screen(view: QPdfView) -> int:
    """The width of the page as drawn: the run of page pixels across the middle of the view."""
    image = view.viewport().grab().toImage()
    row = image.height() // 2
    background = image.pixelColor(0, row)
    columns = [
        x
        for x in range(image.width())
        if image.pixelColor(x, row) != background
        and image.pixelColor(x, row) != QColor(view.palette().dark().color())
    ]
    return columns[-1] - columns[0] + 1 if columns else 0


def assert_label_tells_the_real_zoom(preview) -> int:  # type: ignore[no-untyped-def]
    shown = int(preview.zoom_label.text().rstrip("%"))
    drawn = page_width_on_screen(preview.view)
    real = round(100 * drawn / (A4_WIDTH_PT * preview.view.logicalDpiX() / 72))
    assert abs(shown - real) <= 2, (shown, real)
    return shown


def test_zoom_label_shows_the_real_zoom_when_fitting_the_width(qtbot, open_preview):
    preview = open_preview()
    assert preview.fit_width_action.isChecked()
    opened = assert_label_tells_the_real_zoom(preview)  # as it opens: not 「9%」
    preview.resize(preview.width() + 300, preview.height())
    for _ in range(3):
        QApplication.processEvents()
    wider = assert_label_tells_the_real_zoom(preview)
    assert wider > opened
    qtbot.keyClick(preview, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)  # ページ全体
    assert int(preview.zoom_label.text().rstrip("%")) < wider
