"""The harness is only worth something if it fails: each test edits a copy of the repository
the way a careless change would, runs the suite there, and checks that it fails naming the file."""

import pytest

from harness.sandbox import RepositoryCopy
from harness.snippets import discover_snippets

pytestmark = pytest.mark.slow

PAGE = "docs/chapter-20/lenet-alexnet.md"
LENET_PY = "snippets/lenet_alexnet/lenet5.py"
LENET_OUT = "snippets/lenet_alexnet/lenet5.out"


@pytest.fixture
def copy(tmp_path) -> RepositoryCopy:
    return RepositoryCopy(tmp_path / "repo")


def test_untouched_copy_passes_and_runs_each_snippet_once(copy, tmp_path):
    log = tmp_path / "executions.log"
    run = copy.pytest("tests/test_snippets.py", "tests/test_pages.py",
                      env={"HARNESS_EXECUTION_LOG": str(log)})
    assert run.returncode == 0, run.output
    executed = log.read_text().splitlines()
    expected = sorted(s.name for s in discover_snippets())
    assert sorted(executed) == expected, f"each snippet must run exactly once, ran: {executed}"


def test_a_drifted_recorded_output_fails_naming_it(copy):
    copy.replace(LENET_OUT, "61,706", "61,707")
    run = copy.pytest("tests/test_snippets.py", "-k", "lenet5")
    assert run.returncode != 0
    assert f"output drifted: {LENET_PY} no longer prints {LENET_OUT}" in run.output, run.output
    assert "-LeNet-5 parameters: 61,707" in run.output and "+LeNet-5 parameters: 61,706" in run.output
    assert f"shown on: {PAGE}" in run.output
    assert "torchvision" in run.output  # the versions are part of the message


def test_a_drifted_output_on_a_page_fails_naming_the_page(copy):
    # An author pastes the output into the page instead of including it, with a typo.
    copy.replace(PAGE, '--8<-- "snippets/lenet_alexnet/lenet5.out"',
                 "LeNet-5 parameters: 61,716\noutput shape: torch.Size([1, 10])")
    run = copy.pytest("tests/test_pages.py", "-k", "outputs_match")
    assert run.returncode != 0
    assert f"{PAGE}: the output shown under 'lenet5.py' drifted from {LENET_PY}" in run.output, run.output
    assert "-LeNet-5 parameters: 61,716" in run.output


def test_a_changed_layer_size_fails_naming_the_snippet(copy):
    copy.replace(LENET_PY, "nn.Linear(120, 84)", "nn.Linear(120, 86)")
    copy.replace(LENET_PY, "nn.Linear(84, num_classes)", "nn.Linear(86, num_classes)")
    run = copy.pytest("tests/test_snippets.py", "tests/test_pages.py", "-k", "lenet5 or outputs_match")
    assert run.returncode != 0
    assert f"output drifted: {LENET_PY}" in run.output, run.output
    assert "+LeNet-5 parameters: 61,968" in run.output
    assert f"{PAGE}: the output shown under 'lenet5.py' drifted" in run.output


def test_update_outputs_rerecords_and_refuses_under_ci(copy):
    original = copy.path(LENET_OUT).read_text()
    copy.replace(LENET_OUT, "61,706", "61,707")

    refused = copy.pytest("--update-outputs", "tests/test_snippets.py", env={"CI": "true"})
    assert refused.returncode != 0
    assert "--update-outputs refuses to run with CI set" in refused.output
    assert "61,707" in copy.path(LENET_OUT).read_text(), "the refused run must write nothing"

    updated = copy.pytest("--update-outputs", "tests/test_snippets.py")
    assert updated.returncode == 0, updated.output
    assert f"[update-outputs] updated {LENET_OUT}" in updated.output
    assert copy.path(LENET_OUT).read_text() == original
