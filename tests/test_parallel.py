"""pytest-xdist gives the verdicts of a serial run, and each snippet still runs once: the
plugin sends every test that needs the snippet runner to one worker (harness/plugin.py)."""

import re

import pytest

from harness.contract import discover_snippets
from harness.paths import REPO
from harness.sandbox import RepositoryCopy

pytestmark = [pytest.mark.slow, pytest.mark.copies_repository]

SELECTION = ("snippets", "docs", "tests/test_claims.py", "tests/test_figures.py", "tests/test_contract.py",
             "-rA")


def outcomes(output: str) -> dict[str, str]:
    """Test id -> PASSED/FAILED/SKIPPED, from the short summary that -rA prints."""
    found = {}
    for verdict, test_id in re.findall(r"^(PASSED|FAILED|SKIPPED|ERROR) (\S+)", output, re.MULTILINE):
        found[test_id] = verdict
    return found


def test_parallel_run_matches_serial_and_runs_each_snippet_once(tmp_path):
    copy = RepositoryCopy(tmp_path / "repo")
    # One drift, so that the comparison covers a failure too.
    copy.replace("snippets/lenet_alexnet/lenet5.out", "parameters: 61,706", "parameters: 61,707")
    runs = {}
    for mode, extra in (("serial", ()), ("parallel", ("-n", "2"))):
        log = tmp_path / f"{mode}.log"
        runs[mode] = copy.pytest(*SELECTION, *extra, env={"HARNESS_NO_CACHE": "1", "HARNESS_EXECUTION_LOG": str(log)})
        executed = log.read_text().splitlines()
        counts = {s.name: executed.count(s.name) for s in discover_snippets(REPO)}
        assert set(counts.values()) == {1}, f"{mode}: each snippet must run once, ran {counts}"
    serial, parallel = outcomes(runs["serial"].output), outcomes(runs["parallel"].output)
    assert serial and serial == parallel, (set(serial.items()) ^ set(parallel.items()))
    assert serial["snippets/lenet_alexnet/lenet5.py::recorded-output"] == "FAILED"
    assert runs["serial"].returncode == runs["parallel"].returncode == 1
    for mode, run in runs.items():  # the summary at the end lists the drift, under xdist too
        summary = run.output[run.output.index("drifted output(s)"):]
        assert "snippets/lenet_alexnet/lenet5.out" in summary and "+LeNet-5 parameters: 61,706" in summary, mode
