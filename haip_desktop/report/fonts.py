"""The bundled Japanese font, registered with reportlab once, when the first report is made.

BIZ UDPGothic (SIL OFL 1.1) is subset-embedded in every PDF. Its character map tells which
characters it can draw; anything else (CJK Extension B such as 𠮷, emoji) is reported and
printed as 〓 (text.py), the mark Japanese typesetting uses for a character that cannot be set.
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

from ..paths import resources_dir
from .text import clean

REGULAR = "BIZUDPGothic"
BOLD = "BIZUDPGothic-Bold"
FAMILY = "BIZUDPGothic-Family"
FONT_FILES = {REGULAR: "BIZUDPGothic-Regular.ttf", BOLD: "BIZUDPGothic-Bold.ttf"}

_lock = threading.Lock()
_registered = False


def font_path(name: str) -> Path:
    return resources_dir() / "fonts" / FONT_FILES[name]


def ensure_registered() -> None:
    """Register Regular and Bold (and a family, so <b> in a Paragraph picks Bold). Thread-safe."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for name in (REGULAR, BOLD):
            path = font_path(name)
            if not path.is_file():
                raise FileNotFoundError(
                    f"報告書用のフォントが見つかりません: {path}。"
                    "アプリを入れ直すか、システム管理者に連絡してください。"
                )
            pdfmetrics.registerFont(TTFont(name, str(path)))
        for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, REGULAR), (1, 1, BOLD)):
            addMapping(REGULAR, bold, italic, name)
            addMapping(BOLD, bold, italic, name)
        _registered = True


@cache
def covered_codepoints() -> frozenset[int]:
    """Code points both Regular and Bold can draw (from the fonts' cmap tables)."""
    ensure_registered()
    from reportlab.pdfbase import pdfmetrics

    maps = [set(pdfmetrics.getFont(name).face.charToGlyph) for name in (REGULAR, BOLD)]
    return frozenset(maps[0] & maps[1])


def is_drawable(char: str) -> bool:
    """Whether the font has the character; line breaks and tabs count as drawable."""
    return char in "\n\t" or ord(char) in covered_codepoints()


def missing_chars(text: str) -> list[str]:
    """Characters the font cannot draw, each once, in order of appearance.

    Control and invisible characters are not counted: the report drops them (see text.py).
    """
    covered = covered_codepoints()
    seen: dict[str, None] = {}
    for char in clean(text):
        if char != "\n" and ord(char) not in covered:
            seen.setdefault(char)
    return list(seen)
