"""Generated figures: the committed SVG must be what the code draws from the current snippets."""

import pytest

from harness.paths import FIGURES as FIGURE_DIR, rel
from harness.report import unified
from lenet_alexnet.generated import FILE_NAMES, drawings

pytestmark = pytest.mark.checks_generated_files  # selected, they are redrawn by --update-outputs


@pytest.mark.parametrize("file_name", FILE_NAMES)
def test_committed_figure_matches_the_code(file_name, snippet_runner):
    path = FIGURE_DIR / file_name
    assert path.exists(), f"{rel(path)} is missing: generate it with `pytest --update-outputs`"
    fresh = drawings(snippet_runner)[file_name]()
    committed = path.read_text(encoding="utf-8")
    if fresh != committed:
        pytest.fail(
            f"{rel(path)} no longer matches the model it is drawn from\n"
            + unified(committed, fresh, f"{rel(path)} (committed)", f"{rel(path)} (regenerated)")
            + "If the change is intended, regenerate with: pytest --update-outputs",
            pytrace=False,
        )


def test_lenet_figure_labels_every_traced_shape(section_facts):
    svg = (FIGURE_DIR / "lenet5-pipeline.svg").read_text(encoding="utf-8")
    for label in section_facts["lenet5.figure_stages"]:
        assert f">{label}</text>" in svg, f"{rel(FIGURE_DIR / 'lenet5-pipeline.svg')}: no label {label}"


def test_alexnet_figure_labels_every_traced_shape(section_facts):
    svg = (FIGURE_DIR / "alexnet-plan.svg").read_text(encoding="utf-8")
    for label in section_facts["alexnet.figure_stages"]:
        assert f">{label}</text>" in svg, f"{rel(FIGURE_DIR / 'alexnet-plan.svg')}: no label {label}"
