"""Colours and spacing of the assessment views, on top of the window's calm palette.

No font sizes (text size is the window's zoom); headings use bold and rich-text size words.
"""

from __future__ import annotations

from ..widgets.style import ACCENT, ACCENT_LIGHT, CANVAS, INK, LINE, MUTED, PAGE

ERROR_INK = "#9b1c14"
ERROR_BACKGROUND = "#fbe3e1"
NOTICE_BACKGROUND = "#fff1d6"
NOTICE_INK = "#7a4b00"

ASSESSMENT_STYLE = f"""
QWidget#assessmentHeader {{ background: {PAGE}; border-bottom: 1px solid {LINE}; }}
QLabel#mutedText {{ color: {MUTED}; }}
QLabel#sectionHeading {{ font-weight: bold; color: {INK}; padding-top: 6px; }}
QLabel#fieldHeading {{ font-weight: bold; color: {INK}; }}
QLabel#headerProgress {{ color: {ACCENT}; font-weight: bold; }}
QLabel#formError {{
    color: {ERROR_INK}; background: {ERROR_BACKGROUND}; border: 1px solid {ERROR_INK};
    border-radius: 4px; padding: 4px 8px;
}}
QFrame#readOnlyBanner {{ background: {NOTICE_BACKGROUND}; border-bottom: 1px solid {LINE}; }}
QLabel#readOnlyNotice {{ color: {NOTICE_INK}; }}
QLabel#reviewBadge {{
    color: {NOTICE_INK}; background: {NOTICE_BACKGROUND}; border-radius: 4px; padding: 4px 8px;
}}
QWidget#answerBar {{ background: {CANVAS}; border-bottom: 1px solid {LINE}; }}
QTreeWidget#answerList {{ background: {PAGE}; border: none; }}
QTreeWidget#answerList::item {{ padding: 3px 2px; }}
QTreeWidget#answerList[compact="true"]::item {{ padding: 1px 2px; }}
QTreeWidget#answerList[compact="true"] QHeaderView::section {{ padding: 1px 6px; }}
QTreeWidget#answerList::item:selected {{ background: {ACCENT_LIGHT}; color: {INK}; }}
QTreeWidget#answerList::item:selected:focus {{ background: {ACCENT}; color: white; }}
QWidget#answerEditorBody, QWidget#progressBody, QWidget#toolRegisterBody,
QWidget#overviewBody {{
    background: {PAGE};
}}
QScrollArea#answerEditor, QScrollArea#progressView, QScrollArea#toolRegisterScroll,
QScrollArea#overviewScroll {{
    background: {PAGE}; border: none;
}}
QFrame#statusFrame {{ background: {CANVAS}; border: 1px solid {LINE}; border-radius: 6px; }}
QFrame#summaryCard {{ background: {CANVAS}; border: 1px solid {LINE}; border-radius: 6px; }}
QLabel#formulas {{ color: {MUTED}; }}
QTabWidget#assessmentTabs::pane {{ border: none; }}
QListWidget#toolSteps::item {{ padding: 2px 0; }}
QCheckBox::indicator, QRadioButton::indicator, QTreeView::indicator, QListView::indicator {{
    width: 0.85em; height: 0.85em;
}}
QTableWidget {{ background: {PAGE}; gridline-color: {LINE}; }}
QTableWidget::item {{ padding: 2px 4px; }}
/* Tables whose rows grow to wrapped text: Qt measures the wrap without a side padding, so
   none is added (the item still keeps its own small margin), else the last line is cut. */
QTableWidget#historyTable::item, QTableWidget#toolTable::item {{ padding: 2px 0px; }}
"""
