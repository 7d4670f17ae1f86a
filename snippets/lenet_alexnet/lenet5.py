# LeNet-5 as it is taught today: the 1998 layer plan, with ReLU where the
# original had a scaled tanh, max-pooling where it had trainable average
# pooling, a full C3 and a trainable output layer.
import torch
from torch import nn

# The names this file exports to code that imports it.
__all__ = ["LeNet5", "ours", "paper", "from_28"]


class LeNet5(nn.Module):
    """Convolve, rectify, pool (twice), then a three-layer classifier."""

    def __init__(self, num_classes: int = 10) -> None:
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 6, kernel_size=5),  # C1: 1x32x32 -> 6x28x28
            nn.ReLU(),
            nn.MaxPool2d(kernel_size=2),  # S2: -> 6x14x14
            nn.Conv2d(6, 16, kernel_size=5),  # C3: -> 16x10x10
            nn.ReLU(),
            nn.MaxPool2d(kernel_size=2),  # S4: -> 16x5x5
        )
        self.classifier = nn.Sequential(
            nn.Flatten(),  # 16 * 5 * 5 = 400 values per image
            nn.Linear(16 * 5 * 5, 120),  # C5
            nn.ReLU(),
            nn.Linear(120, 84),  # F6
            nn.ReLU(),
            nn.Linear(84, num_classes),  # output
        )

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(images))


def paper_counts() -> dict[str, int]:
    """Trainable parameters per layer of the 1998 LeNet-5 (LeCun et al.,
    Section II-B), computed from the layers the paper describes."""
    # C3's connection table (Table I): 6 maps read 3 of S2's six maps,
    # 9 read 4, and 1 reads all 6.
    c3_inputs = 6 * 3 + 9 * 4 + 1 * 6
    return {
        "C1": 6 * (5 * 5 + 1),
        "S2": 6 * 2,  # one coefficient and one bias per map
        "C3": c3_inputs * 5 * 5 + 16,
        "S4": 16 * 2,
        "C5": 120 * (16 * 5 * 5 + 1),
        "F6": 84 * (120 + 1),
        "output": 0,  # radial basis units, their vectors set by hand
    }


def count(module: nn.Module) -> int:
    return sum(tensor.numel() for tensor in module.parameters())


torch.manual_seed(0)
model = LeNet5()
print(f"LeNet-5 parameters: {count(model):,}")

# One grey 32x32 digit, followed layer by layer (channels, height, width).
x = torch.randn(1, 1, 32, 32)
for layer in [*model.features, *model.classifier]:
    x = layer(x)
    if not isinstance(layer, nn.ReLU):  # a ReLU keeps the shape
        print(f"{type(layer).__name__:<10} -> {tuple(x.shape[1:])}")

# MNIST's digits are 28x28: two pixels short on every side.
from_28 = model.features(torch.zeros(1, 1, 28, 28)).numel()
print(f"28x28 input: {from_28} values reach a layer that takes 400")

# Where this code's count parts from the paper's, layer by layer.
layers = [model.features[0], model.features[2], model.features[3],
          model.features[5], model.classifier[1], model.classifier[3],
          model.classifier[5]]
ours = {name: count(layer) for name, layer in zip(paper_counts(), layers)}
paper = paper_counts()
row = "{:<8}{:>10}{:>10}{:>12}"
print(row.format("layer", "this code", "paper", "difference"))
for name in paper:
    change = ours[name] - paper[name]
    print(row.format(name, f"{ours[name]:,}", f"{paper[name]:,}",
                     f"{change:+,}"))
total_ours, total_paper = sum(ours.values()), sum(paper.values())
print(row.format("total", f"{total_ours:,}", f"{total_paper:,}",
                 f"{total_ours - total_paper:+,}"))
