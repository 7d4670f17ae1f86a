# Exercise 20.1.5, one answer: AlexNet, dropout off, fits 20 small digit
# images until it gets all of them right, then meets 300 digits it never
# saw.
# harness: tolerance abs=0.1 because training amplifies float rounding
import torch
from sklearn.datasets import load_digits  # 8x8 digits sklearn ships
from torch import nn
from torch.nn import functional as F
from torchvision.models import alexnet

# The names this file exports to code that imports it.
__all__ = ["model", "losses", "pixels", "train_images", "train_labels",
           "test_labels", "right_in_training", "right_unseen"]
STEPS = 40


def as_photos(images: torch.Tensor) -> torch.Tensor:
    """8x8 greyscale digits (0..16) -> 64x64 three-channel inputs (0..1)."""
    big = F.interpolate(images[:, None] / 16, size=64, mode="bilinear")
    return big.expand(-1, 3, -1, -1).contiguous()


def share_right(model: nn.Module, images, labels) -> float:
    return (model(images).argmax(1) == labels).float().mean().item()


digits = load_digits()
pixels = torch.tensor(digits.images, dtype=torch.float32)
labels = torch.tensor(digits.target)
# Two images of each digit to train on, 300 of the others to test on.
train_index = torch.cat([(labels == d).nonzero()[:2, 0] for d in range(10)])
unseen = torch.ones(len(labels), dtype=torch.bool)
unseen[train_index] = False
test_index = unseen.nonzero()[:300, 0]
train_images = as_photos(pixels[train_index])
train_labels = labels[train_index]
test_images, test_labels = as_photos(pixels[test_index]), labels[test_index]
small = "x".join(map(str, pixels.shape[1:]))
large = "x".join(map(str, train_images.shape[2:]))
print(f"digits of {small} pixels, trained at {large}")
torch.manual_seed(0)
model = alexnet(num_classes=10, dropout=0.0)  # 57 million parameters
optimiser = torch.optim.Adam(model.parameters(), lr=3e-4, fused=True)
losses = []
for step in range(1, STEPS + 1):
    loss = F.cross_entropy(model(train_images), train_labels)
    optimiser.zero_grad(set_to_none=False)  # reuse the gradient memory
    loss.backward()
    optimiser.step()
    losses.append(loss.item())
    if step % 10 == 0:
        print(f"step {step}: training loss {loss.item():.2f}")

model.eval()
with torch.no_grad():
    predicted = model(train_images).argmax(1)
    right_in_training = int((predicted == train_labels).sum())
    right_unseen = share_right(model, test_images, test_labels)
print(f"training images right: {right_in_training} of 20")
print(f"unseen digits right: {right_unseen:.2f} (a guess: 0.10)")
