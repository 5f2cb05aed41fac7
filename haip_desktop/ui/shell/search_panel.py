"""Search as you type over every text of the guideline; results grouped by kind, hit highlighted.

The search box lives in the toolbar (always visible, Ctrl+F); results appear in a panel
beside the page. ↓ moves from the box into the results, Enter opens the chosen result (or the
first one) in its context, Esc clears the search.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...guideline import Countermeasure, Risk, Step, UseCase, UseScene
from ...guideline.search import KIND_LABELS, KIND_ORDER, SearchHit, SearchIndex
from ..widgets.level_text import level_text
from ..widgets.style import ACCENT, MUTED
from ..widgets.tree_rows import grouped_items
from .filters import GuidelineFilter
from .search_field import SearchField

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

    from .protocol import Shell

# The result list (item views, the style's enums) is imported with the first search.
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
HIGHLIGHT = "#ffe08a"


def hit_html(hit: SearchHit, note: str = "") -> str:
    """The result's title and an excerpt with the hit marked; `note` is a quiet last line
    (for a countermeasure, who acts on it)."""
    excerpt, start, end = hit.snippet()
    marked = (
        html.escape(excerpt[:start])
        + f'<span style="background-color:{HIGHLIGHT};">'
        + html.escape(excerpt[start:end])
        + "</span>"
        + html.escape(excerpt[end:])
    )
    title = html.escape(hit.title)
    tail = f'<br><span style="color:{MUTED};">{html.escape(note)}</span>' if note else ""
    if hit.field in ("name", "title"):
        return f"<b>{marked}</b>{tail}"
    return f'<b>{title}</b><br><span style="color:{MUTED};">{marked}</span>{tail}'


class SearchPanel(QWidget):
    """The results panel; `field` is the search box placed in the toolbar."""

    def __init__(
        self,
        shell: Shell,
        fit_panel: Callable[[], None],
        focus_pages: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        """`fit_panel` gives the results room when they first appear; `focus_pages` hands
        the keyboard back to the page (Esc)."""
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self._shell = shell
        self._fit_panel = fit_panel
        self._focus_pages = focus_pages
        self._index: SearchIndex | None = None
        self.hits: list[SearchHit] = []

        self.field = SearchField()
        self.field.setAccessibleName(self.tr("ガイドラインを検索"))
        self.field.setToolTip(
            self.tr(
                "ガイドラインを検索 (Ctrl+F): すべての項目の文章から探します。全角・半角、カタカナ・ひらがなの違いは区別しません。"
                "読み（ひらがな・カタカナ・ローマ字）でも探せます（例: たいいん、taiin → 退院）。"
            )
        )
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self.run_query)
        self.field.installEventFilter(self)

        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.summary = QLabel(self)
        self.summary.setObjectName("searchSummary")
        self.summary.setContentsMargins(10, 6, 10, 6)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self._results: QTreeWidget | None = None  # built with the first search
        self.setMinimumWidth(240)
        shell.filters.changed.connect(self._refresh)

    @property
    def results(self) -> QTreeWidget:
        """The result list (built when first needed: many sessions never search)."""
        if self._results is None:
            from PySide6.QtWidgets import QTreeWidget

            from .search_delegate import RichTextDelegate

            results = QTreeWidget(self)
            results.setObjectName("searchResults")
            results.setAccessibleName(self.tr("検索結果"))
            results.setHeaderHidden(True)
            results.setRootIsDecorated(False)
            results.setIndentation(8)
            results.setUniformRowHeights(False)
            results.setWordWrap(True)
            results.setItemDelegate(RichTextDelegate(HTML_ROLE, results))
            results.itemActivated.connect(self._open_item)
            results.itemClicked.connect(self._open_item)
            results.installEventFilter(self)
            self._layout.addWidget(results, 1)
            self._results = results
        return self._results

    def _refresh(self) -> None:
        if self.field.text().strip():
            self.run_query(self.field.text())

    # -- index ----------------------------------------------------------------------------

    def reset(self) -> None:
        """The guideline changed: rebuild the index on the next query."""
        self._index = None
        if self.field.text():
            self.run_query(self.field.text())

    def index(self) -> SearchIndex | None:
        if self._index is None and self._shell.guideline is not None:
            self._index = SearchIndex(self._shell.guideline)
        return self._index

    # -- querying -------------------------------------------------------------------------

    def run_query(self, text: str) -> None:
        self.hits = []
        index = self.index() if text.strip() else None
        if index is None:
            if self._results is not None:
                self._results.clear()
            self.hide()
            return
        from PySide6.QtWidgets import QTreeWidgetItem

        self.results.clear()
        all_hits = index.search(text)
        current = self._shell.filters.current
        self.hits = [h for h in all_hits if self._visible(h, current)]
        hidden = len(all_hits) - len(self.hits)
        groups: dict[str, QTreeWidgetItem] = {}
        counts: dict[str, int] = {}
        for hit in self.hits:
            counts[hit.kind] = counts.get(hit.kind, 0) + 1
        for hit in self.hits:
            group = groups.get(hit.kind)
            if group is None:
                label = self.tr("%1（%2件）").replace("%1", KIND_LABELS[hit.kind])
                label = label.replace("%2", str(counts[hit.kind]))
                group = QTreeWidgetItem([label])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                group.setData(
                    0, HTML_ROLE, f'<span style="color:{MUTED};"><b>{html.escape(label)}</b></span>'
                )
                self.results.addTopLevelItem(group)
                groups[hit.kind] = group
            item = QTreeWidgetItem([f"{hit.title}"])
            item.setData(0, HIT_ROLE, hit)
            item.setData(0, HTML_ROLE, hit_html(hit, self._note(hit)))
            item.setToolTip(0, hit.text)
            group.addChild(item)
        self.results.expandAll()
        if self.hits:
            summary = (
                self.tr("「%1」: %2件")
                .replace("%1", text.strip())
                .replace("%2", str(len(self.hits)))
            )
        else:
            summary = self.tr("「%1」に一致する項目はありません。").replace("%1", text.strip())
        if hidden:
            summary += self.tr("（絞り込みにより %1件を非表示）").replace("%1", str(hidden))
        self.summary.setText(summary)
        self.summary.setStyleSheet(f"color: {ACCENT};")
        if self.isHidden():
            self.show()
            self._fit_panel()

    def _visible(self, hit: SearchHit, f: GuidelineFilter) -> bool:
        g = self._shell.guideline
        if g is None or not f.is_active:
            return True
        item = g.get(hit.item_id)
        if isinstance(item, Countermeasure):
            return f.countermeasure_visible(g, item)
        if isinstance(item, UseCase):
            return f.use_case_visible(item)
        if isinstance(item, Risk):
            return f.use_case_visible(g.use_case(item.use_case))
        if isinstance(item, Step):
            return f.flow_visible(g.flow_of_step(item.id))
        if isinstance(item, UseScene):
            return any(f.use_case_visible(g.use_case(uc)) for uc in item.use_cases)
        return True

    def _note(self, hit: SearchHit) -> str:
        """For a countermeasure, who acts on it (施設全体 / AIツール / 業務ステップ and where)."""
        g = self._shell.guideline
        item = g.get(hit.item_id) if g is not None and hit.kind == "countermeasure" else None
        return level_text(g, item) if g is not None and isinstance(item, Countermeasure) else ""

    def grouped_kinds(self) -> list[str]:
        """The kinds shown, in display order (for tests and for screen-reader summaries)."""
        return [k for k in KIND_ORDER if any(h.kind == k for h in self.hits)]

    # -- opening --------------------------------------------------------------------------

    def hit_items(self) -> list[QTreeWidgetItem]:
        return grouped_items(self.results)

    def _open_item(self, item: QTreeWidgetItem) -> None:
        hit = item.data(0, HIT_ROLE)
        if isinstance(hit, SearchHit):
            self._shell.open_item(hit.item_id)

    def open_current_or_first(self) -> None:
        item = self.results.currentItem()
        if item is None or not isinstance(item.data(0, HIT_ROLE), SearchHit):
            items = self.hit_items()
            item = items[0] if items else None
        if item is not None:
            self._open_item(item)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.field:
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.open_current_or_first()
                    return True
                if key == Qt.Key.Key_Down and self.hits:
                    items = self.hit_items()
                    self.results.setCurrentItem(items[0])
                    self.results.setFocus(Qt.FocusReason.TabFocusReason)
                    return True
                if key == Qt.Key.Key_Escape:
                    self.field.clear()
                    self._focus_pages()
                    return True
            elif watched is self._results:
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.open_current_or_first()
                    return True
                if key == Qt.Key.Key_Escape:
                    self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
                    return True
        return super().eventFilter(watched, event)
