"""Numbers the prose states, computed from the very code the pages show."""

from functools import lru_cache

from pathlib import Path

from . import cache
from .namespace import load_snippet_namespace
from .paths import SNIPPETS

SECTION = SNIPPETS / "lenet_alexnet"


def count(module) -> int:
    return sum(p.numel() for p in module.parameters())


FACT_SOURCES = ["lenet5.py", "alexnet.py", "preprocessing_mismatch.py", "ilsvrc_winners.py"]
HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def facts() -> dict:
    """Cached for authors by the content of the snippets they come from and of this file."""
    key = cache.digest(*(cache.file_digest(SECTION / name) for name in FACT_SOURCES),
                       cache.file_digest(Path(__file__)),
                       cache.file_digest(HERE.parent / "figures" / "lenet5_pipeline.py"),
                       cache.environment_fingerprint())
    entry = cache.load("facts", key)
    if entry is not None:
        return entry["facts"]
    computed = _compute_facts()
    cache.store("facts", key, {"facts": computed})
    return computed


def _compute_facts() -> dict:
    import torch
    from torch import nn
    from torchvision.models import AlexNet_Weights

    lenet = load_snippet_namespace(SECTION / "lenet5.py")["LeNet5"]()
    alexnet = load_snippet_namespace(SECTION / "alexnet.py")["AlexNet"]()
    convs = [m for m in alexnet.modules() if isinstance(m, nn.Conv2d)]
    denses = [m for m in alexnet.modules() if isinstance(m, nn.Linear)]
    total = count(alexnet)

    with torch.no_grad():
        lenet_map = lenet.features(torch.zeros(1, 1, 32, 32)).shape[1:]
        alex_map = alexnet.avgpool(alexnet.features(torch.zeros(1, 3, 224, 224))).shape[1:]

    weights = AlexNet_Weights.IMAGENET1K_V1
    preprocess = weights.transforms()
    mismatch = load_snippet_namespace(SECTION / "preprocessing_mismatch.py")
    deployed = mismatch["deployed"]
    winners = {year: (team, kind, error) for year, team, kind, error in
               load_snippet_namespace(SECTION / "ilsvrc_winners.py")["WINNERS"]}

    # The hand-written AlexNet against torchvision's: same parameters, same output.
    from torchvision.models import alexnet as torchvision_alexnet

    reference = torchvision_alexnet()
    try:
        alexnet.load_state_dict(reference.state_dict(), strict=True)
        loads_strictly = True
    except RuntimeError:
        loads_strictly = False
    alexnet.eval(), reference.eval()
    images = torch.randn(2, 3, 224, 224, generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        same_output = loads_strictly and bool(torch.equal(alexnet(images), reference(images)))

    from figures.lenet5_pipeline import input_size as lenet_input_size, trace_stages

    from .checkpoints import alexnet_checkpoint_name

    # Where torchvision looks for the cached weights, relative to TORCH_HOME.
    import os
    import tempfile

    saved = os.environ.get("TORCH_HOME")
    with tempfile.TemporaryDirectory() as home:
        os.environ["TORCH_HOME"] = home
        try:
            cached_at = (Path(torch.hub.get_dir()) / "checkpoints" / alexnet_checkpoint_name()).relative_to(home)
        finally:
            if saved is None:
                del os.environ["TORCH_HOME"]
            else:
                os.environ["TORCH_HOME"] = saved

    from sklearn.datasets import load_digits

    digits = load_digits().images

    return {
        "digits.images": digits.shape[0],
        "digits.image_size": f"{digits.shape[1]}x{digits.shape[2]}",
        "lenet5.input_size": "x".join([str(lenet_input_size(lenet))] * 2),
        "lenet5.figure_stages": [stage.label for stage in trace_stages(lenet)],
        "pretrained.cached_at": cached_at.as_posix(),
        "alexnet.loads_torchvision_state_dict_strictly": loads_strictly,
        "alexnet.same_output_as_torchvision": same_output,
        "lenet5.parameters": count(lenet),
        "lenet5.feature_map": "x".join(str(d) for d in (lenet_map[1], lenet_map[2], lenet_map[0])),
        "lenet5.classifier_inputs": [m for m in lenet.modules() if isinstance(m, nn.Linear)][0].in_features,
        "alexnet.parameters": total,
        "alexnet.conv_parameters": sum(count(m) for m in convs),
        "alexnet.conv_layers": len(convs),
        "alexnet.first_conv_parameters": count(convs[0]),
        "alexnet.first_conv_share_percent": 100 * count(convs[0]) / total,
        "alexnet.first_dense_inputs": denses[0].in_features,
        "alexnet.first_dense_inputs_shape": "x".join(str(d) for d in alex_map),
        "alexnet.first_dense_outputs": denses[0].out_features,
        "alexnet.first_dense_parameters": count(denses[0]),
        "alexnet.first_dense_share_percent": 100 * count(denses[0]) / total,
        "alexnet.dense_to_conv_ratio": count(denses[0]) / count(convs[0]),
        "alexnet.pool_kernel": [m for m in alexnet.modules() if isinstance(m, nn.MaxPool2d)][0].kernel_size,
        "alexnet.pool_stride": [m for m in alexnet.modules() if isinstance(m, nn.MaxPool2d)][0].stride,
        "alexnet.stem_kernel": convs[0].kernel_size[0],
        "alexnet.stem_stride": convs[0].stride[0],
        "alexnet.dropout_layers": sum(isinstance(m, nn.Dropout) for m in alexnet.modules()),
        "pretrained.num_params": weights.meta["num_params"],
        "pretrained.classes": len(weights.meta["categories"]),
        "pretrained.crop": preprocess.crop_size[0],
        "pretrained.resize": preprocess.resize_size[0],
        "mismatch.deployed_max": float(deployed.max()),
        "mismatch.deployed_mean_min": float(deployed.mean(dim=(1, 2)).min()),
        "mismatch.deployed_mean_max": float(deployed.mean(dim=(1, 2)).max()),
        "ilsvrc.2010": winners[2010][2],
        "ilsvrc.2011": winners[2011][2],
        "ilsvrc.2012": winners[2012][2],
        "ilsvrc.drop_2010_2011": winners[2010][2] - winners[2011][2],
        "ilsvrc.drop_2011_2012": winners[2011][2] - winners[2012][2],
    }
