# Exercise 20.1.4, one answer: AlexNet's dense head replaced by global
# average pooling and a single linear layer.
import torch
from torch import nn
from torchvision.models import alexnet

# The names this file exports to code that imports it.
__all__ = ["dense", "pooled", "scores"]


def count(module: nn.Module) -> int:
    return sum(tensor.numel() for tensor in module.parameters())


torch.manual_seed(0)
dense = alexnet()  # torchvision's layer plan, untrained
pooled = alexnet()
pooled.avgpool = nn.AdaptiveAvgPool2d(1)  # one average per channel
pooled.classifier = nn.Linear(256, 1000)  # forward() flattens before it

for label, model in (("dense head", dense), ("pooled head", pooled)):
    print(f"{label:<12}{count(model.classifier):>11,} in the head, "
          f"{count(model):>11,} in all")
print(f"parameters saved: {count(dense) - count(pooled):,}")
with torch.no_grad():
    scores = pooled.eval()(torch.randn(2, 3, 224, 224))
print("two 224x224 images ->", tuple(scores.shape))
