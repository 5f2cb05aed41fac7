"""Small pieces of rich text shared by the views: source badges and severity marks."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication

from ...guideline import Level, Provenance, Severity
from ..widgets.style import MUTED, OWN_BADGE, SEVERITY_COLOURS, UNVERIFIED_BADGE
from ..widgets.text_wrap import unbreakable


def _tr(text: str) -> str:
    return QCoreApplication.translate("badges", text)


def badge_html(text: str, colours: tuple[str, str]) -> str:
    background, ink = colours
    return (
        f'<span style="background-color:{background}; color:{ink};">'
        f"&nbsp;{html.escape(text).replace(' ', '&nbsp;')}&nbsp;</span>"
    )


def provenance_badges_html(provenance: Provenance) -> str:
    """「独自」 where the text is this app's own elaboration, 「原文未照合」 where unchecked."""
    parts = []
    if provenance.is_own_elaboration:
        parts.append(badge_html(unbreakable(_tr("独自")), OWN_BADGE))
    if not provenance.verified:
        parts.append(badge_html(unbreakable(_tr("原文未照合")), UNVERIFIED_BADGE))
    return "&nbsp;".join(parts)


def source_line_html(provenance: Provenance) -> str:
    """'出典: …' in a quiet colour, followed by the badges."""
    source = provenance.describe(with_verification=False)  # the badge says it
    text = _tr("出典: %1").replace("%1", source)
    badges = provenance_badges_html(provenance)
    line = f'<span style="color:{MUTED};">{html.escape(text)}</span>'
    return line + ("&nbsp;&nbsp;" + badges if badges else "")


def severity_html(severity: Severity) -> str:
    return badge_html(
        unbreakable(_tr("重大度 %1").replace("%1", severity.label)),
        SEVERITY_COLOURS[severity.value],
    )


OUT_OF_SCOPE_BADGE = UNVERIFIED_BADGE  # an item the open assessment does not ask

# A calm tint per level, so a list mixing levels can be scanned (the word is always there).
LEVEL_BADGE = {
    Level.FACILITY: ("#e8eef5", "#2c4a66"),
    Level.TOOL: ("#efe9f6", "#4f3573"),
    Level.STEP: ("#e4f1ec", "#1f5a45"),
}


def level_badge_html(level: Level) -> str:
    return badge_html(level.label, LEVEL_BADGE[level])
