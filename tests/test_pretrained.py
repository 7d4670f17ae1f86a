"""The library shortcut runs torchvision's real loading code, offline, from a temporary cache."""

import os
import shutil
from pathlib import Path

import pytest

from lenet_alexnet.checkpoints import WeightsRefused, checkpoint_path, verify_genuine
from harness.paths import SNIPPETS

PRETRAINED = SNIPPETS / "lenet_alexnet" / "pretrained_alexnet.py"


def test_stand_in_sits_where_torchvision_caches_the_weights(section_facts):
    # Where torchvision, offline, found the weights when the snippet ran (its inspector read
    # it): the stand-in was written there, or the snippet would have failed on the network.
    assert section_facts["pretrained.cached_at"] == "hub/checkpoints/alexnet-owt-7be5be79.pth"


def test_shortcut_loads_the_cached_weights_without_the_network(snippet_runner):
    """If the stand-in were not picked up, torchvision would try to download and hit the block."""
    result = snippet_runner.run_file(PRETRAINED, "lenet_alexnet/pretrained_alexnet")
    assert result.ok, result.stderr
    assert "network access is blocked" not in result.stderr
    assert "Downloading" not in result.stderr


def genuine_weights(checkpoint_name: str) -> Path:
    """The real IMAGENET1K_V1 file in the user's own torch cache (read, never written),
    found the way torch.hub documents: $TORCH_HOME, else $XDG_CACHE_HOME/torch, else ~/.cache/torch."""
    cache_home = os.environ.get("XDG_CACHE_HOME", os.path.join(os.path.expanduser("~"), ".cache"))
    torch_home = os.environ.get("TORCH_HOME", os.path.join(cache_home, "torch"))
    return Path(torch_home) / "hub" / "checkpoints" / checkpoint_name


def test_genuine_weights_predict_sensibly(tmp_path, snippet_runner, section_facts):
    real = genuine_weights(Path(section_facts["pretrained.cached_at"]).name)
    if not real.is_file():
        pytest.skip(f"genuine AlexNet weights are not in the torch cache ({real}); "
                    "only the stand-in checkpoint was tested")
    try:
        verify_genuine(real)
    except WeightsRefused as error:
        pytest.fail(str(error), pytrace=False)
    home = tmp_path / "torch-home"
    target = checkpoint_path(home, real.name)
    target.parent.mkdir(parents=True)
    shutil.copyfile(real, target)
    check = f"""
import os
os.environ["TORCH_HOME"] = {str(home)!r}
import torch
from PIL import Image
from sklearn.datasets import load_sample_image
from torchvision.models import AlexNet_Weights, alexnet
weights = AlexNet_Weights.IMAGENET1K_V1
model = alexnet(weights=weights).eval()
preprocess = weights.transforms()
for name in ("china.jpg", "flower.jpg"):
    batch = preprocess(Image.fromarray(load_sample_image(name))).unsqueeze(0)
    with torch.inference_mode():
        top5 = model(batch).softmax(1).topk(5).indices[0].tolist()
    print(name, "|".join(weights.meta["categories"][i] for i in top5))
"""
    result = snippet_runner.run(check, "genuine AlexNet predictions")
    assert result.ok, result.stderr
    predictions = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    buildings = {"palace", "monastery", "pagoda", "bell cote", "church", "mosque", "stupa",
                 "dome", "castle", "boathouse", "triumphal arch", "library", "cinema"}
    flowers = {"daisy", "bee", "pot", "vase", "cardoon", "hip", "ant", "fly", "buckeye",
               "rapeseed", "yellow lady's slipper", "coral fungus", "sea anemone", "pinwheel"}
    assert buildings & set(predictions["china.jpg"].split("|")), predictions
    assert flowers & set(predictions["flower.jpg"].split("|")), predictions
