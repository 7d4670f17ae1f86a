"""Where AlexNet's parameters live: one bar per layer, traced from the snippet's model."""

from ..svg import COLUMN_WIDTH, document, rect, text

SNIPPET = "alexnet_cost"
FILE_NAME = "alexnet-parameters.svg"


def render(rows: list[tuple[str, str, int]]) -> str:
    total = sum(count for _, _, count in rows)
    largest = max(count for _, _, count in rows)
    width, row_h, top, left, bar_max = COLUMN_WIDTH, 32, 64, 110, 360
    height = top + row_h * len(rows) + 80
    body = [text(10, 32, "Where AlexNet's 61.1 million parameters live", size=18, anchor="start", weight="bold")]
    for index, (name, kind, count) in enumerate(rows):
        y = top + index * row_h
        bar = max(bar_max * count / largest, 1.5)
        body.append(text(left - 12, y + 19, name, size=13, anchor="end"))
        body.append(rect(left, y + 5, bar, row_h - 12, "conv" if kind == "conv" else "dense", rx=2))
        body.append(text(left + bar + 8, y + 19, f"{count:,}  ({count / total:.2%})", size=13, anchor="start"))
    conv = sum(c for _, k, c in rows if k == "conv")
    y = top + len(rows) * row_h + 24
    body.append(rect(10, y - 12, 16, 14, "conv", rx=2))
    body.append(text(32, y, f"convolutions: {conv:,} ({conv / total:.2%})", size=13, anchor="start"))
    body.append(rect(10, y + 12, 16, 14, "dense", rx=2))
    body.append(text(32, y + 24, f"fully connected: {total - conv:,} ({(total - conv) / total:.2%})", size=13, anchor="start"))
    summary = "; ".join(f"{name} {count:,}" for name, _, count in rows)
    return document(width, height, "Where AlexNet's parameters live",
                    f"Parameters per layer of AlexNet, {total:,} in all: {summary}.", body)


def build(exported: dict) -> str:
    return render([tuple(row) for row in exported["figure.alexnet_layers"]])
