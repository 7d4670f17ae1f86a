"""A few helpers for writing small, deterministic SVG figures by hand.

Figures are drawn at the width of the page's text column at 1280 px (Material's 688 px,
less a margin), so one drawing unit is one CSS pixel there and a 13-unit label reads at
13 px. Each figure also has a dark twin, derived from the light drawing by `dark_variant`.
"""

import colorsys
import re
from html import escape

from snippet_contract import DARK_FIGURE_SUFFIX

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

# The widest a figure is drawn, in units: at most the column width at 1280 px.
COLUMN_WIDTH = 680
# The smallest text a figure may use, in CSS px at 1280 px wide (checked in the browser too).
MIN_TEXT_PX = 12

# One colour per kind of layer, shared by every figure on the site.
COLOURS = {
    "input": ("#eceff1", "#546e7a"),
    "conv": ("#c8e6c9", "#2e7d32"),
    "pool": ("#bbdefb", "#1565c0"),
    "dense": ("#ffe0b2", "#ef6c00"),
}
INK = "#263238"
MUTED_INK = "#546e7a"


def rect(x, y, w, h, kind, rx=3):
    fill, stroke = COLOURS[kind]
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="{rx}" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>'
    )


def text(x, y, content, size=13, anchor="middle", weight="normal", fill=INK):
    if size < MIN_TEXT_PX:
        raise ValueError(f"text {content!r} at {size} units is below the {MIN_TEXT_PX} px minimum")
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'font-weight="{weight}" fill="{fill}">{escape(content)}</text>'
    )


def document(width, height, title, description, body):
    if width > COLUMN_WIDTH:
        raise ValueError(f"a figure {width} units wide is scaled below 1 px per unit in the text column")
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" font-family="{FONT}">\n'
        f"<title>{escape(title)}</title>\n<desc>{escape(description)}</desc>\n"
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>\n'
    )
    return head + "\n".join(body) + "\n</svg>\n"


# --- the dark twin -------------------------------------------------------------------------

# The dark palette's page background (Material's slate): the light drawing's white maps here.
DARK_BACKGROUND = (0x1e, 0x21, 0x29)
_HEX_COLOUR = re.compile(r"#(?P<hex>[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")


def _dark(match) -> str:
    value = match.group("hex")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    r, g, b = (int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))
    hue, lightness, saturation = colorsys.rgb_to_hls(r, g, b)
    # Mirror the lightness, keep the hue: pale fills become deep ones, dark ink becomes light.
    # Lightness 1 (white) lands on the slate background, lightness 0 (black) on near-white.
    if lightness >= 0.99:
        return "#{:02x}{:02x}{:02x}".format(*DARK_BACKGROUND)
    base = sum(DARK_BACKGROUND) / 3 / 255
    mirrored = base + (1 - lightness) * (0.93 - base)
    r, g, b = colorsys.hls_to_rgb(hue, mirrored, saturation * 0.75)
    return "#{:02x}{:02x}{:02x}".format(*(round(c * 255) for c in (r, g, b)))


def dark_variant(svg: str) -> str:
    """The same drawing for the dark palette: every colour's lightness mirrored, hue kept."""
    return _HEX_COLOUR.sub(_dark, svg)


def dark_name(file_name: str) -> str:
    """lenet5-pipeline.svg -> lenet5-pipeline-dark.svg (the page build pairs the two)."""
    return file_name[: -len(".svg")] + DARK_FIGURE_SUFFIX + ".svg"
