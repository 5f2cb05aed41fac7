"""The colours of the answer statuses: one place for the PDF (reportlab) and the window (Qt).

Reports are often printed in grey, and some readers do not tell red from green, so the fills
differ in lightness as well as in hue: their grey levels (ITU-R BT.601 luma, what a grey-scale
printer or ``pdftoppm -gray`` makes of them) are at least 40 of 255 apart, every two of them.
Legends always name the statuses in words beside the colours.

The same hue per status on screen: a light tint behind the status word in the answer list,
with a dark ink of that hue for the word.
"""

from __future__ import annotations

from types import MappingProxyType

from .models import Status

# The order of the segments in a status bar and of the entries in its legend.
STATUS_ORDER: tuple[Status, ...] = (
    Status.DONE,
    Status.PARTIAL,
    Status.NOT_DONE,
    Status.UNANSWERED,
    Status.NOT_APPLICABLE,
)

# Fills of bars and legend squares; grey levels 67, 166, 123, 255, 210 (see grey_level).
STATUS_FILL = MappingProxyType(
    {
        Status.DONE: "#1E5B2A",  # deep green, darkest
        Status.PARTIAL: "#E0A030",  # amber, light
        Status.NOT_DONE: "#D9534F",  # red, middle
        Status.UNANSWERED: "#FFFFFF",  # white (drawn with an outline)
        Status.NOT_APPLICABLE: "#D2D2D2",  # light grey
    }
)

# Behind the status word in lists: (background tint, ink), in the fill's hue.
STATUS_TINT = MappingProxyType(
    {
        Status.DONE: ("#E4F1E6", "#1E5B2A"),
        Status.PARTIAL: ("#FFF1D6", "#7A4B00"),
        Status.NOT_DONE: ("#FBE3E1", "#9B1C14"),
        Status.NOT_APPLICABLE: ("#ECEFF3", "#4A5563"),
        Status.UNANSWERED: ("#FFFFFF", "#5A6675"),
    }
)


def grey_level(hex_colour: str) -> int:
    """The colour's grey level 0–255 as ITU-R BT.601 luma (0.299 R + 0.587 G + 0.114 B)."""
    value = hex_colour.lstrip("#")
    red, green, blue = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return round(0.299 * red + 0.587 * green + 0.114 * blue)
