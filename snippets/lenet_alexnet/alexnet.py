# AlexNet with the layer sizes of torchvision's model, for 224x224 images.
# Look for the 2012 changes: a rectifier behind each convolution, pooling
# windows that share pixels with their neighbours, dropout guarding the
# head.
import torch
from torch import nn

# The names this file exports to code that imports it.
__all__ = ["AlexNet"]


class AlexNet(nn.Module):
    """Five convolutions, three dense layers; 1000 ImageNet class scores."""

    def __init__(self, num_classes: int = 1000,
                 dropout: float = 0.5) -> None:
        super().__init__()
        self.features = nn.Sequential(
            # A wide 11x11 kernel, stride 4: 224x224 becomes 55x55 at once.
            nn.Conv2d(3, 64, kernel_size=11, stride=4, padding=2),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),  # windows overlap: 3 > 2
            nn.Conv2d(64, 192, kernel_size=5, padding=2),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(192, 384, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(384, 256, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(256, 256, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
        )
        # Fixes the map at 6x6: the dense head accepts other input sizes.
        self.avgpool = nn.AdaptiveAvgPool2d((6, 6))
        self.classifier = nn.Sequential(
            nn.Dropout(p=dropout),
            nn.Linear(256 * 6 * 6, 4096),  # the heaviest layer by far
            nn.ReLU(inplace=True),
            nn.Dropout(p=dropout),
            nn.Linear(4096, 4096),
            nn.ReLU(inplace=True),
            nn.Linear(4096, num_classes),
        )

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        pooled = self.avgpool(self.features(images))
        return self.classifier(torch.flatten(pooled, start_dim=1))


torch.manual_seed(0)
model = AlexNet()
print(f"AlexNet parameters: {sum(p.numel() for p in model.parameters()):,}")
print(model(torch.randn(2, 3, 224, 224)).shape)  # a batch of two RGB images
