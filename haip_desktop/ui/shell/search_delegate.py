"""The search results' item delegate: each hit's title and marked excerpt as rich text."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRectF, QSize
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
)

ModelIndex = QModelIndex | QPersistentModelIndex  # what Qt hands a delegate


class RichTextDelegate(QStyledItemDelegate):
    """Draws an item's HTML (title and marked excerpt), wrapped to the view's width.

    Items without HTML (in `html_role`), e.g. group headings, are drawn as plain text.
    """

    def __init__(self, html_role: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.html_role = html_role

    def _document(self, option: QStyleOptionViewItem, index: ModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        # Air around each hit that grows with the text size (4 px at 100 %).
        doc.setDocumentMargin(max(4, QFontMetrics(option.font).height() // 3))
        doc.setHtml(index.data(self.html_role) or html.escape(index.data() or ""))
        doc.setTextWidth(max(80, option.rect.width() if option.rect.width() > 0 else 300))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        if not index.data(self.html_role):  # a group heading: plain text
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

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:  # noqa: N802
        if not index.data(self.html_role):
            return super().sizeHint(option, index)
        view = option.widget
        width = 300
        if isinstance(view, QTreeWidget):
            width = view.viewport().width() - view.indentation() - 4
        option = QStyleOptionViewItem(option)
        option.rect.setWidth(width)
        doc = self._document(option, index)
        return QSize(width, int(doc.size().height()) + 2)
