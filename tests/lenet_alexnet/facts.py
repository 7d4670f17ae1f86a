"""Numbers the prose states, computed from the very code the pages show."""

from functools import lru_cache

from pathlib import Path

from harness import cache
from harness.namespace import load_snippet_namespace
from harness.paths import DOCS, SNIPPETS

SECTION = SNIPPETS / "lenet_alexnet"


def count(module) -> int:
    return sum(p.numel() for p in module.parameters())


FACT_SOURCES = ["lenet5.py", "alexnet.py", "alexnet_2012.py", "alexnet_cost.py", "preprocessing_mismatch.py",
                "ilsvrc_winners.py"]
NOTEBOOK = DOCS / "chapter-20" / "notebooks" / "relu-vs-tanh.ipynb"
SECTION_PAGE = DOCS / "chapter-20" / "lenet-alexnet.md"
HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def facts() -> dict:
    """Cached for authors by the content of the snippets they come from and of this file."""
    key = cache.digest(*(cache.file_digest(SECTION / name) for name in FACT_SOURCES),
                       cache.file_digest(Path(__file__)),
                       cache.file_digest(HERE / "figures" / "lenet5_pipeline.py"),
                       cache.environment_fingerprint())
    entry = cache.load("facts", key)
    if entry is not None:
        computed = entry["facts"]
    else:
        computed = _compute_facts()
        cache.store("facts", key, {"facts": computed})
    # Cheap, and read from files a cache key would have to follow: always fresh.
    return {**computed, **notebook_facts(), **page_facts()}


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

    from .figures.lenet5_pipeline import input_size as lenet_input_size, trace_stages

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

    cost = load_snippet_namespace(SECTION / "alexnet_cost.py")
    cost_params, cost_macs, kinds = cost["params"], cost["macs"], cost["kinds"]
    total_macs = sum(cost_macs.values())
    share = lambda part, whole: 100 * part / whole
    plan = load_snippet_namespace(SECTION / "alexnet_2012.py")
    paper, library = plan["paper"], plan["library"]
    paper_convs = [m for m in paper.modules() if isinstance(m, nn.Conv2d)]
    with torch.no_grad():
        paper_first_map = paper_convs[0](torch.zeros(1, 3, 227, 227)).shape[-1]
    lenet_convs = [m for m in lenet.modules() if isinstance(m, nn.Conv2d)]
    lenet_denses = [m for m in lenet.modules() if isinstance(m, nn.Linear)]
    from torchvision.models import ResNet50_Weights

    metrics = weights.meta["_metrics"]["ImageNet-1K"]

    import math

    lenet_alt = ["32x32"]
    shape_after = iter(stage.label for stage in trace_stages(lenet)[1:])
    for layer in lenet.features:
        size = getattr(layer, "kernel_size", None)
        if size is not None:
            size = size if isinstance(size, int) else size[0]
            lenet_alt += [f"{size}x{size}", next(shape_after)]
    lenet_alt += [str(m.out_features) for m in lenet_denses]
    lenet_alt[0] = trace_stages(lenet)[0].label
    pretrained_code = (SECTION / "pretrained_alexnet.py").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(pretrained_code) if line.startswith("weights = "))
    end = next(i for i, line in enumerate(pretrained_code) if line.startswith("preprocess = "))
    shortcut = [line for line in pretrained_code[start:end + 1] if line.strip() and not line.startswith("#")]
    expected = mismatch["expected"]
    spread = float(deployed.std(dim=(1, 2)).mean()) / float(expected.std(dim=(1, 2)).mean())
    gain = torch.nn.init.calculate_gain

    return {
        "lenet5.figure_alt_numbers": lenet_alt,
        "lenet5.pool_window": "2x2",
        "lenet5.dense_layers": len(lenet_denses),
        "lenet5.conv_kernel_shape": f"{lenet_convs[0].kernel_size[0]}x{lenet_convs[0].kernel_size[1]}",
        "alexnet.stem_kernel_shape": f"{convs[0].kernel_size[0]}x{convs[0].kernel_size[1]}",
        "alexnet.pool_window": "x".join([str([m for m in alexnet.modules() if isinstance(m, nn.MaxPool2d)][0].kernel_size)] * 2),
        "alexnet.gmacs": total_macs / 1e9,
        "alexnet.first_conv_in": convs[0].in_channels,
        "alexnet.first_conv_out": convs[0].out_channels,
        "alexnet.first_dense_in_out": [denses[0].in_features, denses[0].out_features],
        "alexnet.dense_weight_factors": denses[0].weight.dim(),
        "pretrained.shortcut_lines": len(shortcut),
        "mismatch.deployed_range": [round(float(deployed.min())), round(float(deployed.max()))],
        "mismatch.deployed_mean_range": [round(float(deployed.mean(dim=(1, 2)).min())),
                                         round(float(deployed.mean(dim=(1, 2)).max()))],
        "mismatch.orders_of_magnitude": round(math.log10(spread)),
        "init.relu_gain_squared": round(gain("relu") ** 2, 12),
        "init.tanh_gain": gain("tanh"),
        "ilsvrc.chart_numbers": [n for year, _, _, error in load_snippet_namespace(SECTION / "ilsvrc_winners.py")["WINNERS"]
                                 for n in (error, year)],
        "ilsvrc.years": [min(winners), max(winners)],
        **{f"ilsvrc.year_{year}": year for year in winners},
        "lenet5.conv_kernel": lenet_convs[0].kernel_size[0],
        "lenet5.conv1_maps": lenet_convs[0].out_channels,
        "lenet5.conv2_maps": lenet_convs[1].out_channels,
        "lenet5.dense_units": [m.out_features for m in lenet_denses[:-1]],
        "lenet5.classes": lenet_denses[-1].out_features,
        "lenet5.pool": [m for m in lenet.modules() if isinstance(m, nn.MaxPool2d)][0].kernel_size,
        "alexnet.dense_layers": len(denses),
        "alexnet.conv_parameter_share_percent": share(kinds["conv"][0], total),
        "alexnet.dense_parameter_share_percent": share(kinds["dense"][0], total),
        "alexnet.conv_mac_share_percent": share(kinds["conv"][1], total_macs),
        "alexnet.dense_mac_share_percent": share(kinds["dense"][1], total_macs),
        "alexnet.macs": total_macs,
        "alexnet.first_dense_mac_share_percent": share(cost_macs["classifier.1"], total_macs),
        "alexnet.conv2_parameter_share_percent": share(cost_params["features.3"], total),
        "alexnet.conv2_mac_share_percent": share(cost_macs["features.3"], total_macs),
        "alexnet.input_size": "224x224",
        "alexnet2012.parameters": count(paper),
        "alexnet2012.difference": count(library) - count(paper),
        "alexnet2012.dense_difference": sum(count(a) - count(b) for a, b in zip(
            [m for m in library.modules() if isinstance(m, nn.Linear)],
            [m for m in paper.modules() if isinstance(m, nn.Linear)])),
        "alexnet2012.response_norms": sum(isinstance(m, nn.LocalResponseNorm) for m in paper.modules()),
        "alexnet2012.grouped_convs": sum(m.groups > 1 for m in paper_convs),
        "alexnet2012.groups": max(m.groups for m in paper_convs),
        "alexnet2012.input": "227x227",
        "alexnet2012.first_map": f"{paper_first_map}x{paper_first_map}",
        "pretrained.gflops": weights.meta["_ops"],
        "pretrained.acc5_percent": metrics["acc@5"],
        "pretrained.top5_error_percent": 100 - metrics["acc@5"],
        "resnet50.v1_acc1_percent": ResNet50_Weights.IMAGENET1K_V1.meta["_metrics"]["ImageNet-1K"]["acc@1"],
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


def notebook_facts() -> dict:
    """What the exercise notebook measured, read from its recorded outputs (which the
    notebook test checks against a fresh run)."""
    import json
    import re

    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    text = "".join("".join(o.get("text", "")) for c in cells if c["cell_type"] == "code"
                   for o in c.get("outputs", []) if o.get("output_type") == "stream")
    found = {}
    seeds = re.search(r"^seeds \[([\d, ]+)\]", text, re.MULTILINE)
    found["nb.seeds"] = len(seeds.group(1).split(","))
    found["nb.runs"] = int(re.search(r"^(\d+) runs of", text, re.MULTILINE).group(1))
    found["nb.budget"] = int(re.search(r"^budget per run: (\d+) steps", text, re.MULTILINE).group(1))
    found["nb.depths"] = [int(d) for d in re.findall(r"(\d+) conv", re.search(r"depths \[(.*?)\]", text).group(1))]
    found["nb.targets"] = [float(t) for t in re.search(r"targets \[(.*?)\]", text).group(1).split(",")]
    code = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    found["nb.depth_shallow"], found["nb.depth_deep"] = (2 + 2 * extra for extra in
                                                         map(int, re.findall(r'"\d+ conv": (\d+)', code)))
    found["nb.depths_count"] = len(found["nb.depths"])
    found["nb.inits_count"] = len(re.search(r"^INITS = \[(.*)\]", code, re.MULTILINE).group(1).split(","))
    found["nb.activations_count"] = len(re.findall(r'"\w+": nn\.\w+', re.search(r"^ACTIVATIONS = .*", code, re.MULTILINE).group()))
    extra = re.search(r"nn\.Conv2d\(out_ch, out_ch, kernel_size=(\d+), padding=(\d+)\)", code)
    found["nb.extra_kernel"], found["nb.extra_padding"] = f"{extra.group(1)}x{extra.group(1)}", int(extra.group(2))
    found["nb.target_high"], found["nb.target_low"] = max(found["nb.targets"]), min(found["nb.targets"])
    setting = re.compile(r"^(\d+) conv, (\w+) init, target ([\d.]+)\n((?:  .*\n)+)", re.MULTILINE)
    for depth, init, target, block in setting.findall(text):
        key = f"nb.{depth}conv.{init}.{target}"
        for name, reached, median in re.findall(r"^\s+(\w+): (\d+)/\d+ reached(?:, median (\w+))?", block, re.MULTILINE):
            found[f"{key}.{name}.reached"] = int(reached)
            if median and median.isdigit():
                found[f"{key}.{name}.median"] = int(median)
        wins = re.search(r"first: ReLU (\d+), tanh (\d+)", block)
        found[f"{key}.ReLU.first"], found[f"{key}.tanh.first"] = int(wins.group(1)), int(wins.group(2))
        for name in ("ReLU", "tanh"):
            found[f"{key}.{name}.first_of"] = [found[f"{key}.{name}.first"], found["nb.seeds"]]
            found[f"{key}.{name}.reached_of"] = [found[f"{key}.{name}.reached"], found["nb.seeds"]]
    for depth in found["nb.depths"]:
        for init in ("default", "matched"):
            for name in ("ReLU", "tanh"):
                found[f"nb.{depth}conv.{init}.{name}.unreached_targets"] = [
                    target for target in found["nb.targets"]
                    if found.get(f"nb.{depth}conv.{init}.{target}.{name}.reached") == 0]
    return found


def page_facts() -> dict:
    """Facts about the section page's own structure."""
    text = SECTION_PAGE.read_text(encoding="utf-8")
    table = text.split("**Table 20.1.1:**", 1)[1]
    rows = [line for line in table.split("\n\n", 2)[1].splitlines() if line.startswith("|")]
    return {"table.bottlenecks": len(rows) - 2,  # less the header and its rule
            "table.bottleneck_names": [row.split("|")[1].strip() for row in rows[2:]]}
