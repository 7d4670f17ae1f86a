"""Numbers the prose states, from the very runs that check the snippets' outputs.

Each snippet the pages show runs once per test run; right after it, in the same process,
tests/lenet_alexnet/inspectors.py reads what the claims and figures need from the names it
publishes. facts() gathers those exports, a few facts about the installed libraries (run once
through the same runner), what the exercise notebook publishes, and the page's own structure.
"""

import json

from harness.notebooks import published_facts as published_notebook_facts
from harness.paths import DOCS, SNIPPETS
from harness.sections import FactsUnavailable

SECTION = SNIPPETS / "lenet_alexnet"
NOTEBOOK = DOCS / "chapter-20" / "notebooks" / "relu-vs-tanh.ipynb"
SECTION_PAGE = DOCS / "chapter-20" / "lenet-alexnet.md"
INSPECTED = ["lenet5", "alexnet", "alexnet_2012", "alexnet_cost", "parameter_imbalance", "gap_head", "preprocessing_mismatch",
             "ilsvrc_winners", "ilsvrc2010_table1", "pretrained_alexnet", "overfit_small_set"]

# Facts about the libraries themselves, not about one snippet: printed as JSON by one small run.
LIBRARY_FACTS = """
import json
import torch
from sklearn.datasets import load_digits
from torchvision.models import ResNet50_Weights

gain = torch.nn.init.calculate_gain
digits = load_digits().images
print(json.dumps({
    "init.relu_gain_squared": round(gain("relu") ** 2, 12),
    "init.tanh_gain": gain("tanh"),
    "digits.image_size": f"{digits.shape[1]}x{digits.shape[2]}",
    "digits.value_range": [int(digits.min()), int(digits.max())],
    "resnet50.v1_acc1_percent": ResNet50_Weights.IMAGENET1K_V1.meta["_metrics"]["ImageNet-1K"]["acc@1"],
}))
"""


def exports(runner, name: str) -> dict:
    """What the inspector read from the run of snippets/lenet_alexnet/<name>.py."""
    path = SECTION / f"{name}.py"
    result = runner.run_file(path, f"lenet_alexnet/{name}")
    if not result.ok or result.exports is None:
        raise FactsUnavailable(f"snippets/lenet_alexnet/{name}.py did not run cleanly, so the facts "
                               f"read from it are unknown:\n{result.stderr.strip()}")
    return result.exports


def library_facts(runner) -> dict:
    result = runner.run(LIBRARY_FACTS, "facts about the installed libraries")
    if not result.ok:
        raise FactsUnavailable(f"the library facts could not be read:\n{result.stderr.strip()}")
    return json.loads(result.stdout)


def facts(runner) -> dict:
    found = {}
    for name in INSPECTED:
        found.update(exports(runner, name))
    found["count.pool_saves_over_2012_network"] = found["count.pool_saves"] / found["alexnet2012.parameters"]
    return {**found, **library_facts(runner), **notebook_facts(), **page_facts()}


def fact_sources(runner) -> dict:
    """{fact: the file that computes it}: each fragment for what its inspector read, the
    notebook for what it measured; the library's and the page's own facts have no file."""
    sources = {}
    for name in INSPECTED:
        sources.update({key: f"snippets/lenet_alexnet/{name}.py" for key in exports(runner, name)})
    sources["count.pool_saves_over_2012_network"] = sources["count.pool_saves"]
    notebook = NOTEBOOK.relative_to(DOCS.parent).as_posix()
    sources.update({key: notebook for key in notebook_facts()})
    # Counted from the page itself: the link leads to what was counted.
    table = SECTION_PAGE.relative_to(DOCS.parent).as_posix() + "#table-20-1-1"
    sources.update({key: table for key in page_facts()})
    return sources


def notebook_facts() -> dict:
    """What the exercise notebook measured, as it publishes it (its cell tagged `facts`, read
    from the recorded outputs, which the notebook test checks against a fresh run)."""
    summary = published_notebook_facts(NOTEBOOK)
    found = {
        "nb.seeds": summary["seeds"],
        "nb.runs": summary["runs"],
        "nb.budget": summary["budget"],
        "nb.targets": list(summary["targets"]),
        "nb.depths": list(summary["conv_layers"].values()),
        "nb.depths_count": len(summary["conv_layers"]),
        "nb.inits_count": len(summary["inits"]),
        "nb.activations_count": len(summary["activations"]),
        "nb.extra_kernel": f"{summary['extra_conv']['kernel']}x{summary['extra_conv']['kernel']}",
        "nb.extra_padding": summary["extra_conv"]["padding"],
        "nb.target_high": max(summary["targets"]),
        "nb.target_low": min(summary["targets"]),
        "nb.learning_rates": list(summary["learning_rates"]),
        "nb.learning_rates_count": len(summary["learning_rates"]),
        **{f"nb.best_lr.{name}": rate for name, rate in summary["best_lr"].items()},
    }
    found["nb.depth_shallow"], found["nb.depth_deep"] = min(found["nb.depths"]), max(found["nb.depths"])
    for setting, activations in summary["settings"].items():
        depth, init, target = setting.split("/")
        key = f"nb.{summary['conv_layers'][depth]}conv.{init}.{target}"
        for name, measured in activations.items():
            found[f"{key}.{name}.reached"] = measured["reached"]
            if measured["median"] is not None:  # the interpolated step where the running loss crossed
                found[f"{key}.{name}.median"] = measured["median"]
            found[f"{key}.{name}.first"] = measured["first"]
            found[f"{key}.{name}.first_of"] = [measured["first"], summary["seeds"]]
            found[f"{key}.{name}.reached_of"] = [measured["reached"], summary["seeds"]]
    for depth in found["nb.depths"]:
        for init in summary["inits"]:
            for name in summary["activations"]:
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
