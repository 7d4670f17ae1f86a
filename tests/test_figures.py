"""Generated figures: the committed SVG must be what the code draws from the current snippets."""

import pytest

from harness.figures_registry import FIGURES
from harness.paths import FIGURES as FIGURE_DIR, rel
from harness.report import unified


@pytest.mark.parametrize("file_name", sorted(FIGURES))
def test_committed_figure_matches_the_code(file_name):
    path = FIGURE_DIR / file_name
    assert path.exists(), f"{rel(path)} is missing: generate it with `pytest --update-outputs`"
    fresh = FIGURES[file_name]()
    committed = path.read_text(encoding="utf-8")
    if fresh != committed:
        pytest.fail(
            f"{rel(path)} no longer matches the model it is drawn from\n"
            + unified(committed, fresh, f"{rel(path)} (committed)", f"{rel(path)} (regenerated)")
            + "If the change is intended, regenerate with: pytest --update-outputs",
            pytrace=False,
        )


def test_lenet_figure_labels_every_traced_shape():
    from figures.lenet5_pipeline import SNIPPET, trace_stages
    from harness.namespace import load_snippet_namespace

    svg = (FIGURE_DIR / "lenet5-pipeline.svg").read_text(encoding="utf-8")
    for stage in trace_stages(load_snippet_namespace(SNIPPET)["LeNet5"]()):
        assert f">{stage.label}</text>" in svg, f"{rel(FIGURE_DIR / 'lenet5-pipeline.svg')}: no label {stage.label}"
