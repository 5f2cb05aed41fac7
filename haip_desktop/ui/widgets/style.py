"""The window's colours: calm, high-contrast, one accent. No font sizes here (text size is zoom)."""

from __future__ import annotations

ACCENT = "#1f5f8b"
ACCENT_LIGHT = "#dcebf6"
INK = "#1d2733"
MUTED = "#5a6675"
LINE = "#c9d3de"
PAGE = "#ffffff"
CANVAS = "#f4f6f9"
OWN_BADGE = ("#fff1d6", "#7a4b00")  # background, text: the app's own elaboration
UNVERIFIED_BADGE = ("#eceff3", "#4a5563")  # not checked against the guideline text
SEVERITY_COLOURS = {
    "high": ("#fbe3e1", "#9b1c14"),
    "medium": ("#fff1d6", "#7a4b00"),
    "low": ("#e4f1e6", "#23622e"),
}
# A risk matrix cell whose use case names no risk of that category, yet has countermeasures
# of it (they address the use case's risks of other categories as well).
NO_RISK_COUNTERMEASURES = ("#e3eaf2", "#34506b")

STYLE_SHEET = f"""
QMainWindow, QDialog {{ background: {CANVAS}; color: {INK}; }}
QWidget#navigationBar {{ background: {PAGE}; border-bottom: 1px solid {LINE}; }}
QWidget#navigationBar QToolButton {{
    padding: 4px 10px; border: 1px solid transparent; border-radius: 4px; color: {INK};
}}
QWidget#navigationBar QToolButton:hover {{ background: {CANVAS}; border-color: {LINE}; }}
QWidget#navigationBar QToolButton:checked {{
    background: {ACCENT_LIGHT}; border-color: {ACCENT}; color: {ACCENT};
}}
QWidget#navigationBar QToolButton:disabled {{ color: #a7b0bb; }}
QToolButton#moreViewsButton::menu-indicator {{ image: none; }}
QFrame#navigationSeparator {{ color: {LINE}; }}
QWidget#filterBar {{ background: {CANVAS}; border-bottom: 1px solid {LINE}; }}
QWidget#filterBar QToolButton {{
    padding: 3px 12px; border: 1px solid {LINE}; border-radius: 12px; background: {PAGE};
    color: {INK};
}}
QWidget#filterBar QToolButton:checked {{
    background: {ACCENT}; border-color: {ACCENT}; color: white;
}}
QWidget#filterBar QToolButton:focus {{ border: 2px solid {INK}; }}
QLabel#filterSummary {{ color: {ACCENT}; }}
QLineEdit#searchField {{
    padding: 4px 8px; border: 1px solid {LINE}; border-radius: 4px; background: {PAGE};
}}
QLineEdit#searchField:focus {{ border: 2px solid {ACCENT}; }}
QTextBrowser {{ background: {PAGE}; border: none; }}
QTreeWidget#searchResults, QListWidget {{ background: {PAGE}; border: none; }}
/* Rows of lists and trees with air that grows with the text size: descenders and underscores
   (file names, URLs) clear the next row. */
QTreeView::item, QListView::item {{ padding: 0.2em 0.15em; }}
QStatusBar {{ background: {PAGE}; border-top: 1px solid {LINE}; color: {MUTED}; }}
QSplitter::handle {{ background: {LINE}; }}
QSplitter::handle:horizontal {{ width: 1px; }}
QLabel#pageHeading {{ color: {INK}; }}
QWidget#workflowContent {{ background: {PAGE}; }}
QLabel#flowDescription {{ color: {MUTED}; }}
QLabel#workflowHiddenNote {{ color: {ACCENT}; }}
QTableView#riskMatrix {{ background: {PAGE}; gridline-color: {LINE}; }}
QHeaderView::section {{
    background: {CANVAS}; color: {INK}; border: none;
    border-right: 1px solid {LINE}; border-bottom: 1px solid {LINE}; padding: 4px 6px;
}}
"""
