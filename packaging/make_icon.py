"""Draw the application icon: resources/icons/haip_desktop.png (256 px) and .ico (16–256 px).

    python packaging/make_icon.py

A rounded square in the UI's accent blue (haip_desktop/ui/style.py ACCENT) with a white
medical cross and, from 32 px up, a white badge with a green check mark (the self-assessment).
At 16 and 24 px the badge would be a smudge, so those sizes show a larger cross only. Each
size is drawn at four times its size and scaled down, so edges are smooth without blurring
the shapes. Needs Pillow (installed with reportlab). The generated files are committed;
run this again only when the design changes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parent.parent
ICON_DIR = REPO / "resources" / "icons"
PNG_SIZE = 256
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
SMALL_SIZE_LIMIT = 24  # at this size and below: cross only
SUPERSAMPLE = 4

ACCENT_TOP = (0x25, 0x6B, 0x9A)  # a touch lighter than the accent #1f5f8b
ACCENT_BOTTOM = (0x1A, 0x52, 0x79)  # a touch darker
WHITE = (255, 255, 255, 255)
CHECK_GREEN = (0x23, 0x62, 0x2E, 255)  # the "low risk" text colour of the UI


def _rounded_square_mask(px: int) -> Image.Image:
    mask = Image.new("L", (px, px), 0)
    margin = round(px * 0.03)
    radius = round(px * 0.21)
    ImageDraw.Draw(mask).rounded_rectangle(
        (margin, margin, px - 1 - margin, px - 1 - margin), radius=radius, fill=255
    )
    return mask


def _gradient(px: int) -> Image.Image:
    """A calm vertical gradient from ACCENT_TOP to ACCENT_BOTTOM."""
    column = Image.new("RGBA", (1, px))
    for y in range(px):
        t = y / max(px - 1, 1)
        column.putpixel(
            (0, y),
            tuple(round(a + (b - a) * t) for a, b in zip(ACCENT_TOP, ACCENT_BOTTOM, strict=True))
            + (255,),
        )
    return column.resize((px, px))


def _cross(draw: ImageDraw.ImageDraw, cx: float, cy: float, arm: float, half: float) -> None:
    """A medical cross centred on (cx, cy): bars `2*arm` thick and `2*half` long."""
    radius = arm * 0.35
    draw.rounded_rectangle((cx - arm, cy - half, cx + arm, cy + half), radius=radius, fill=WHITE)
    draw.rounded_rectangle((cx - half, cy - arm, cx + half, cy + arm), radius=radius, fill=WHITE)


def draw_icon(size: int) -> Image.Image:
    """The icon at `size` pixels, RGBA with a transparent margin around the rounded square."""
    px = size * SUPERSAMPLE
    icon = Image.new("RGBA", (px, px), (0, 0, 0, 0))
    icon.paste(_gradient(px), (0, 0), _rounded_square_mask(px))

    symbols = Image.new("RGBA", (px, px), (0, 0, 0, 0))
    draw = ImageDraw.Draw(symbols)
    if size <= SMALL_SIZE_LIMIT:
        _cross(draw, px * 0.5, px * 0.5, arm=px * 0.125, half=px * 0.3125)  # whole pixels at 16 px
        icon.alpha_composite(symbols)
        return icon.resize((size, size), Image.Resampling.LANCZOS)

    _cross(draw, px * 0.44, px * 0.44, arm=px * 0.095, half=px * 0.265)
    # The badge sits in the lower right; a gap of background colour separates it from the cross.
    bx, by, badge = px * 0.70, px * 0.70, px * 0.165
    gap = badge + px * 0.045
    cutout = Image.new("L", (px, px), 255)
    ImageDraw.Draw(cutout).ellipse((bx - gap, by - gap, bx + gap, by + gap), fill=0)
    symbols.putalpha(Image.composite(symbols.getchannel("A"), cutout, cutout))
    draw = ImageDraw.Draw(symbols)
    draw.ellipse((bx - badge, by - badge, bx + badge, by + badge), fill=WHITE)
    stroke = round(px * (0.05 if size <= 32 else 0.042))
    check = [
        (bx - badge * 0.48, by + badge * 0.02),
        (bx - badge * 0.12, by + badge * 0.38),
        (bx + badge * 0.52, by - badge * 0.36),
    ]
    draw.line(check, fill=CHECK_GREEN, width=stroke, joint="curve")
    for x, y in (check[0], check[-1]):  # round line caps
        r = stroke / 2
        draw.ellipse((x - r, y - r, x + r, y + r), fill=CHECK_GREEN)
    icon.alpha_composite(symbols)
    return icon.resize((size, size), Image.Resampling.LANCZOS)


def write_icons(folder: Path = ICON_DIR) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    png = folder / "haip_desktop.png"
    ico = folder / "haip_desktop.ico"
    draw_icon(PNG_SIZE).save(png, optimize=True)
    images = [draw_icon(size) for size in ICO_SIZES]
    largest = images[-1]
    largest.save(
        ico,
        format="ICO",
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=images[:-1],
    )
    return png, ico


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ICON_DIR, help="folder for the icon files")
    args = parser.parse_args(argv)
    for path in write_icons(args.out):
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
