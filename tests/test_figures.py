"""Generated figures: the committed SVG must be what the code draws from the current snippets."""

import pytest

from harness.paths import FIGURES as FIGURE_DIR, rel
from harness.report import unified
from lenet_alexnet.generated import FILE_NAMES, drawings

pytestmark = pytest.mark.checks_generated_files  # selected, they are redrawn by --update-outputs


def figure_drift(path, committed: str, fresh: str) -> str | None:
    if fresh == committed:
        return None
    return (f"{rel(path)} no longer matches the model it is drawn from\n"
            + unified(committed, fresh, f"{rel(path)} (committed)", f"{rel(path)} (regenerated)")
            + "If the change is intended, regenerate with: pytest --update-outputs")


@pytest.mark.parametrize("file_name", FILE_NAMES)
def test_committed_figure_matches_the_code(file_name, snippet_runner):
    path = FIGURE_DIR / file_name
    assert path.exists(), f"{rel(path)} is missing: generate it with `pytest --update-outputs`"
    drift = figure_drift(path, path.read_text(encoding="utf-8"), drawings(snippet_runner)[file_name]())
    if drift:
        pytest.fail(drift, pytrace=False)


def test_a_changed_label_is_reported_naming_the_figure(snippet_runner):
    """The check above, given the committed LeNet-5 figure with one label edited."""
    path = FIGURE_DIR / "lenet5-pipeline.svg"
    committed = path.read_text(encoding="utf-8")
    assert committed.count(">28x28x6</text>") == 1
    drift = figure_drift(path, committed.replace(">28x28x6</text>", ">28x28x8</text>"),
                         drawings(snippet_runner)["lenet5-pipeline.svg"]())
    assert drift and drift.startswith("docs/figures/lenet5-pipeline.svg no longer matches the model"), drift
    lines = drift.splitlines()
    assert any(line.startswith("-") and ">28x28x8</text>" in line for line in lines), drift  # committed
    assert any(line.startswith("+") and ">28x28x6</text>" in line for line in lines), drift  # regenerated


def test_lenet_figure_labels_every_traced_shape(section_facts):
    svg = (FIGURE_DIR / "lenet5-pipeline.svg").read_text(encoding="utf-8")
    for label in section_facts["lenet5.figure_stages"]:
        assert f">{label}</text>" in svg, f"{rel(FIGURE_DIR / 'lenet5-pipeline.svg')}: no label {label}"


def test_alexnet_figure_labels_every_traced_shape(section_facts):
    svg = (FIGURE_DIR / "alexnet-plan.svg").read_text(encoding="utf-8")
    for label in section_facts["alexnet.figure_stages"]:
        assert f">{label}</text>" in svg, f"{rel(FIGURE_DIR / 'alexnet-plan.svg')}: no label {label}"
