"""Numbers the prose states, from the very runs that check the snippets' outputs.

Each snippet the pages show runs once per test run; right after it, in the same process,
tests/lenet_alexnet/inspectors.py reads what the claims and figures need from its globals.
facts() gathers those exports, a few facts about the installed libraries (run once through
the same runner), what the exercise notebook recorded, and the page's own structure.
"""

import json

from harness.paths import DOCS, SNIPPETS
from harness.sections import FactsUnavailable

SECTION = SNIPPETS / "lenet_alexnet"
NOTEBOOK = DOCS / "chapter-20" / "notebooks" / "relu-vs-tanh.ipynb"
SECTION_PAGE = DOCS / "chapter-20" / "lenet-alexnet.md"
INSPECTED = ["lenet5", "alexnet", "alexnet_2012", "alexnet_cost", "preprocessing_mismatch", "ilsvrc_winners",
             "pretrained_alexnet"]

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
    return {**found, **library_facts(runner), **notebook_facts(), **page_facts()}


def notebook_facts() -> dict:
    """What the exercise notebook measured, read from its recorded outputs (which the
    notebook test checks against a fresh run)."""
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
        for name, reached, median in re.findall(r"^\s+(\w+): (\d+)/\d+ reached(?:, median ([\w.]+))?", block,
                                                 re.MULTILINE):
            found[f"{key}.{name}.reached"] = int(reached)
            if median and median != "over":  # the interpolated step where the running loss crossed
                found[f"{key}.{name}.median"] = float(median)
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
