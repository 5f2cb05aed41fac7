"""Search as you type over every text of the guideline; results grouped by kind, hit highlighted.

The search box lives in the toolbar (always visible, Ctrl+F); results appear in a panel
beside the page. ↓ moves from the box into the results, Enter opens the chosen result (or the
first one) in its context, Esc clears the search.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..guideline import Countermeasure, Risk, Step, UseCase, UseScene
from ..guideline.search import KIND_LABELS, KIND_ORDER, SearchHit, SearchIndex
from .filters import GuidelineFilter
from .style import ACCENT, MUTED

if TYPE_CHECKING:
    from .main_window import MainWindow

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
HIGHLIGHT = "#ffe08a"


def hit_html(hit: SearchHit) -> str:
    """The result's title and an excerpt with the hit marked."""
    excerpt, start, end = hit.snippet()
    marked = (
        html.escape(excerpt[:start])
        + f'<span style="background-color:{HIGHLIGHT};">'
        + html.escape(excerpt[start:end])
        + "</span>"
        + html.escape(excerpt[end:])
    )
    title = html.escape(hit.title)
    if hit.field in ("name", "title"):
        return f"<b>{marked}</b>"
    return f'<b>{title}</b><br><span style="color:{MUTED};">{marked}</span>'


class _RichTextDelegate(QStyledItemDelegate):
    """Draws an item's HTML (title and marked excerpt), wrapped to the view's width."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(4)
        doc.setHtml(index.data(HTML_ROLE) or html.escape(index.data() or ""))
        doc.setTextWidth(max(80, option.rect.width() if option.rect.width() > 0 else 300))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        if not index.data(HTML_ROLE):  # a group heading: plain text
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(option, index)
        painter.save()
        painter.translate(option.rect.topLeft())
        context = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(
                QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.HighlightedText)
            )
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        if not index.data(HTML_ROLE):
            return super().sizeHint(option, index)
        view = option.widget
        width = 300
        if isinstance(view, QTreeWidget):
            width = view.viewport().width() - view.indentation() - 4
        option = QStyleOptionViewItem(option)
        option.rect.setWidth(width)
        doc = self._document(option, index)
        return QSize(width, int(doc.size().height()) + 2)


class SearchPanel(QWidget):
    """The results panel; `field` is the search box placed in the toolbar."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self._window = window
        self._index: SearchIndex | None = None
        self.hits: list[SearchHit] = []

        self.field = QLineEdit()
        self.field.setObjectName("searchField")
        self.field.setPlaceholderText(self.tr("ガイドラインを検索 (Ctrl+F)"))
        self.field.setAccessibleName(self.tr("ガイドラインを検索"))
        self.field.setToolTip(
            self.tr(
                "すべての項目の文章から探します。全角・半角、カタカナ・ひらがなの違いは区別しません。"
            )
        )
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self.run_query)
        self.field.installEventFilter(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.summary = QLabel(self)
        self.summary.setObjectName("searchSummary")
        self.summary.setContentsMargins(10, 6, 10, 6)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self._results: QTreeWidget | None = None  # built with the first search
        self.setMinimumWidth(240)
        window.filters.changed.connect(self._refresh)

    @property
    def results(self) -> QTreeWidget:
        """The result list (built when first needed: many sessions never search)."""
        if self._results is None:
            results = QTreeWidget(self)
            results.setObjectName("searchResults")
            results.setAccessibleName(self.tr("検索結果"))
            results.setHeaderHidden(True)
            results.setRootIsDecorated(False)
            results.setIndentation(8)
            results.setUniformRowHeights(False)
            results.setWordWrap(True)
            results.setItemDelegate(_RichTextDelegate(results))
            results.itemActivated.connect(self._open_item)
            results.itemClicked.connect(self._open_item)
            results.installEventFilter(self)
            self.layout().addWidget(results, 1)
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
        if self._index is None and self._window.guideline is not None:
            self._index = SearchIndex(self._window.guideline)
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
        self.results.clear()
        all_hits = index.search(text)
        current = self._window.filters.current
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
            item.setData(0, HTML_ROLE, hit_html(hit))
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
            self._window.fit_search_panel()

    def _visible(self, hit: SearchHit, f: GuidelineFilter) -> bool:
        g = self._window.guideline
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

    def grouped_kinds(self) -> list[str]:
        """The kinds shown, in display order (for tests and for screen-reader summaries)."""
        return [k for k in KIND_ORDER if any(h.kind == k for h in self.hits)]

    # -- opening --------------------------------------------------------------------------

    def hit_items(self) -> list[QTreeWidgetItem]:
        items = []
        for i in range(self.results.topLevelItemCount()):
            group = self.results.topLevelItem(i)
            items += [group.child(j) for j in range(group.childCount())]
        return items

    def _open_item(self, item: QTreeWidgetItem) -> None:
        hit = item.data(0, HIT_ROLE)
        if isinstance(hit, SearchHit):
            self._window.open_item(hit.item_id)

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
                    self._window.pages.setFocus(Qt.FocusReason.OtherFocusReason)
                    return True
            elif watched is self._results:
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.open_current_or_first()
                    return True
                if key == Qt.Key.Key_Escape:
                    self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
                    return True
        return super().eventFilter(watched, event)
