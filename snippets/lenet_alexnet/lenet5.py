# LeNet-5 as it is taught today: the 1998 layer plan, with ReLU where the
# original had tanh and max-pooling where it had trainable average pooling.
import torch
from torch import nn


class LeNet5(nn.Module):
    """Convolve, rectify, pool (twice), then a three-layer classifier."""

    def __init__(self, num_classes: int = 10) -> None:
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 6, kernel_size=5),  # 1x32x32 -> 6x28x28
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=2),  # -> 6x14x14
            nn.Conv2d(6, 16, kernel_size=5),  # -> 16x10x10
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=2),  # -> 16x5x5
        )
        self.classifier = nn.Sequential(
            nn.Flatten(),  # 16 * 5 * 5 = 400 values per image
            nn.Linear(16 * 5 * 5, 120),
            nn.ReLU(inplace=True),
            nn.Linear(120, 84),
            nn.ReLU(inplace=True),
            nn.Linear(84, num_classes),
        )

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(images))


torch.manual_seed(0)
model = LeNet5()
n_params = sum(p.numel() for p in model.parameters())
print(f"LeNet-5 parameters: {n_params:,}")
scores = model(torch.randn(1, 1, 32, 32))  # one grey 32x32 digit
print("output shape:", scores.shape)
