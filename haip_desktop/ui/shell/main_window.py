"""The main window: menus, toolbar, filters, search, and a stack of pages reached by location.

It implements `Shell` (protocol.py), the interface through which the parts of the
application (ui/parts.py) plug in: pages, menu entries by anchor, the status bar, the title,
close guards. Nothing outside ui/shell/ imports this module.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QMouseEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...guideline import Guideline, GuidelineDataError, Setting, load_guideline
from ..widgets.actions import Keys, make_action
from ..widgets.sizing import fit_to_screen
from ..widgets.style import STYLE_SHEET
from .assessment_context import AssessmentContext
from .filters import FilterBar, FilterModel
from .fonts import apply_zoom
from .navigation import BackForward, Location, location_for_item
from .navigation_bar import NavigationBar
from .page_area import PageStack, page_scroller
from .protocol import MenuAnchor, Page, PageFactory
from .search_panel import SearchPanel
from .settings import ZOOM_DEFAULT, ZOOM_STEP, UiSettings, clamp_zoom

log = logging.getLogger(__name__)


@dataclass
class _PageEntry:
    factory: PageFactory
    shows_guideline: bool
    widget: QWidget | None = None


class MainWindow(QMainWindow):
    location_changed = Signal(object)  # Location
    guideline_changed = Signal()

    def __init__(
        self,
        settings: UiSettings | None = None,
        settings_path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings_path = settings_path
        self.settings = settings if settings is not None else UiSettings.load(settings_path)
        self.guideline: Guideline | None = None
        self.file_open_handler: Callable[[Path], object] | None = None
        self.data_warning = ""
        self.data_error_page: QWidget | None = None
        self._close_guards: list[Callable[[], bool]] = []
        self._pages: dict[str, _PageEntry] = {}
        self._start_page = ""
        self._current: Location | None = None
        self._document_title = ""

        self.back_forward = BackForward(self)
        self.filters = FilterModel(self)
        self.filters.set_perspective(self.settings.perspective)
        self.filters.set_setting(_setting_from_text(self.settings.setting))
        self.assessment_context = AssessmentContext(lambda: self.guideline, self)

        self.setWindowTitle(self.tr("HAIP 生成AI利用ガイドライン"))
        self.setStyleSheet(STYLE_SHEET)
        self.zoom_percent = clamp_zoom(self.settings.zoom_percent)
        apply_zoom(self.zoom_percent)

        self._build_actions()
        self._build_central()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._restore_geometry()

        self.back_forward.changed.connect(self._update_back_forward_actions)
        self._update_back_forward_actions()
        self._watching_mouse = False  # the back/forward buttons: from the first show on

    # -- building -------------------------------------------------------------------------

    def _build_actions(self) -> None:
        key = QKeySequence

        def action(text: str, slot: Callable[[], object], keys: Keys, tip: str = "") -> QAction:
            made = make_action(self, text, slot, keys, tip)
            self.addAction(made)  # shortcuts work even when menus and toolbar are hidden
            return made

        self.quit_action = action(self.tr("終了(&X)"), self.close, key.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.back_action = action(
            self.tr("戻る(&B)"),
            self.back,
            [key(Qt.Modifier.ALT | Qt.Key.Key_Left), key(Qt.Key.Key_Back)],
            self.tr("前に見ていた画面に戻る (Alt+←)"),
        )
        self.forward_action = action(
            self.tr("進む(&F)"),
            self.forward,
            [key(Qt.Modifier.ALT | Qt.Key.Key_Right), key(Qt.Key.Key_Forward)],
            self.tr("戻る前の画面に進む (Alt+→)"),
        )
        self.find_action = action(
            self.tr("検索(&S)"),
            self.focus_search,
            key.StandardKey.Find,
            self.tr("ガイドラインの全文から探す (Ctrl+F)"),
        )
        self.zoom_in_action = action(
            self.tr("文字を大きく(&I)"),
            lambda: self.set_zoom(self.zoom_percent + ZOOM_STEP),
            [key("Ctrl++"), key("Ctrl+="), key(key.StandardKey.ZoomIn)],
        )
        self.zoom_out_action = action(
            self.tr("文字を小さく(&O)"),
            lambda: self.set_zoom(self.zoom_percent - ZOOM_STEP),
            [key("Ctrl+-"), key(key.StandardKey.ZoomOut)],
        )
        self.zoom_reset_action = action(
            self.tr("標準の文字の大きさ(&N)"), lambda: self.set_zoom(ZOOM_DEFAULT), [key("Ctrl+0")]
        )

    def _build_central(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.navigation_toolbar = NavigationBar(central)
        layout.addWidget(self.navigation_toolbar)
        self.filter_bar = FilterBar(self.filters, central)
        layout.addWidget(self.filter_bar)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, central)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.search_panel = SearchPanel(
            self,
            self.fit_search_panel,
            lambda: self.pages.setFocus(Qt.FocusReason.OtherFocusReason),
            self.splitter,
        )
        self.pages = PageStack()
        self.pages.setObjectName("pages")
        self._loading_page = _message_page(self.tr("ガイドラインを読み込んでいます…"), self.pages)
        self.pages.addWidget(self._loading_page)
        # A page wider or taller than the window scrolls; it never makes the window grow.
        self.page_scroller = page_scroller(self.pages, self.splitter)
        self.splitter.addWidget(self.search_panel)
        self.splitter.addWidget(self.page_scroller)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.search_panel.hide()
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.filters.changed.connect(self._remember_filters)

    def _build_menus(self) -> None:
        """The menus, and in them the groups (MenuAnchor) where the parts put their entries.

        Each group ends in a separator; QMenu hides separators that would stand first, last
        or next to another, so a group nobody filled leaves no trace.
        """
        bar = self.menuBar()
        self._group_ends: dict[MenuAnchor, tuple[QMenu, QAction]] = {}

        def menu(title: str, name: str) -> QMenu:
            made = bar.addMenu(title)
            made.setObjectName(name)
            return made

        def groups(target: QMenu, *anchors: MenuAnchor) -> None:
            for anchor in anchors:
                self._group_ends[anchor] = (target, target.addSeparator())

        self.file_menu = menu(self.tr("ファイル(&F)"), "fileMenu")
        groups(self.file_menu, MenuAnchor.FILE_DOCUMENT, MenuAnchor.FILE_SAVE)
        groups(self.file_menu, MenuAnchor.FILE_OUTPUT)
        self.file_menu.addAction(self.quit_action)

        self.view_menu = menu(self.tr("表示(&V)"), "viewMenu")
        self.view_menu.addAction(self.zoom_in_action)
        self.view_menu.addAction(self.zoom_out_action)
        self.view_menu.addAction(self.zoom_reset_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.find_action)
        self.view_menu.addSeparator()
        self._add_filter_menus()

        self.go_menu = menu(self.tr("移動(&G)"), "goMenu")
        self.go_menu.addAction(self.back_action)
        self.go_menu.addAction(self.forward_action)
        self.go_menu.addSeparator()
        groups(self.go_menu, MenuAnchor.GO_GUIDELINE, MenuAnchor.GO_ASSESSMENT)

        self.tools_menu = menu(self.tr("ツール(&T)"), "toolsMenu")
        groups(self.tools_menu, MenuAnchor.TOOLS_COMPARE, MenuAnchor.TOOLS_DATA)

        self.help_menu = menu(self.tr("ヘルプ(&H)"), "helpMenu")
        groups(self.help_menu, MenuAnchor.HELP)

    def _add_filter_menus(self) -> None:
        """The filters in the 表示 menu too, so they are reachable with Alt+V."""
        from PySide6.QtGui import QActionGroup

        from ...guideline import Setting

        perspective_menu = self.view_menu.addMenu(self.tr("立場で絞り込む(&P)"))
        group = QActionGroup(self)
        self.perspective_actions: dict[str, QAction] = {}
        for key, text in [
            ("all", self.tr("両方(&A)")),
            ("user", self.tr("利用者(&U)")),
            ("developer", self.tr("開発者(&D)")),
        ]:
            action = perspective_menu.addAction(text)
            action.setCheckable(True)
            group.addAction(action)
            action.triggered.connect(lambda _=False, k=key: self.filters.set_perspective(k))
            self.perspective_actions[key] = action
        setting_menu = self.view_menu.addMenu(self.tr("施設で絞り込む(&S)"))
        group = QActionGroup(self)
        self.setting_actions: dict[Setting | None, QAction] = {}
        for setting, text in [
            (None, self.tr("すべて(&A)")),
            (Setting.HOSPITAL, self.tr("病院(&H)")),
            (Setting.CLINIC, self.tr("診療所(&C)")),
            (Setting.PHARMACY, self.tr("薬局(&P)")),
        ]:
            action = setting_menu.addAction(text)
            action.setCheckable(True)
            group.addAction(action)
            action.triggered.connect(lambda _=False, s=setting: self.filters.set_setting(s))
            self.setting_actions[setting] = action

        def sync() -> None:
            current = self.filters.current
            self.perspective_actions[current.perspective].setChecked(True)
            self.setting_actions[current.setting].setChecked(True)

        self.filters.changed.connect(sync)
        sync()

    def _build_toolbar(self) -> None:
        self.back_action.setIconText(self.tr("◀ 戻る"))
        self.forward_action.setIconText(self.tr("進む ▶"))
        self._add_toolbar_button(self.back_action, "back", view=False)
        self._add_toolbar_button(self.forward_action, "forward", view=False)
        self.navigation_toolbar.add_separator()
        self.page_actions: dict[str, QAction] = {}
        self.filter_bar.add_trailing(self.search_panel.field)

    def _add_toolbar_button(self, action: QAction, name: str, *, view: bool = True) -> None:
        button = self.navigation_toolbar.add_button(action, name, view=view)
        button.setAccessibleName(_without_mnemonic(action.text()))

    def _build_status_bar(self) -> None:
        self.guideline_status = QLabel(self)
        self.guideline_status.setObjectName("guidelineStatus")
        self.statusBar().addPermanentWidget(self.guideline_status)

    # -- what the parts use (Shell) ---------------------------------------------------------

    @property
    def widget(self) -> QWidget:
        return self

    def add_action(
        self, action: QAction, anchor: MenuAnchor | None = None, *, after: QAction | None = None
    ) -> None:
        if action.menu() is None:  # (a submenu's entry has no keys of its own)
            self.addAction(action)  # shortcuts work even when menus and toolbar are hidden
        if anchor is None:
            return
        menu, end = self._group_ends[anchor]
        entries = menu.actions()
        before = end
        if after is not None and after in entries[: entries.index(end)]:
            before = entries[entries.index(after) + 1]
        menu.insertAction(before, action)

    def add_page_action(self, page: str, action: QAction, anchor: MenuAnchor) -> None:
        """A toolbar button (and menu entry) for a page, shown pressed while it is open."""
        action.setCheckable(True)
        action.setIconText(_without_mnemonic(action.iconText() or action.text()))
        self._add_toolbar_button(action, page)
        self.add_action(action, anchor)
        self.page_actions[page] = action
        if self._current is not None:
            action.setChecked(page == self._current.page)

    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def set_file_open_handler(self, handler: Callable[[Path], object]) -> None:
        self.file_open_handler = handler

    # -- pages and navigation ---------------------------------------------------------------

    def register_page(
        self,
        name: str,
        factory: PageFactory,
        *,
        shows_guideline: bool = False,
        start: bool = False,
    ) -> None:
        """Add a page reached by `Location(name, …)`; built on first use."""
        old = self._pages.get(name)
        if old is not None and old.widget is not None:
            self.pages.removeWidget(old.widget)
            old.widget.deleteLater()
        self._pages[name] = _PageEntry(factory, shows_guideline)
        if start:
            self._start_page = name

    def page(self, name: str, build: bool = True) -> QWidget | None:
        """The page widget; built now if it was not yet and `build` is true."""
        entry = self._pages.get(name)
        if entry is None:
            return None
        if entry.widget is None and build:
            widget = entry.factory()
            if not isinstance(widget, Page):
                raise TypeError(f"page {name!r} lacks show_location/location_title")
            if not widget.objectName():
                widget.setObjectName(f"page_{name}")
            self.pages.addWidget(widget)
            entry.widget = widget
        return entry.widget

    def built_pages(self) -> list[str]:
        return [name for name, entry in self._pages.items() if entry.widget is not None]

    @property
    def start_location(self) -> Location:
        return Location(self._start_page)

    @property
    def current_location(self) -> Location | None:
        return self._current

    def navigate(self, location: Location | str, record: bool = True) -> bool:
        """Show a location; with `record`, it becomes a new entry in Back/Forward."""
        if isinstance(location, str):
            parsed = Location.parse(location)
            if parsed is None:
                return False
            location = parsed
        entry = self._pages.get(location.page)
        if entry is None:
            log.warning("Unknown page in location %s", location)
            self.show_status(self.tr("その画面はありません: %1").replace("%1", str(location)), 5000)
            return False
        if entry.shows_guideline:
            if self.guideline is None:
                return False
            if location.item and self.guideline.get(location.item) is None:
                self.show_status(
                    self.tr("「%1」はこのガイドラインデータにありません。").replace(
                        "%1", location.item
                    ),
                    8000,
                )
                return False
        self._show(location, record)
        return True

    def update_location(self, location: Location) -> None:
        """A page reports a change within itself (a tab, a selection) without a new history entry."""
        self._current = location
        self.back_forward.replace_current(location)
        widget = self.page(location.page, build=False)
        if isinstance(widget, Page):
            self._update_title(location, widget)

    def _show(self, location: Location, record: bool | None = None) -> None:
        """Show the page at `location`; a new Back/Forward entry (`record`), a replaced one
        (False), or none (None: Back/Forward itself moved)."""
        widget = self.page(location.page)
        assert isinstance(widget, Page)
        widget.show_location(location)
        self.pages.setCurrentWidget(widget)
        self._current = location
        if record is not None:
            if record:
                self.back_forward.visit(location)
            else:
                self.back_forward.replace_current(location)
        for page, action in self.page_actions.items():
            action.setChecked(page == location.page)
        self._update_title(location, widget)
        self.location_changed.emit(location)

    def _update_title(self, location: Location, page: Page) -> None:
        title = page.location_title(location)
        if self._document_title:
            title = f"{self._document_title} — {title}"
        self.setWindowTitle(self.tr("%1 — HAIP 生成AI利用ガイドライン").replace("%1", title))

    def set_document_title(self, text: str) -> None:
        """The open document's name and unsaved mark ("評価.json*"), shown first in the title."""
        self._document_title = text
        location = self._current
        widget = self.page(location.page, build=False) if location is not None else None
        if location is not None and isinstance(widget, Page):
            self._update_title(location, widget)
        elif text:
            self.setWindowTitle(self.tr("%1 — HAIP 生成AI利用ガイドライン").replace("%1", text))
        else:
            self.setWindowTitle(self.tr("HAIP 生成AI利用ガイドライン"))

    def back(self) -> None:
        location = self.back_forward.back()
        if location is not None and location.page in self._pages:
            self._show(location)

    def forward(self) -> None:
        location = self.back_forward.forward()
        if location is not None and location.page in self._pages:
            self._show(location)

    def open_item(self, item_id: str) -> bool:
        """Show any guideline item (by id) in its context."""
        if self.guideline is None:
            return False
        item = self.guideline.get(item_id)
        if item is None:
            return False
        return self.navigate(location_for_item(self.guideline, item))

    def _update_back_forward_actions(self) -> None:
        self.back_action.setEnabled(self.back_forward.can_go_back())
        self.forward_action.setEnabled(self.back_forward.can_go_forward())

    # -- guideline ------------------------------------------------------------------------

    def load_guideline(self, path: Path | None = None) -> bool:
        """Load the active guideline data (an imported pack, else the bundled data) or the
        given folder; on failure show what went wrong.

        A broken imported pack falls back to the bundled data; the warning says so.
        """
        warning = None
        try:
            if path is None:
                from ...guideline.packs import load_active_guideline

                active = load_active_guideline()
                guideline, warning = active.guideline, active.warning
            else:
                guideline = load_guideline(path)
        except GuidelineDataError as exc:
            log.error("Guideline data could not be loaded:\n%s", exc)
            self._show_data_error(str(exc))
            return False
        except Exception as exc:  # noqa: BLE001 - anything else must still reach the person
            log.exception("Unexpected error while loading guideline data")
            self._show_data_error(f"{type(exc).__name__}: {exc}")
            return False
        self.set_guideline(guideline)
        if warning:
            self.show_data_warning(warning)
        return True

    def show_data_warning(self, text: str) -> None:
        """A problem with the guideline data that does not stop the app (Japanese text)."""
        from PySide6.QtWidgets import QMessageBox

        self.data_warning = text
        self.statusBar().showMessage(text)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("ガイドラインデータ"),
            text,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("dataWarning")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def set_guideline(self, guideline: Guideline) -> None:
        """Use this guideline; pages already built are rebuilt on their next use."""
        self.guideline = guideline
        for entry in self._pages.values():
            if entry.widget is not None and entry.shows_guideline:
                self.pages.removeWidget(entry.widget)
                entry.widget.deleteLater()
                entry.widget = None
        self.search_panel.reset()
        self.guideline_status.setText(
            self.tr("第%1版に基づく ・ データ版 %2")
            .replace("%1", str(guideline.edition))
            .replace("%2", guideline.data_version)
        )
        self.guideline_changed.emit()
        start = Location.parse(self.settings.last_location) or self.start_location
        if not self.navigate(self._current or start):
            self.navigate(self.start_location)

    def _show_data_error(self, detail: str) -> None:
        page = QWidget(self.pages)
        page.setObjectName("dataErrorPage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(32, 24, 32, 24)
        heading = QLabel(self.tr("ガイドラインのデータを読み込めませんでした"), page)
        heading.setObjectName("pageHeading")
        layout.addWidget(heading)
        advice = QLabel(
            self.tr(
                "アプリに同梱されているガイドラインのデータに問題があるため、内容を表示できません。"
                "アプリを入れ直すか、システム管理者に連絡してください。"
                "連絡の際は、下の内容（どのファイルのどの行か）を伝えてください。"
            ),
            page,
        )
        advice.setWordWrap(True)
        layout.addWidget(advice)
        details = QTextBrowser(page)
        details.setObjectName("dataErrorDetails")
        details.setAccessibleName(self.tr("データの問題の詳細"))
        details.setPlainText(detail)
        layout.addWidget(details, 1)
        self.pages.addWidget(page)
        self.pages.setCurrentWidget(page)
        self.data_error_page = page
        self.statusBar().showMessage(self.tr("ガイドラインのデータを読み込めませんでした"))

    # -- search, about, files -------------------------------------------------------------

    def fit_search_panel(self) -> None:
        """Give the results a readable width when they first appear (unless the user chose one)."""
        if self.splitter.objectName() in self.settings.splitters:
            return
        em = self.fontMetrics().horizontalAdvance("あ")
        total = sum(self.splitter.sizes())
        wanted = min(max(em * 20, total * 3 // 10), total // 2)
        if self.splitter.sizes()[0] < wanted:
            self.splitter.setSizes([wanted, total - wanted])

    def focus_search(self) -> None:
        self.search_panel.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_panel.field.selectAll()

    def request_open_file(self, path: Path) -> None:
        """Open a file given on the command line, through whoever handles files."""
        if self.file_open_handler is not None:
            self.file_open_handler(path)
            return
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(
            self,
            self.tr("ファイルを開けません"),
            self.tr(
                "「%1」を開く機能がこの版のアプリにはありません。"
                "ガイドラインの閲覧だけを続けられます。"
            ).replace("%1", str(path)),
        )

    def add_close_guard(self, guard: Callable[[], bool]) -> None:
        self._close_guards.append(guard)

    # -- text size --------------------------------------------------------------------------

    def set_zoom(self, percent: int) -> None:
        percent = clamp_zoom(percent)
        if percent == self.zoom_percent:
            return
        self.zoom_percent = percent
        self.settings.zoom_percent = percent
        apply_zoom(percent)
        # Widgets styled by a style sheet keep the font they were polished with: re-polish.
        self.setStyleSheet("")
        self.setStyleSheet(STYLE_SHEET)
        self.statusBar().showMessage(self.tr("文字の大きさ: %1%").replace("%1", str(percent)), 3000)

    # -- persistence ------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = UiSettings.decode(self.settings.geometry)
        if not geometry or not self.restoreGeometry(QByteArray(geometry)):
            # Qt keeps a restored window on its screen; the first size must fit it too
            # (a 1366 × 768 laptop has less height than 820 once the taskbar is counted).
            fit_to_screen(self, 1280, 820, share=0.95)
        state = UiSettings.decode(self.settings.window_state)
        if state:
            self.restoreState(QByteArray(state))
        self.restore_splitter(self.splitter)

    def restore_splitter(self, splitter: QSplitter) -> bool:
        """Splitters with an objectName keep their positions across sessions."""
        name = splitter.objectName()
        state = UiSettings.decode(self.settings.splitters.get(name, ""))
        if state:
            splitter.restoreState(QByteArray(state))
        splitter.splitterMoved.connect(lambda *_: self.remember_splitter(splitter, name))
        return name in self.settings.splitters

    def remember_splitter(self, splitter: QSplitter, name: str = "") -> None:
        self.settings.splitters[name or splitter.objectName()] = UiSettings.encode(
            bytes(splitter.saveState().data())
        )

    def _remember_filters(self) -> None:
        current = self.filters.current
        self.settings.perspective = current.perspective
        self.settings.setting = current.setting.value if current.setting else ""

    def save_settings(self) -> None:
        self.settings.geometry = UiSettings.encode(bytes(self.saveGeometry().data()))
        self.settings.window_state = UiSettings.encode(bytes(self.saveState().data()))
        if self._current is not None and self._current.page in self._pages:
            self.settings.last_location = str(self._current)
        self.settings.zoom_percent = self.zoom_percent
        self.settings.save(self.settings_path)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        for guard in self._close_guards:
            if not guard():
                event.ignore()
                return
        self.save_settings()
        app = QApplication.instance()
        if app is not None and self._watching_mouse:
            app.removeEventFilter(self)
            self._watching_mouse = False
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        # The application's events are watched once the window can be seen (the mouse's
        # back/forward buttons, menus to give their style): not the thousands of building it
        # and its start page.
        app = QApplication.instance()
        if app is not None and not self._watching_mouse:
            app.installEventFilter(self)
            self._watching_mouse = True
            for menu in self.findChildren(QMenu):  # (menus are polished when first shown)
                if menu.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
                    _give_menu_style(menu)
        super().showEvent(event)

    # -- every event of the application: back/forward buttons, menus ------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, QMenu):
            # Any menu, context menus of Qt's own widgets included, before it is laid out.
            _give_menu_style(watched)
        elif kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            button = event.button()
            if (
                button in (Qt.MouseButton.BackButton, Qt.MouseButton.ForwardButton)
                and isinstance(watched, QWidget)
                and watched.window() is self
            ):
                if button == Qt.MouseButton.BackButton:
                    self.back()
                else:
                    self.forward()
                return True
        return super().eventFilter(watched, event)

    def start(self, file: Path | None = None) -> None:
        """Load the guideline, then open a file if one was given.

        Called before the window is first shown (app.run): data already checked on an
        earlier start is read at once from its snapshot (guideline/snapshot.py), so that the
        first paint already shows the start page. Data that has to be validated first (the
        first start, new data, a problem to report) is loaded once the window has appeared,
        with 「読み込んでいます」 meanwhile — as when this is called after show().
        """
        from ...guideline.packs import checked_active_guideline

        active = checked_active_guideline() if self.guideline is None else None
        if active is not None:
            self.set_guideline(active.guideline)
            if file is not None:
                QTimer.singleShot(0, lambda: self.request_open_file(file))
            return

        def load() -> None:
            self.load_guideline()
            if file is not None:
                self.request_open_file(file)

        QTimer.singleShot(0, load)


def _give_menu_style(menu: QMenu) -> None:
    # Imported on first use: defining the style builds QStyle's enums (≈5 ms), not needed
    # before the first paint.
    from ..widgets.app_style import give_menu_style

    give_menu_style(menu)


def _setting_from_text(text: str) -> Setting | None:
    from ...guideline import Setting

    try:
        return Setting(text) if text else None
    except ValueError:
        return None


def _without_mnemonic(text: str) -> str:
    import re

    # "業務フロー(&W)" (or Qt's icon text "業務フロー(W)") -> "業務フロー"
    return re.sub(r"\(&?[A-Za-z0-9]\)$", "", text).replace("&", "")


def _message_page(text: str, parent: QWidget) -> QWidget:
    label = QLabel(text, parent)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    return label
