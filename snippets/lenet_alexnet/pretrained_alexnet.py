# AlexNet with torchvision's ImageNet weights: the network and the
# inference preprocessing torchvision documents for those weights come
# from one enum member.
# The first run downloads about 233 MB into torch's cache ($TORCH_HOME).
import torch
from PIL import Image
from sklearn.datasets import load_sample_image  # photos sklearn ships
from torchvision.models import AlexNet_Weights, alexnet

# The names this file exports to code that imports it.
__all__ = ["weights", "model", "preprocess", "top_classes", "scores"]

weights = AlexNet_Weights.IMAGENET1K_V1
model = alexnet(weights=weights).eval()
# Resize, centre-crop, scale to [0, 1], normalise.
preprocess = weights.transforms()


def top_classes(scores: torch.Tensor, k: int = 5) -> list[tuple]:
    """The k likeliest classes for one image's 1000 scores, which follow
    the order of weights.meta["categories"], with their probabilities."""
    best = scores.softmax(dim=0).topk(k)
    names = [weights.meta["categories"][i] for i in best.indices.tolist()]
    return list(zip(names, best.values.tolist()))


# What the weights promise, readable without running the network.
print(f"weights file: {weights.url.rsplit('/', 1)[-1]}")
print(f"parameters: {weights.meta['num_params']:,}")
for metric, value in weights.meta["_metrics"]["ImageNet-1K"].items():
    print(f"ImageNet-1K {metric}: {value:.3f} %")
print(f"classes: {len(weights.meta['categories'])}")

# The inference preprocessing: its normalisation is the one used in
# training; the resize and centre crop replace training's random crops.
print(f"resize shorter side to {preprocess.resize_size[0]} px "
      f"({preprocess.interpolation.value})")
print(f"centre-crop to {preprocess.crop_size[0]}x{preprocess.crop_size[0]}")
print(f"normalise with mean {preprocess.mean} and std {preprocess.std}")

photo = Image.fromarray(load_sample_image("china.jpg"))
batch = preprocess(photo).unsqueeze(0)  # add the batch dimension
with torch.inference_mode():
    scores = model(batch)
width, height = photo.size
print(f"photo {width}x{height} -> input {tuple(batch.shape)}")
print(f"scores: {tuple(scores.shape)}, one per class for each image")
print(f"probabilities sum to {scores[0].softmax(dim=0).sum():.3f}")
for name, probability in top_classes(scores[0]):
    print(f"{probability:7.3%}  {name}")
