"""Section 20.1, LeNet & AlexNet, declared for the harness (harness/sections.py finds it):
its fragments, its claims and the facts behind them, the figures drawn from its models, and
the hooks it implements: a stand-in for the pretrained AlexNet weights before the fragment
that loads them runs, an inspector that reads facts and figure data from each fragment's one
run, and the state of the torch cache when a fragment fails."""

from pathlib import Path

from lenet_alexnet.claims import COMPUTED, NO_SOURCE, QUOTED, SOURCED  # noqa: F401 (declared)
from lenet_alexnet.facts import NOTEBOOK, fact_sources, facts  # noqa: F401 (declared)
from lenet_alexnet.generated import FIGURES  # noqa: F401 (declared)

TESTS = Path(__file__).resolve().parents[1]
SNIPPETS = "lenet_alexnet"
SECTION_SNIPPETS = TESTS.parent / "snippets" / SNIPPETS
CLAIMS_FILE = "tests/lenet_alexnet/claims.py"
NOTEBOOKS = [NOTEBOOK.relative_to(TESTS.parent / "docs").as_posix()]

# The fragments that load torchvision's pretrained AlexNet, and so need its stand-in checkpoint.
LOADS_PRETRAINED_ALEXNET = {"pretrained_alexnet.py"}


def pytest_harness_prepare_snippet(path: Path, torch_home: Path, runner) -> None:
    if Path(path).resolve().parent == SECTION_SNIPPETS and Path(path).name in LOADS_PRETRAINED_ALEXNET:
        from lenet_alexnet.checkpoints import write_stand_in_alexnet_in

        write_stand_in_alexnet_in(torch_home, runner)


# The figure code the inspector traces the models with (layer_plan.trace_stages).
FIGURE_DRAWING = TESTS.parent / "docs" / "_theme" / "figure_drawing"
INSPECTOR_DEPENDS_ON = tuple(str(p) for p in sorted((FIGURE_DRAWING / "lenet_alexnet").glob("*.py"))
                             + [FIGURE_DRAWING / "svg.py"])


def pytest_harness_snippet_inspector(path: Path):
    if Path(path).resolve().parent == SECTION_SNIPPETS:
        return (str(TESTS), "lenet_alexnet.inspectors", "inspect", INSPECTOR_DEPENDS_ON)
    return None


def pytest_harness_failure_report(runner, env: dict) -> list:
    from lenet_alexnet.checkpoints import check_checkpoints

    return check_checkpoints(Path(env["TORCH_HOME"]), runner)
