# The layer plan of the 2012 paper (Krizhevsky, Sutskever and Hinton,
# Section 3.5), next to the single-tower network that torchvision builds.
# In 2012 the network was split over two GPUs: conv2, conv4 and conv5 only
# see the half of the previous layer that lives on their own GPU, which is
# a grouped convolution with groups=2.
import torch
from torch import nn
from torchvision.models import alexnet

# The names this file exports to code that imports it.
__all__ = ["paper", "library", "trick"]

# Section 3.3: b = a / (k + alpha * sum of a^2 over n neighbours) ** beta.
K, N, ALPHA, BETA = 2.0, 5, 1e-4, 0.75


def lrn() -> nn.Module:
    # torch divides alpha by size, so the paper's alpha is ALPHA * N here.
    return nn.LocalResponseNorm(size=N, alpha=ALPHA * N, beta=BETA, k=K)


def lrn_by_hand(a: torch.Tensor) -> torch.Tensor:
    """Section 3.3's formula, written out channel by channel."""
    channels = a.shape[1]
    out = torch.empty_like(a)
    for i in range(channels):
        lo, hi = max(0, i - N // 2), min(channels - 1, i + N // 2)
        total = (a[:, lo:hi + 1] ** 2).sum(dim=1)
        out[:, i] = a[:, i] / (K + ALPHA * total) ** BETA
    return out


class AlexNet2012(nn.Module):
    def __init__(self, num_classes: int = 1000) -> None:
        super().__init__()
        self.features = nn.Sequential(
            # conv1
            nn.Conv2d(3, 96, kernel_size=11, stride=4), nn.ReLU(), lrn(),
            nn.MaxPool2d(kernel_size=3, stride=2),
            # conv2
            nn.Conv2d(96, 256, kernel_size=5, padding=2, groups=2),
            nn.ReLU(),
            lrn(), nn.MaxPool2d(kernel_size=3, stride=2),
            # conv3, conv4, conv5
            nn.Conv2d(256, 384, kernel_size=3, padding=1), nn.ReLU(),
            nn.Conv2d(384, 384, kernel_size=3, padding=1, groups=2),
            nn.ReLU(),
            nn.Conv2d(384, 256, kernel_size=3, padding=1, groups=2),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2),
        )
        # Section 4.2: dropout on the outputs of the first two dense layers.
        self.classifier = nn.Sequential(
            nn.Linear(256 * 6 * 6, 4096), nn.ReLU(), nn.Dropout(0.5),  # fc6
            nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(0.5),  # fc7
            nn.Linear(4096, num_classes),  # fc8
        )

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        maps = self.features(images)
        return self.classifier(torch.flatten(maps, start_dim=1))


def weight_layers(model: nn.Module) -> list[nn.Module]:
    kinds = (nn.Conv2d, nn.Linear)
    return [m for m in model.modules() if isinstance(m, kinds)]


def count(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def width(layer: nn.Module) -> int:
    if isinstance(layer, nn.Conv2d):
        return layer.out_channels
    return layer.out_features


paper, library = AlexNet2012(), alexnet()

# The response normalisation above is the paper's formula.
torch.manual_seed(0)
sample = 10 * torch.randn(1, 8, 3, 3)
print("LRN layer equals Section 3.3's formula:",
      torch.allclose(lrn()(sample), lrn_by_hand(sample), rtol=1e-5))
print("with alpha=1e-4 passed to torch instead:",
      torch.allclose(nn.LocalResponseNorm(N, ALPHA, BETA, K)(sample),
                     lrn_by_hand(sample), rtol=1e-5))

# The paper's 55x55 first-layer maps need a 227x227 input:
# (227 - 11) / 4 + 1 = 55.
with torch.no_grad():
    maps = paper.features(torch.zeros(1, 3, 227, 227))
print(f"2012 plan, 227x227 input -> feature map {tuple(maps.shape[1:])}")

names = ["conv1", "conv2", "conv3", "conv4", "conv5", "fc6", "fc7", "fc8"]
row = "{:<6}{:>18}{:>12}{:>17}{:>12}{:>11}"
print(row.format("layer", "2012: out, groups", "parameters",
                 "torchvision: out", "parameters", "difference"))
pairs = zip(names, weight_layers(paper), weight_layers(library))
for name, ours, theirs in pairs:
    plan = f"{width(ours)}, {getattr(ours, 'groups', 1)}"
    print(row.format(name, plan, f"{count(ours):,}",
                     width(theirs), f"{count(theirs):,}",
                     f"{count(theirs) - count(ours):+,}"))
print(row.format("total", "", f"{count(paper):,}",
                 "", f"{count(library):,}",
                 f"{count(library) - count(paper):+,}"))
for label, model in (("2012 plan", paper), ("torchvision", library)):
    layers = list(model.modules())
    norms = sum(isinstance(m, nn.LocalResponseNorm) for m in layers)
    grouped = sum(getattr(m, "groups", 1) > 1 for m in layers)
    print(f"{label}: {norms} response-normalisation layers, "
          f"{grouped} grouped convolutions")

# The one-weird-trick paper (Krizhevsky, 2014, footnote 1) gives its
# single tower 64, 192, 384, 384 and 256 filters; torchvision's conv4 has
# 256. The same network with the paper's conv4:
trick = alexnet()
trick.features[8] = nn.Conv2d(384, 384, kernel_size=3, padding=1)
trick.features[10] = nn.Conv2d(384, 256, kernel_size=3, padding=1)
for label, model in (("one weird trick", trick), ("torchvision", library)):
    convs = [width(m) for m in weight_layers(model)[:5]]
    print(f"{label:<16} conv widths {convs}, {count(model):,} parameters")
saved = count(trick) - count(library)
print(f"torchvision's narrower conv4 saves {saved:,} parameters "
      "(conv4 and conv5)")
