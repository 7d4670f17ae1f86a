"""Layer plans (Figures 20.1.1 and 20.1.2): every stage's output shape, traced by running one
image through the snippet's model (in the snippet's own run, through inspectors.py); drawing
needs no torch. Stages wrap onto a second row when one row would crowd their labels."""

import math
from dataclasses import dataclass

from ..svg import COLUMN_WIDTH, MUTED_INK, document, rect, text


@dataclass
class Stage:
    kind: str  # input, conv, pool or dense
    shape: tuple  # (channels, height, width) or (units,)
    operation: str  # what produced it, e.g. "conv 5x5"

    @property
    def label(self) -> str:
        if len(self.shape) == 1:
            return str(self.shape[0])
        channels, height, width = self.shape
        return f"{height}x{width}" if channels == 1 else f"{height}x{width}x{channels}"


def _pair(value) -> str:
    a, b = value if isinstance(value, tuple) else (value, value)
    return f"{a}x{b}"


def _stride(layer) -> str:
    stride = layer.stride if isinstance(layer.stride, tuple) else (layer.stride, layer.stride)
    return f" /{stride[0]}" if stride[0] > 1 and stride[0] != _first(layer.kernel_size) else ""


def _first(value) -> int:
    return value[0] if isinstance(value, tuple) else value


def input_size(model) -> int:
    """The smallest square input whose feature map fills the classifier's first layer exactly:
    the image size the network is built for (32 for LeNet-5)."""
    import torch
    from torch import nn

    wanted = next(m for m in model.modules() if isinstance(m, nn.Linear)).in_features
    channels = next(m for m in model.modules() if isinstance(m, nn.Conv2d)).in_channels
    with torch.no_grad():
        for size in range(4, 257):
            try:
                if model.features(torch.zeros(1, channels, size, size)).numel() == wanted:
                    return size
            except RuntimeError:  # too small for the kernels
                continue
    raise ValueError("no square input size fits the classifier")


def trace_stages(model, shape=None) -> list[Stage]:
    """Run one image through the model and keep the shape after each conv, pool and dense layer."""
    import torch
    from torch import nn

    if shape is None:
        side = input_size(model)
        shape = (next(m for m in model.modules() if isinstance(m, nn.Conv2d)).in_channels, side, side)
    stages = [Stage("input", tuple(shape), "input")]
    x = torch.zeros(1, *shape)
    model.eval()  # dropout off: the trace is one deterministic pass
    with torch.no_grad():
        for layer in model.modules():
            if isinstance(layer, (nn.Sequential, type(model))):
                continue
            if isinstance(layer, nn.Linear) and x.dim() > 2:
                x = torch.flatten(x, start_dim=1)  # what the model's forward does before its head
            x = layer(x)
            if isinstance(layer, nn.Conv2d):
                stages.append(Stage("conv", tuple(x.shape[1:]), f"conv {_pair(layer.kernel_size)}{_stride(layer)}"))
            elif isinstance(layer, (nn.MaxPool2d, nn.AvgPool2d)):
                stages.append(Stage("pool", tuple(x.shape[1:]), f"pool {_pair(layer.kernel_size)}{_stride(layer)}"))
            elif isinstance(layer, nn.Linear):
                stages.append(Stage("dense", tuple(x.shape[1:]), "fc"))
    stages[-1].operation = "out"
    return stages


SLOT = 85  # the narrowest column a stage's label fits in
ROW_HEIGHT = 150  # the tallest box a row holds (largest spatial size, largest dense layer)
MIN_BOX = 26


def render(stages: list[Stage], title: str, name: str) -> str:
    width = COLUMN_WIDTH
    per_row = max(1, width // SLOT)
    rows = math.ceil(len(stages) / per_row)
    per_row = math.ceil(len(stages) / rows)  # balance the rows
    slot = width / per_row
    row_pitch = ROW_HEIGHT + 80
    spatial = [s for s in stages if len(s.shape) == 3]
    max_size = max(s.shape[1] for s in spatial)
    max_channels = max(s.shape[0] for s in spatial)
    max_units = max((s.shape[0] for s in stages if len(s.shape) == 1), default=1)
    boxes = []  # (centre, baseline, width, height) of each stage's box
    for index, stage in enumerate(stages):
        row, column = divmod(index, per_row)
        if len(stage.shape) == 3:
            channels, size, _ = stage.shape
            box_h = MIN_BOX + (ROW_HEIGHT - 30 - MIN_BOX) * size / max_size  # follows the spatial size
            box_w = 14 + (slot - 40) * channels / max_channels  # follows the channel count
        else:
            box_h = MIN_BOX + (ROW_HEIGHT - 30 - MIN_BOX) * stage.shape[0] / max_units
            box_w = 24
        boxes.append((slot * column + slot / 2, 40 + ROW_HEIGHT / 2 + row * row_pitch, box_w, box_h))
    body = []
    for index, (stage, (centre, baseline, box_w, box_h)) in enumerate(zip(stages, boxes)):
        top = baseline - box_h / 2
        body.append(rect(centre - box_w / 2, top, box_w, box_h, stage.kind))
        body.append(text(centre, top - 10, stage.label, size=14, weight="bold"))
        body.append(text(centre, baseline + box_h / 2 + 20, stage.operation, size=13))
        if index + 1 == len(stages):
            continue
        next_centre, next_baseline, next_w, _ = boxes[index + 1]
        end = next_centre - next_w / 2 - 3
        if next_baseline == baseline:
            body.append(_arrow(f"M{centre + box_w / 2 + 3:.1f},{baseline} L{end:.1f},{baseline}"))
        else:  # down to the first stage of the next row
            below = baseline + ROW_HEIGHT / 2 + 34
            body.append(_arrow(f"M{centre:.1f},{baseline + box_h / 2 + 28} L{centre:.1f},{below} "
                               f"L6,{below} L6,{next_baseline} L{end:.1f},{next_baseline}"))
    defs = (
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#78909c"/></marker></defs>'
    )
    key_y = 40 + (rows - 1) * row_pitch + ROW_HEIGHT + 40
    key = []
    for offset, (kind, label) in enumerate([("conv", "convolution"), ("pool", "subsampling / pool"),
                                            ("dense", "fully connected")]):
        x = 10 + offset * 200
        key.append(rect(x, key_y - 12, 18, 14, kind, rx=2))
        key.append(text(x + 26, key_y, label, size=13, anchor="start"))
    key.append(text(10, key_y + 24, "box height follows the spatial size, box width the channel count",
                    size=13, anchor="start", fill=MUTED_INK))
    shapes = ", ".join(f"{s.label} ({s.operation})" for s in stages)
    return document(width, key_y + 36, title, f"{name} stage by stage: {shapes}.", [defs, *body, *key])


def _arrow(path: str) -> str:
    return f'<path d="{path}" fill="none" stroke="#78909c" stroke-width="1.5" marker-end="url(#arrow)"/>'


def stages_from(exported_rows) -> list[Stage]:
    return [Stage(kind, tuple(shape), operation) for kind, shape, operation in exported_rows]
