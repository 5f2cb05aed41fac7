"""A page of rich text (QTextBrowser) whose ``haip:`` links navigate inside the window.

The detail views (step, use case, countermeasure, references) are documents: selectable,
scrollable, Tab moves through their links and Enter follows one. They redraw when the
filters change, keeping the reader's place.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QResizeEvent, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from ..shell.navigation import Location
from ..widgets.style import ACCENT, INK, LINE, MUTED

if TYPE_CHECKING:
    from ..shell.protocol import Shell

MEASURE_EM = 60  # longest line, in full-width characters

DOCUMENT_CSS = f"""
body {{ color: {INK}; }}
h1 {{ font-size: xx-large; font-weight: bold; margin-top: 4px; margin-bottom: 6px; }}
h2 {{ font-size: x-large; font-weight: bold; color: {ACCENT}; margin-top: 22px;
      margin-bottom: 6px; }}
h3 {{ font-size: large; font-weight: bold; margin-top: 14px; margin-bottom: 4px; }}
h4 {{ font-weight: bold; color: {MUTED}; margin-top: 10px; margin-bottom: 2px; }}
p {{ margin-top: 2px; margin-bottom: 6px; line-height: 135%; }}
td {{ line-height: 135%; }}
li {{ line-height: 135%; }}
a {{ color: {ACCENT}; }}
.muted {{ color: {MUTED}; }}
.crumb {{ color: {MUTED}; }}
table.item {{ border-style: none; margin-top: 2px; margin-bottom: 8px; }}
p.item {{ margin: 8px 0px 18px 4px; }}
td.rule {{ background-color: {LINE}; }}
"""


class DocumentPage(QTextBrowser):
    """Subclasses implement `page_html(location) -> str` and `title_for(location)`.

    A subclass whose page depends on nothing but the location and the filters may set
    `keeps_documents`: the laid-out documents of the last pages shown are kept, so going back
    to one (the next step and back, Alt+←) shows it without building it again.
    """

    keeps_documents = False
    KEPT_DOCUMENTS = 40

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.location: Location | None = None
        self._documents: OrderedDict[object, QTextDocument] = OrderedDict()
        self._documents_font = self.font().key()  # the font the kept documents were made in
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._follow)
        self.document().setDefaultStyleSheet(DOCUMENT_CSS)
        self.document().setDocumentMargin(24)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Every line wraps (at a word boundary, else anywhere), yet a line of Japanese can end
        # a fraction of a pixel past the measure (line-breaking rules): that showed a
        # horizontal scroll bar with nothing to scroll to.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        shell.filters.changed.connect(self.rerender)

    # -- page protocol --------------------------------------------------------------------

    def show_location(self, location: Location) -> None:
        self.location = location
        self._show(location)
        self.setAccessibleName(self.title_for(location))
        if location.anchor:
            self.scrollToAnchor(location.anchor)
        else:
            self.verticalScrollBar().setValue(0)

    def location_title(self, location: Location) -> str:
        return self.title_for(location)

    def rerender(self) -> None:
        # A page out of sight is drawn afresh by show_location when it is next shown.
        if self.location is None or not self.isVisible():
            return
        position = self.verticalScrollBar().value()
        self._show(self.location)
        self.verticalScrollBar().setValue(position)

    def set_document(self, body: str) -> None:
        self.setHtml(body)
        self._fit_measure()

    def _show(self, location: Location) -> None:
        if not self.keeps_documents:
            self.set_document(self.page_html(location))
            return
        key = self.document_key(location)
        document = self._documents.get(key)
        if document is None:
            document = QTextDocument(self)
            document.setDefaultStyleSheet(DOCUMENT_CSS)
            document.setDocumentMargin(24)
            document.setDefaultFont(self.font())
            document.setHtml(self.page_html(location))
            self._fit_measure(document)  # before it is laid out at the page's width
            self._documents[key] = document
            while len(self._documents) > self.KEPT_DOCUMENTS:
                _, oldest = self._documents.popitem(last=False)
                oldest.deleteLater()
        else:
            self._documents.move_to_end(key)
        previous = self.document()
        if previous is not document:
            # One dropped from the kept ones while it was shown is ours to delete (the
            # browser deletes only its own first document).
            dropped = previous.parent() is self and previous not in self._documents.values()
            self.setDocument(document)
            if dropped:
                previous.deleteLater()
        self._fit_measure()

    def document_key(self, location: Location) -> object:
        """What a kept document was made from besides the text size: the location and the
        filters; a page that shows more (an open assessment, folded parts) adds it."""
        return (str(location), self.shell.filters.current)

    def forget_documents(self) -> None:
        """Drop the kept documents (they were laid out in another font)."""
        self._documents_font = self.font().key()
        self.drop_kept_documents()

    def drop_kept_documents(self) -> None:
        """Drop the kept documents (what they show has changed); the one shown stays."""
        current = self.document()
        for document in self._documents.values():
            if document is not current:
                document.deleteLater()
        self._documents.clear()

    def _fit_measure(self, document: QTextDocument | None = None) -> None:
        """Keep lines to a readable length on wide screens (text stays left-aligned)."""
        em = self.fontMetrics().horizontalAdvance("あ")
        spare = self.viewport().width() - MEASURE_EM * em
        root = (document or self.document()).rootFrame()
        frame = root.frameFormat()
        right = max(0, spare)
        if frame.rightMargin() != right:
            frame.setRightMargin(right)
            root.setFrameFormat(frame)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_measure()

    def page_html(self, location: Location) -> str:
        raise NotImplementedError

    def title_for(self, location: Location) -> str:
        raise NotImplementedError

    # -- links ----------------------------------------------------------------------------

    def follow_link(self, url: QUrl) -> bool:
        """A link the page acts on itself (True); any other link is a place to navigate to."""
        return False

    def _follow(self, url: QUrl) -> None:
        if self.follow_link(url):
            return
        location = Location.parse(url.toString())
        if location is not None:
            self.shell.navigate(location)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            if self.font().key() != self._documents_font:  # not a repolish in the same font
                self.forget_documents()
            self.document().setDefaultFont(self.font())
            self.rerender()
            self._fit_measure()
