"""Exercise 20.1.3: winning top-5 error by year, from the data in the snippet."""

from ..svg import document, rect, text

SNIPPET = "ilsvrc_winners"
FILE_NAME = "ilsvrc-top5-error.svg"


def render(winners) -> str:
    width, height, base, left, scale = 640, 340, 270, 90, 6.5  # 6.5 px per point of error
    body = [text(30, 32, "Winning ILSVRC top-5 error, 2010-2012", size=17, anchor="start", weight="bold")]
    for tick in range(0, 35, 5):
        y = base - tick * scale
        body.append(f'<line x1="{left - 6}" y1="{y}" x2="{width - 30}" y2="{y}" stroke="#eceff1"/>')
        body.append(text(left - 10, y + 4, f"{tick} %", size=12, anchor="end", fill="#546e7a"))
    # The first kind of system in the table (features designed by hand) is drawn like pooling,
    # the other (learned features) like convolutions; the legend names both as the table does.
    designed, learned = list(dict.fromkeys(kind for _, _, kind, _ in winners))
    for index, (year, team, kind, error) in enumerate(winners):
        x = left + 30 + index * 170
        h = error * scale
        body.append(rect(x, base - h, 100, h, "pool" if kind == designed else "conv", rx=2))
        body.append(text(x + 50, base - h - 8, f"{error:.1f} %", size=14, weight="bold"))
        body.append(text(x + 50, base + 20, str(year), size=13))
        body.append(text(x + 50, base + 38, team, size=12, fill="#546e7a"))
    body.append(rect(left, height - 24, 14, 12, "pool", rx=2))
    body.append(text(left + 20, height - 14, designed, size=12, anchor="start"))
    body.append(rect(left + 230, height - 24, 14, 12, "conv", rx=2))
    body.append(text(left + 250, height - 14, learned, size=12, anchor="start"))
    summary = "; ".join(f"{year} {team} {error:.1f} % ({kind})" for year, team, kind, error in winners)
    return document(width, height, "Winning ILSVRC top-5 error by year", f"Winning top-5 error: {summary}.", body)


def build(exported: dict) -> str:
    return render([tuple(row) for row in exported["figure.ilsvrc_winners"]])
