"""Exercise notebooks re-run and print what their recorded outputs show. How long a run takes
is recorded with the test (and timed in tests/benchmark.py), never asserted: a busy machine is
not a broken notebook."""

import time

import nbformat
import pytest

from harness.notebooks import NotebookFailed, compare_cells, discover_notebooks, fresh_text_outputs, text_outputs
from harness.paths import DOCS, rel

pytestmark = pytest.mark.notebook

NOTEBOOKS = discover_notebooks()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.relative_to(DOCS).as_posix() for p in NOTEBOOKS])
def test_notebook_reproduces_its_recorded_outputs(path, notebook_env, record_property, request):
    recorded = text_outputs(nbformat.read(path, as_version=4))
    started = time.perf_counter()
    try:
        fresh = fresh_text_outputs(path, notebook_env, getattr(request.config, "workerinput", {}).get("harness_share_dir"))
    except NotebookFailed as error:
        pytest.fail(str(error), pytrace=False)
    seconds = time.perf_counter() - started
    record_property("seconds", round(seconds, 1))

    assert any(c.images for c in recorded), f"{rel(path)}: the recorded notebook shows no plot"
    problems, toleranced = compare_cells(path, recorded, fresh)
    for where in toleranced:
        record_property("harness-tolerance", where)
    assert not problems, (
        f"{rel(path)}: outputs drifted\n" + "\n".join(problems)
        + "\nIf the change is intended, re-record with: pytest --update-outputs"
    )
