"""Contract points 1, 2 and 5: each snippet runs standalone and prints its recorded output."""

import pytest

from conftest import DRIFTS
from harness.checkpoints import check_checkpoints
from harness.checks import check_determinism, check_snippet
from harness.paths import rel
from harness.snippets import discover_snippets, orphan_outputs

SNIPPETS = discover_snippets()


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[s.name for s in SNIPPETS])
def test_snippet_prints_its_recorded_output(snippet, snippet_runner, pages_showing, torch_home, request):
    pages = pages_showing.get(snippet.path.resolve(), [])
    found = check_snippet(snippet, snippet_runner, pages, lambda: check_checkpoints(torch_home, snippet_runner))
    for drift in found.drifts:
        DRIFTS.append(drift)
    if found.problems:
        pytest.fail("\n\n".join(found.problems), pytrace=False)
    if request.config.getoption("--check-determinism"):
        differing = check_determinism(snippet.code, rel(snippet.path), snippet_runner)
        assert not differing, "\n".join(differing)


def test_snippets_exist():
    assert SNIPPETS, "no snippets found under snippets/<section>/*.py"


def test_every_recorded_output_has_its_snippet():
    orphans = [rel(path) for path in orphan_outputs()]
    assert not orphans, f"recorded outputs without a snippet beside them: {orphans}"
