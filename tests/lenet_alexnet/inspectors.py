"""Read what this section's claims and figures need from what a fragment publishes, right
after the fragment's one run, in the process that ran it (harness/runner.py calls `inspect`).

Each function gets only the names the fragment lists in its `__all__` (harness/runner.py,
published_names): renaming any other variable of the teaching code changes no fact, and
reading a name the fragment does not publish fails, naming the fragment. Each returns plain
JSON: facts under their names in tests/lenet_alexnet/claims.py, and the data the figures are
drawn from. Nothing here runs a fragment again; torch is already imported in that process.
"""

import ast
import math
from pathlib import Path


def inspect(namespace: dict) -> dict:
    read = INSPECTORS.get(Path(namespace["__file__"]).stem)
    return read(namespace) if read else {}


def count(module) -> int:
    return sum(p.numel() for p in module.parameters())


def of(model, kind) -> list:
    return [m for m in model.modules() if isinstance(m, kind)]


def longest_run_of_convolutions(layers) -> int:
    """The most convolutions in a row with no pooling between them (activations do not count)."""
    from torch import nn

    longest = run = 0
    for layer in layers:
        if isinstance(layer, nn.Conv2d):
            run += 1
            longest = max(longest, run)
        elif not isinstance(layer, (nn.ReLU, nn.Tanh)):
            run = 0
    return longest


