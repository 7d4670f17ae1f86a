"""What Section 20.1 needs from the harness plugin (harness/plugin.py), as a pytest plugin of
its own (loaded with `-p lenet_alexnet.hooks`, so that it is active whatever is collected:
`pytest snippets` too): a stand-in for the pretrained AlexNet weights before the snippet
that loads them runs, an inspector that reads facts and figure data from each snippet's one run, the
state of the torch cache when a snippet fails, the figures that --update-outputs redraws,
and the section's facts as a fixture."""

from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
SECTION_SNIPPETS = TESTS.parent / "snippets" / "lenet_alexnet"


# The snippets that load torchvision's pretrained AlexNet, and so need its stand-in checkpoint.
LOADS_PRETRAINED_ALEXNET = {"pretrained_alexnet.py"}


def pytest_harness_prepare_snippet(path: Path, torch_home: Path, runner) -> None:
    if Path(path).resolve().parent == SECTION_SNIPPETS and Path(path).name in LOADS_PRETRAINED_ALEXNET:
        from lenet_alexnet.checkpoints import write_stand_in_alexnet_in

        write_stand_in_alexnet_in(torch_home, runner)


def pytest_harness_snippet_inspector(path: Path):
    if Path(path).resolve().parent == SECTION_SNIPPETS:
        return (str(TESTS), "lenet_alexnet.inspectors", "inspect")
    return None


def pytest_harness_failure_report(runner, env: dict) -> list:
    from lenet_alexnet.checkpoints import check_checkpoints

    return check_checkpoints(Path(env["TORCH_HOME"]), runner)


def pytest_harness_generated_files(runner) -> dict:
    from harness.paths import FIGURES
    from lenet_alexnet.generated import drawings

    return {FIGURES / name: draw for name, draw in drawings(runner).items()}


@pytest.fixture(scope="session")
def section_facts(snippet_runner) -> dict:
    """Every fact the section's claims are checked against (lenet_alexnet/facts.py)."""
    from lenet_alexnet.facts import FactsUnavailable, facts

    try:
        return facts(snippet_runner)
    except FactsUnavailable as error:
        pytest.fail(str(error), pytrace=False)
