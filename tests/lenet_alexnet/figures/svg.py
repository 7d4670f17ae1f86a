"""A few helpers for writing small, deterministic SVG figures by hand."""

from html import escape

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

# One colour per kind of layer, shared by every figure on the site.
COLOURS = {
    "input": ("#eceff1", "#546e7a"),
    "conv": ("#c8e6c9", "#2e7d32"),
    "pool": ("#bbdefb", "#1565c0"),
    "dense": ("#ffe0b2", "#ef6c00"),
}


def rect(x, y, w, h, kind, rx=3):
    fill, stroke = COLOURS[kind]
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="{rx}" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>'
    )


def text(x, y, content, size=13, anchor="middle", weight="normal", fill="#263238"):
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'font-weight="{weight}" fill="{fill}">{escape(content)}</text>'
    )


def document(width, height, title, description, body):
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" font-family="{FONT}">\n'
        f"<title>{escape(title)}</title>\n<desc>{escape(description)}</desc>\n"
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>\n'
    )
    return head + "\n".join(body) + "\n</svg>\n"
