# The Practical Example, replayed on a real photograph: what a careless API
# fed the network, next to the input the weights' own transforms produce.
import numpy as np
import torch
from PIL import Image
from sklearn.datasets import load_sample_image
from torchvision.models import AlexNet_Weights, alexnet

# The names this file exports to code that imports it.
__all__ = ["deployed", "expected", "response"]

# An RGB photograph, 640x427, shipped with scikit-learn.
photo = Image.fromarray(load_sample_image("flower.jpg"))

# The deployed API: squash to 256x256, pass the raw 0-255 pixel values on.
squashed = np.asarray(photo.resize((256, 256)), dtype=np.float32)
deployed = torch.from_numpy(squashed).permute(2, 0, 1)

# The inference transforms bundled with the weights: resize, centre crop,
# and the normalisation that training used as well.
expected = AlexNet_Weights.IMAGENET1K_V1.transforms()(photo)


def describe(label: str, image: torch.Tensor) -> None:
    means = ", ".join(f"{v:7.2f}" for v in image.mean(dim=(1, 2)).tolist())
    stds = ", ".join(f"{v:6.2f}" for v in image.std(dim=(1, 2)).tolist())
    dtype = str(image.dtype).removeprefix("torch.")
    print(f"{label:<21} shape {tuple(image.shape)}, {dtype}, "
          f"range [{image.min().item():.2f}, {image.max().item():.2f}]")
    print(f"  per-channel mean (R, G, B): {means}")
    print(f"  per-channel std  (R, G, B): {stds}")


describe("deployed API:", deployed)
describe("weights.transforms():", expected)


# Both inputs through AlexNet's first convolution (its shape, seeded
# weights): a convolution is linear, so its response grows with the
# scale of its input, whatever weights it holds.
torch.manual_seed(0)
first_conv = alexnet().features[0]
with torch.no_grad():
    response = {label: first_conv(image.unsqueeze(0)).abs().mean().item()
                for label, image in (("deployed", deployed),
                                     ("expected", expected))}
too_big, right = response["deployed"], response["expected"]
print(f"first convolution, mean |output|: deployed {too_big:.1f}, "
      f"expected {right:.2f}, {too_big / right:.0f} times")
