"""What a view or a part may use of the window: the `Shell` interface.

The window (`main_window.Shell`) implements it; nothing outside ui/shell/ knows the
window's class. A part (guideline views, assessment, reports, updates, comparisons) is
installed with the shell (ui/parts.py) and keeps it; its views receive it in turn.

Pages are widgets that also implement `Page`: the shell shows them by `Location` and asks
them for the window title.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QSplitter, QWidget

    from ...guideline import Guideline
    from .assessment_context import AssessmentContext
    from .filters import FilterModel
    from .navigation import Location


class MenuAnchor(Enum):
    """The places in the menus where parts put their entries, in the order they appear.

    Each is a group of entries; the shell draws a separator between groups that have any.
    """

    FILE_DOCUMENT = "file/document"  # 新規評価, 前回の評価から新規作成, 開く, 最近使ったファイル
    FILE_SAVE = "file/save"  # 保存, 名前を付けて保存, 評価を閉じる
    FILE_OUTPUT = "file/output"  # 報告書を作成 (終了 follows, the shell's own)
    GO_GUIDELINE = "go/guideline"  # 業務フロー … 関係法令・参考資料 (after 戻る, 進む)
    GO_ASSESSMENT = "go/assessment"  # 自己評価
    TOOLS_COMPARE = "tools/compare"  # グループ集計, 年度比較
    TOOLS_DATA = "tools/data"  # ガイドラインデータの更新, 変更点, 評価の移行
    HELP = "help/about"  # このガイドラインについて


@runtime_checkable
class Page(Protocol):
    """A page of the window (a QWidget that also has these two methods)."""

    def show_location(self, location: Location) -> None:
        """Show this place (an item, an anchor in it); called before the page is raised."""

    def location_title(self, location: Location) -> str:
        """The window title's part for this place (e.g. the step's name)."""


PageFactory = Callable[[], "QWidget"]


class Shell(Protocol):
    """All a view or a part may use of the window."""

    # -- the guideline and what is shown of it ---------------------------------------------

    @property
    def guideline(self) -> Guideline | None:
        """The guideline data in use (None until it has loaded)."""

    @property
    def guideline_changed(self) -> SignalInstance:
        """Emitted after other guideline data is in use (pages showing it are rebuilt)."""

    def load_guideline(self, path: Path | None = None) -> bool:
        """Load the active data again (after an update), or a folder; False if it failed."""

    @property
    def filters(self) -> FilterModel:
        """The perspective and facility filters every guideline view follows."""

    @property
    def assessment_context(self) -> AssessmentContext:
        """The open assessment as the guideline views see it (progress per step)."""

    # -- pages and navigation --------------------------------------------------------------

    def register_page(
        self,
        name: str,
        factory: PageFactory,
        *,
        shows_guideline: bool = False,
        start: bool = False,
    ) -> None:
        """A page reached by `Location(name, …)`, built by `factory` on first use.

        A page that `shows_guideline` is reached only once the guideline has loaded, checks
        that the item in a location exists, and is rebuilt when the data changes. The `start`
        page is shown first and wherever a remembered place no longer exists.
        """

    def page(self, name: str, build: bool = True) -> QWidget | None:
        """The page's widget; built now if it was not yet and `build` is true."""

    def add_page_action(self, page: str, action: QAction, anchor: MenuAnchor) -> None:
        """A toolbar button and menu entry for a page, shown pressed while it is open."""

    @property
    def current_location(self) -> Location | None: ...

    def navigate(self, location: Location | str, record: bool = True) -> bool:
        """Show a location; with `record`, it becomes a new entry in Back/Forward."""

    def update_location(self, location: Location) -> None:
        """A page reports a change within itself (a tab, a selection): no new entry."""

    def open_item(self, item_id: str) -> bool:
        """Show any guideline item (by id) in its context."""

    # -- menus, status, the window ---------------------------------------------------------

    def add_action(
        self, action: QAction, anchor: MenuAnchor | None = None, *, after: QAction | None = None
    ) -> None:
        """Make the action's shortcut work anywhere in the window and, with an anchor, put it
        in that menu group (at its end, or right `after` an entry already there)."""

    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        """A message in the status bar (Japanese), for `timeout_ms` or until the next one."""

    def set_document_title(self, text: str) -> None:
        """The open document's name and unsaved mark ("評価.haipeval*"), first in the title."""

    def set_file_open_handler(self, handler: Callable[[Path], object]) -> None:
        """Who opens a file given on the command line (``haip-desktop FILE``)."""

    def add_close_guard(self, guard: Callable[[], bool]) -> None:
        """Called before the window closes; returning False keeps it open."""

    def restore_splitter(self, splitter: QSplitter) -> bool:
        """A splitter with an objectName keeps its position across sessions; True when the
        person had placed it in an earlier session (and it was put back there)."""

    @property
    def widget(self) -> QWidget:
        """The window itself: the parent of dialogs and of the parts' objects."""
