"""How a change is shown: the colours of added, removed and changed items (the same as the
change PDF), and text with its changed pieces marked."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication

REMOVED_BACK = "#F6D5D5"
ADDED_BACK = "#D3EDD3"
REMOVED_INK = "#8a1c1c"
ADDED_INK = "#1e5b2a"
KIND_COLOURS = {  # background, text
    "added": (ADDED_BACK, ADDED_INK),
    "removed": (REMOVED_BACK, REMOVED_INK),
    "changed": ("#fff1d6", "#7a4b00"),
}


def esc(text: str) -> str:
    """Plain text as HTML, its line breaks kept."""
    return html.escape(text, quote=False).replace("\n", "<br>")


def highlighted_html(spans: list[tuple[str, bool]], *, removed: bool) -> str:
    """HTML of text pieces with the changed ones marked (struck out / underlined on colour)."""
    parts = []
    for piece, changed in spans:
        if not changed:
            parts.append(esc(piece))
        elif removed:
            parts.append(
                f'<s style="background:{REMOVED_BACK}; color:{REMOVED_INK}">{esc(piece)}</s>'
            )
        else:
            parts.append(f'<u style="background:{ADDED_BACK}; color:{ADDED_INK}">{esc(piece)}</u>')
    none = QCoreApplication.translate("GuidelineUpdates", "（なし）")
    return "".join(parts) or f"<i>{esc(none)}</i>"
