# AlexNet with the layer sizes of torchvision's model, for 224x224 images.
# Look for the 2012 changes: a rectifier behind each convolution, pooling
# windows that share pixels with their neighbours, dropout guarding the
# head.
import torch
from torch import nn

# The names this file exports to code that imports it.
__all__ = ["AlexNet", "output_size"]


class AlexNet(nn.Module):
    """Five convolutions, three dense layers; 1000 ImageNet class scores."""

    def __init__(self, num_classes: int = 1000,
                 dropout: float = 0.5) -> None:
        super().__init__()
        self.features = nn.Sequential(
            # A wide 11x11 kernel, stride 4: 224x224 becomes 55x55 at once.
            nn.Conv2d(3, 64, kernel_size=11, stride=4, padding=2),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2),  # windows overlap: 3 > 2
            nn.Conv2d(64, 192, kernel_size=5, padding=2),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(192, 384, kernel_size=3, padding=1),
            nn.ReLU(),
            nn.Conv2d(384, 256, kernel_size=3, padding=1),
            nn.ReLU(),
            nn.Conv2d(256, 256, kernel_size=3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2),
        )
        # Fixes the map at 6x6: the dense head accepts other input sizes.
        self.avgpool = nn.AdaptiveAvgPool2d((6, 6))
        self.classifier = nn.Sequential(
            nn.Dropout(p=dropout),
            nn.Linear(256 * 6 * 6, 4096),  # the heaviest layer by far
            nn.ReLU(),
            nn.Dropout(p=dropout),
            nn.Linear(4096, 4096),
            nn.ReLU(),
            nn.Linear(4096, num_classes),
        )

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        pooled = self.avgpool(self.features(images))
        return self.classifier(torch.flatten(pooled, start_dim=1))


def output_size(size: int, kernel: int, stride: int, padding: int) -> int:
    """Side of a convolution's or pooling's output map."""
    return (size + 2 * padding - kernel) // stride + 1


torch.manual_seed(0)
model = AlexNet()
print(f"AlexNet parameters: {sum(p.numel() for p in model.parameters()):,}")

# One 224x224 RGB image, followed through the convolutional part.
x = torch.randn(1, 3, 224, 224)
for layer in model.features:
    x = layer(x)
    if not isinstance(layer, nn.ReLU):  # a ReLU keeps the shape
        print(f"{type(layer).__name__:<10} -> {tuple(x.shape[1:])}")
x = torch.flatten(model.avgpool(x), start_dim=1)
print(f"{'flatten':<10} -> {tuple(x.shape[1:])}")
print(f"{'classifier':<10} -> {tuple(model.classifier(x).shape[1:])}")

# The first layer's map side, from the formula: 224 with padding 2 and
# the 2012 paper's 227 without padding land on the same 55.
print("conv1 side from 224, padding 2:", output_size(224, 11, 4, 2))
print("conv1 side from 227, padding 0:", output_size(227, 11, 4, 0))
