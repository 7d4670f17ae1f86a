"""Figure 20.1.1: the LeNet-5 pipeline, with every shape traced from the snippet's model (the
tracing runs in the snippet's own run, through inspectors.py; drawing needs no torch)."""

from dataclasses import dataclass

from .svg import document, rect, text

SNIPPET = "lenet5"
FILE_NAME = "lenet5-pipeline.svg"


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
        shape = (1, side, side)
    stages = [Stage("input", shape, "input")]
    x = torch.zeros(1, *shape)
    with torch.no_grad():
        for layer in model.modules():
            if isinstance(layer, (nn.Sequential, type(model))):
                continue
            x = layer(x)
            if isinstance(layer, nn.Conv2d):
                stages.append(Stage("conv", tuple(x.shape[1:]), f"conv {_pair(layer.kernel_size)}"))
            elif isinstance(layer, (nn.MaxPool2d, nn.AvgPool2d)):
                stages.append(Stage("pool", tuple(x.shape[1:]), f"pool {_pair(layer.kernel_size)}"))
            elif isinstance(layer, nn.Linear):
                stages.append(Stage("dense", tuple(x.shape[1:]), "fc"))
    stages[-1].operation = "out"
    return stages


def render(stages: list[Stage]) -> str:
    width, height, baseline = 1000, 330, 190
    slot = width / len(stages)
    body = []
    for index, stage in enumerate(stages):
        centre = slot * index + slot / 2
        if len(stage.shape) == 3:
            channels, size, _ = stage.shape
            box_h = 30 + 3.4 * size  # height follows the spatial size
            box_w = 14 + 2.2 * channels  # width follows the channel count
        else:
            box_h = 40 + 0.9 * stage.shape[0]
            box_w = 26
        top = baseline - box_h / 2
        body.append(rect(centre - box_w / 2, top, box_w, box_h, stage.kind))
        body.append(text(centre, top - 10, stage.label, size=14, weight="bold"))
        body.append(text(centre, baseline + box_h / 2 + 20, stage.operation, size=13))
        if index + 1 < len(stages):
            x0, x1 = centre + box_w / 2 + 4, slot * (index + 1) + slot / 2 - 22
            body.append(
                f'<line x1="{x0:.1f}" y1="{baseline}" x2="{x1:.1f}" y2="{baseline}" '
                'stroke="#78909c" stroke-width="1.5" marker-end="url(#arrow)"/>'
            )
    defs = (
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#78909c"/></marker></defs>'
    )
    key = []
    for offset, (kind, name) in enumerate(
        [("conv", "convolution"), ("pool", "subsampling / pool"), ("dense", "fully connected")]
    ):
        x = 40 + offset * 210
        key.append(rect(x, 292, 18, 14, kind, rx=2))
        key.append(text(x + 26, 304, name, size=13, anchor="start"))
    key.append(text(width - 30, 304, "spatial size shrinks, channel count grows", size=13, anchor="end",
                    fill="#546e7a"))
    shapes = ", ".join(f"{s.label} ({s.operation})" for s in stages)
    return document(
        width,
        height,
        "Figure 20.1.1: the LeNet-5 pipeline",
        f"LeNet-5 stage by stage: {shapes}.",
        [defs, *body, *key],
    )


def build(exported: dict) -> str:
    return render([Stage(kind, tuple(shape), operation) for kind, shape, operation in exported["figure.lenet5_stages"]])
