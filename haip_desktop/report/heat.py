"""The heat-map scale of 実施率 shared by the group PDF and the group view (no reportlab here)."""

from __future__ import annotations

from ..assessment.scoring import Tally

# Five steps of 実施率, light to dark, so a printout in grey still reads.
HEAT_BINS = (0.2, 0.4, 0.6, 0.8)
HEAT_COLOURS = ("#FFFFFF", "#DCE6F1", "#A9C1DD", "#5F87B5", "#1F4E79")
DARK_FROM = 3  # from this step on, text on the cell is drawn in white
OUT_OF_SCOPE = "#EEEEEE"


def coverage_text(t: Tally | None) -> str:
    """'67%' (rounded down, so 100% means everything); '—' when nothing applies."""
    if t is None:
        return ""
    if not t.applicable:
        return "—"
    return f"{int(t.coverage * 100)}%"


def heat_step(t: Tally | None) -> int | None:
    """0 (lightest) .. 4 (darkest); None when out of scope."""
    if t is None:
        return None
    if not t.applicable:
        return 0
    return sum(1 for b in HEAT_BINS if t.coverage >= b)


def heat_colour(t: Tally | None) -> str:
    step = heat_step(t)
    return OUT_OF_SCOPE if step is None else HEAT_COLOURS[step]


def heat_ink(t: Tally | None) -> str:
    """The text colour that reads on heat_colour(t)."""
    step = heat_step(t)
    return "#FFFFFF" if step is not None and step >= DARK_FROM else "#1A1A1A"