def output_size_formula_offset(output_size) -> int | None:
    """1, the "+ 1" of the page's formula, if the fragment's `output_size` gives PyTorch's own
    map side for every small case tried; None if any case disagrees."""
    import torch
    from torch import nn

    for size in range(7, 20):
        for kernel in range(1, 6):
            for stride in range(1, 4):
                for padding in range(0, kernel // 2 + 1):
                    layer = nn.Conv2d(1, 1, kernel, stride=stride, padding=padding)
                    with torch.no_grad():
                        actual = layer(torch.zeros(1, 1, size, size)).shape[-1]
                    if actual != output_size(size, kernel, stride, padding):
                        return None
    return 1


def lenet5(ns: dict) -> dict:
    import torch
    from torch import nn

    from figure_drawing.lenet_alexnet.layer_plan import input_size, trace_stages

    model = ns["LeNet5"]()
    convs, denses = of(model, nn.Conv2d), of(model, nn.Linear)
    side = input_size(model)
    with torch.no_grad():
        channels, height, width = model.features(torch.zeros(1, 1, side, side)).shape[1:]
    stages = trace_stages(model)
    alt = [stages[0].label]  # the figure's alt text: input, then each operation and its result
    results = iter(stage.label for stage in stages[1:])
    for layer in model.features:
        size = getattr(layer, "kernel_size", None)
        if size is not None:
            size = size if isinstance(size, int) else size[0]
            alt += [f"{size}x{size}", next(results)]
    alt += [str(m.out_features) for m in denses]
    pool = of(model, nn.MaxPool2d)[0].kernel_size
    ours, paper = ns["ours"], ns["paper"]
    return {
        "lenet5.mnist_padding": (side - 28) // 2,
        "lenet5.values_from_28": ns["from_28"],
        "lenet5.paper_parameters": sum(paper.values()),
        "lenet5.excess_over_paper": count(model) - sum(paper.values()),
        "lenet5.full_c3_excess": ours["C3"] - paper["C3"],
        "lenet5.c3_parameters": ours["C3"],
        "lenet5.paper_c3_parameters": paper["C3"],
        "lenet5.output_layer_parameters": ours["output"],
        "lenet5.subsampling_coefficients": paper["S2"] + paper["S4"],
        "lenet5.pool_layers": len(of(model, nn.MaxPool2d)),
        "lenet5.parameters": count(model),
        "lenet5.input_size": f"{side}x{side}",
        "lenet5.feature_map": f"{height}x{width}x{channels}",
        "lenet5.classifier_inputs": denses[0].in_features,
        "lenet5.conv_kernel": convs[0].kernel_size[0],
        "lenet5.conv_kernel_shape": f"{convs[0].kernel_size[0]}x{convs[0].kernel_size[1]}",
        "lenet5.conv1_maps": convs[0].out_channels,
        "lenet5.conv2_maps": convs[1].out_channels,
        "lenet5.dense_units": [m.out_features for m in denses[:-1]],
        "lenet5.dense_layers": len(denses),
        "lenet5.classes": denses[-1].out_features,
        "lenet5.pool_window": f"{pool}x{pool}",
        "lenet5.figure_stages": [stage.label for stage in stages],
        "lenet5.figure_alt_numbers": alt,
        "figure.lenet5_stages": [[s.kind, list(s.shape), s.operation] for s in stages],
    }


def alexnet(ns: dict) -> dict:
    import torch
    from torch import nn
    from torchvision.models import alexnet as torchvision_alexnet

    from figure_drawing.lenet_alexnet.layer_plan import trace_stages

    model = ns["AlexNet"]()
    stages = trace_stages(model, (3, 224, 224))
    convs, denses, pools = of(model, nn.Conv2d), of(model, nn.Linear), of(model, nn.MaxPool2d)
    total = count(model)
    with torch.no_grad():
        head_input = model.avgpool(model.features(torch.zeros(1, 3, 224, 224))).shape[1:]
    # The hand-written AlexNet against torchvision's: same parameters, same output.
    reference = torchvision_alexnet()
    try:
        model.load_state_dict(reference.state_dict(), strict=True)
        loads_strictly = True
    except RuntimeError:
        loads_strictly = False
    model.eval(), reference.eval()
    images = torch.randn(2, 3, 224, 224, generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        same_output = loads_strictly and bool(torch.equal(model(images), reference(images)))
    stem = convs[0]
    kernel, stride, padding = stem.kernel_size[0], stem.stride[0], stem.padding[0]
    side = ns["output_size"](224, kernel, stride, padding)
    assert [side, side] == list(stages[1].shape[1:]), "the formula disagrees with the traced map"
    return {
        "alexnet.conv1_side_formula": [224, 2, padding, kernel, stride, 1, side],
        "alexnet.stacked_convs": longest_run_of_convolutions(model.features),
        "conv.output_side_formula_offset": output_size_formula_offset(ns["output_size"]),
        "alexnet.parameters": total,
        "alexnet.loads_torchvision_state_dict_strictly": loads_strictly,
        "alexnet.same_output_as_torchvision": same_output,
        "alexnet.conv_layers": len(convs),
        "alexnet.dense_layers": len(denses),
        "alexnet.conv_parameters": sum(count(m) for m in convs),
        "alexnet.first_conv_parameters": count(convs[0]),
        "alexnet.first_conv_share_percent": 100 * count(convs[0]) / total,
        "alexnet.first_conv_in": convs[0].in_channels,
        "alexnet.first_conv_out": convs[0].out_channels,
        "alexnet.first_dense_inputs": denses[0].in_features,
        "alexnet.first_dense_inputs_shape": "x".join(str(d) for d in head_input),
        "alexnet.first_dense_outputs": denses[0].out_features,
        "alexnet.first_dense_in_out": [denses[0].in_features, denses[0].out_features],
        "alexnet.first_dense_parameters": count(denses[0]),
        "alexnet.first_dense_share_percent": 100 * count(denses[0]) / total,
        "alexnet.dense_to_conv_ratio": count(denses[0]) / count(convs[0]),
        "alexnet.dense_weight_factors": denses[0].weight.dim(),
        "alexnet.pool_stride": pools[0].stride,
        "alexnet.pool_window": f"{pools[0].kernel_size}x{pools[0].kernel_size}",
        "alexnet.stem_kernel_shape": f"{convs[0].kernel_size[0]}x{convs[0].kernel_size[1]}",
        "alexnet.stem_stride": convs[0].stride[0],
        "alexnet.stem_padding": convs[0].padding[0],
        "alexnet.dropout_layers": len(of(model, nn.Dropout)),
        "alexnet.input_size": "224x224",
        "alexnet.input_side": 224,
        "alexnet.figure_stages": [stage.label for stage in stages],
        "figure.alexnet_stages": [[s.kind, list(s.shape), s.operation] for s in stages],
    }


def alexnet_cost(ns: dict) -> dict:
    from torch import nn

    params, macs, kinds = ns["params"], ns["macs"], ns["kinds"]
    total_params, total_macs = sum(params.values()), sum(macs.values())
    share = lambda part, whole: 100 * part / whole  # noqa: E731
    layers = ns["layers"]
    return {
        "alexnet.conv_parameter_share_percent": share(kinds["conv"][0], total_params),
        "alexnet.dense_parameter_share_percent": share(kinds["dense"][0], total_params),
        "alexnet.conv_mac_share_percent": share(kinds["conv"][1], total_macs),
        "alexnet.dense_mac_share_percent": share(kinds["dense"][1], total_macs),
        "alexnet.macs": total_macs,
        "alexnet.operations": 2 * total_macs,
        "alexnet.gmacs": total_macs / 1e9,
        "alexnet.first_dense_mac_share_percent": share(macs["classifier.1"], total_macs),
        "alexnet.conv2_parameter_share_percent": share(params["features.3"], total_params),
        "alexnet.conv2_mac_share_percent": share(macs["features.3"], total_macs),
        "figure.alexnet_layers": [[name, "conv" if isinstance(layer, nn.Conv2d) else "dense", params[name]]
                                  for name, layer in layers.items()],
        "figure.convolution_bars": sum(isinstance(layer, nn.Conv2d) for layer in layers.values()),
    }


def alexnet_2012(ns: dict) -> dict:
    import torch
    from torch import nn

    paper, library = ns["paper"], ns["library"]
    convs = of(paper, nn.Conv2d)
    with torch.no_grad():
        first_map = convs[0](torch.zeros(1, 3, 227, 227)).shape[-1]
        x = torch.zeros(1, 3, 227, 227)
        for layer in paper.features:
            before, x = x, layer(x)
        last_conv_map, pooled_map = tuple(before.shape[1:]), tuple(x.shape[1:])
    trick = ns["trick"]
    widths = lambda model: [m.out_channels for m in of(model, nn.Conv2d)]  # noqa: E731
    stem = convs[0]
    kernel, stride, padding = stem.kernel_size[0], stem.stride[0], stem.padding[0]
    return {
        "alexnet2012.conv1_side_formula": [227, 2, padding, kernel, stride, 1, first_map],
        "alexnet2012.conv2_out": convs[1].out_channels,
        "alexnet2012.conv2_in": convs[1].in_channels,
        "alexnet2012.conv2_kernel_shape": f"{convs[1].kernel_size[0]}x{convs[1].kernel_size[1]}",
        "alexnet2012.conv2_per_group": convs[1].in_channels // convs[1].groups,
        "alexnet2012.last_conv_map": "x".join(str(d) for d in last_conv_map[::-1]),
        "alexnet2012.pooled_map": "x".join(str(d) for d in pooled_map[::-1]),
        "alexnet2012.networks_compared": len([paper, library]),
        "alexnet2012.dropout_follows_dense": all(
            isinstance(before, nn.ReLU) for before, layer in zip(paper.classifier, paper.classifier[1:])
            if isinstance(layer, nn.Dropout)),
        "owt.conv_widths": widths(trick),
        "owt.torchvision_conv4": widths(library)[3],
        "owt.conv4": widths(trick)[3],
        "owt.torchvision_saves": count(trick) - count(library),
        "alexnet2012.parameters": count(paper),
        "alexnet2012.difference": count(library) - count(paper),
        "alexnet2012.response_norms": len(of(paper, nn.LocalResponseNorm)),
        "alexnet2012.grouped_convs": sum(m.groups > 1 for m in convs),
        "alexnet2012.groups": max(m.groups for m in convs),
        "alexnet2012.input": "227x227",
        "alexnet2012.first_map": f"{first_map}x{first_map}",
    }


def parameter_imbalance(ns: dict) -> dict:
    counts = ns["counts"]
    grouped, ungrouped = counts["conv2, two groups"], counts["conv2, one group"]
    after_pool, without_pool = counts["fc6 on 6x6x256"], counts["fc6 on 13x13x256"]
    return {
        "count.grouped_conv2": grouped,
        "count.ungrouped_conv2": ungrouped,
        "count.split_saves": ungrouped - grouped,
        "count.fc6_after_pool": after_pool,
        "count.fc6_without_pool": without_pool,
        "count.fc6_without_pool_inputs": (without_pool - 4096) // 4096,
        "count.pool_saves": without_pool - after_pool,
    }


def gap_head(ns: dict) -> dict:
    import torch
    from torch import nn

    dense, pooled, scores = ns["dense"], ns["pooled"], ns["scores"]
    with torch.no_grad():
        channels = dense.features(torch.zeros(1, 3, 224, 224)).shape[1]
    head = lambda model: count(model.classifier)  # noqa: E731
    return {
        "gap.dense_head": head(dense),
        "gap.dense_total": count(dense),
        "gap.pooled_head": head(pooled),
        "gap.pooled_total": count(pooled),
        "gap.saved": count(dense) - count(pooled),
        "gap.channels": channels,
        "gap.classes": of(pooled, nn.Linear)[-1].out_features,
        "gap.images": scores.shape[0],
        "gap.dense_grid": "x".join(str(d) for d in dense.avgpool.output_size),
    }


def preprocessing_mismatch(ns: dict) -> dict:
    deployed, expected = ns["deployed"], ns["expected"]
    means = deployed.mean(dim=(1, 2))
    spread = float(deployed.std(dim=(1, 2)).mean()) / float(expected.std(dim=(1, 2)).mean())
    return {
        "mismatch.deployed_range": [round(float(deployed.min())), round(float(deployed.max()))],
        "mismatch.deployed_mean_range": [round(float(means.min())), round(float(means.max()))],
        "mismatch.orders_of_magnitude": round(math.log10(spread)),
        "mismatch.expected_abs_max": round(float(expected.abs().max())),
        "mismatch.expected_mean_abs_bound": math.ceil(float(expected.mean(dim=(1, 2)).abs().max())),
        "mismatch.response_ratio": ns["response"]["deployed"] / ns["response"]["expected"],
    }


def ilsvrc_winners(ns: dict) -> dict:
    winners = [list(row) for row in ns["WINNERS"]]
    error = {year: err for year, _, _, err in winners}
    return {
        **{f"ilsvrc.{year}": err for year, err in error.items()},
        **{f"ilsvrc.year_{year}": year for year in error},
        "ilsvrc.drop_2010_2011": error[2010] - error[2011],
        "ilsvrc.drop_2011_2012": error[2011] - error[2012],
        "ilsvrc.years": [min(error), max(error)],
        "ilsvrc.each_year": sorted(error),
        "ilsvrc.chart_numbers": [n for year, _, _, err in winners for n in (err, year)],
        "figure.ilsvrc_winners": winners,
    }


def ilsvrc2010_table1(ns: dict) -> dict:
    rows = [list(row) for row in ns["TABLE_1"]]
    (_, sparse1, sparse5), (_, fisher1, fisher5), (_, cnn1, cnn5) = rows
    return {
        "table1.systems": len(rows),
        "table1.sparse": [sparse1, sparse5],
        "table1.fisher": [fisher1, fisher5],
        "table1.cnn": [cnn1, cnn5],
        "table1.features_gain": [round(sparse1 - fisher1, 1), round(sparse5 - fisher5, 1)],
        "table1.cnn_gain": [round(fisher1 - cnn1, 1), round(fisher5 - cnn5, 1)],
        "table1.features_gain_top1": sparse1 - fisher1,
        "table1.features_gain_top5": sparse5 - fisher5,
        "table1.cnn_gain_top1": fisher1 - cnn1,
        "table1.cnn_gain_top5": fisher5 - cnn5,
    }


def pretrained_alexnet(ns: dict) -> dict:
    import os

    import torch

    weights = ns["weights"]
    metrics = weights.meta["_metrics"]["ImageNet-1K"]
    # The shortcut is the statements that bind the names the fragment publishes.
    tree = ast.parse(Path(ns["__file__"]).read_text(encoding="utf-8"))
    binding = [node for node in tree.body if isinstance(node, ast.Assign)
               and {t.id for t in node.targets if isinstance(t, ast.Name)} & set(ns["__all__"])]
    shortcut_lines = sum(node.end_lineno - node.lineno + 1 for node in binding)
    cached = Path(torch.hub.get_dir()) / "checkpoints" / weights.url.rsplit("/", 1)[-1]
    top = ns["top_classes"](ns["scores"][0])
    return {
        "pretrained.classes": ns["scores"].shape[1],
        "pretrained.top_shown": len(top),
        # The stand-in's five likeliest classes, in percent: near 100 / 1000 when untrained.
        "pretrained.top_percent_mean": 100 * sum(p for _, p in top) / len(top),
        "pretrained.num_params": weights.meta["num_params"],
        "pretrained.gflops": weights.meta["_ops"],
        "pretrained.acc5_percent": metrics["acc@5"],
        "pretrained.top5_error_percent": 100 - metrics["acc@5"],
        "pretrained.shortcut_lines": shortcut_lines,
        "pretrained.cached_at": cached.relative_to(os.environ["TORCH_HOME"]).as_posix(),
    }


def overfit_small_set(ns: dict) -> dict:
    trained = ns["model"]
    return {
        "overfit.steps": len(ns["losses"]),
        "overfit.train_images": len(ns["train_labels"]),
        "overfit.channels": ns["train_images"].shape[1],
        "overfit.input_size": "x".join(str(side) for side in ns["train_images"].shape[2:]),
        "overfit.digit_size": "x".join(str(side) for side in ns["pixels"].shape[1:]),
        "overfit.per_digit": len(ns["train_labels"]) // len(set(ns["train_labels"].tolist())),
        "overfit.right_in_training": ns["right_in_training"],
        "overfit.unseen_images": len(ns["test_labels"]),
        "overfit.unseen_percent": 100 * ns["right_unseen"],
        "overfit.parameters": count(trained),
    }


INSPECTORS = {
    "lenet5": lenet5,
    "alexnet": alexnet,
    "alexnet_cost": alexnet_cost,
    "alexnet_2012": alexnet_2012,
    "parameter_imbalance": parameter_imbalance,
    "gap_head": gap_head,
    "preprocessing_mismatch": preprocessing_mismatch,
    "ilsvrc_winners": ilsvrc_winners,
    "ilsvrc2010_table1": ilsvrc2010_table1,
    "pretrained_alexnet": pretrained_alexnet,
    "overfit_small_set": overfit_small_set,
}
