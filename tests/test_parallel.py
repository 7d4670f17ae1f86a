"""pytest-xdist gives the verdicts of a serial run, and each snippet still runs once: the
plugin sends every test that needs the snippet runner to one worker (harness/plugin.py)."""

import re

import pytest

from harness.sandbox import RepositoryCopy, add_synthetic_section

pytestmark = [pytest.mark.proof, pytest.mark.slow, pytest.mark.copies_repository]

SECTION, PAGE = "snippets/proof", "docs/proof.md"
FRAGMENTS = ("proof/tally_1", "proof/tally_2", "proof/tally_3")
SELECTION = (SECTION, PAGE, "-rA")


def outcomes(output: str) -> dict[str, str]:
    """Test id -> PASSED/FAILED/SKIPPED, from the short summary that -rA prints."""
    found = {}
    for verdict, test_id in re.findall(r"^(PASSED|FAILED|SKIPPED|ERROR) (\S+)", output, re.MULTILINE):
        found[test_id] = verdict
    return found


def test_parallel_run_matches_serial_and_runs_each_snippet_once(tmp_path):
    """On a synthetic section of three fragments and a page (the harness, not this site's
    content, is what is proved), with one drift so that the comparison covers a failure."""
    copy = RepositoryCopy(tmp_path / "repo")
    add_synthetic_section(copy, "proof", fragments=3)
    copy.replace(f"{SECTION}/tally_1.out", "sum: 66", "sum: 67")
    runs = {}
    for mode, extra in (("serial", ()), ("parallel", ("-n", "2"))):
        log = tmp_path / f"{mode}.log"
        runs[mode] = copy.pytest(*SELECTION, *extra, env={"HARNESS_NO_CACHE": "1", "HARNESS_EXECUTION_LOG": str(log)})
        executed = log.read_text().splitlines()
        counts = {name: executed.count(name) for name in FRAGMENTS}
        assert set(counts.values()) == {1}, f"{mode}: each snippet must run once, ran {counts}"
    serial, parallel = outcomes(runs["serial"].output), outcomes(runs["parallel"].output)
    assert len(serial) == 7 and serial == parallel, (set(serial.items()) ^ set(parallel.items()))
    assert serial[f"{SECTION}/tally_1.py::recorded-output"] == "FAILED"
    assert runs["serial"].returncode == runs["parallel"].returncode == 1
    for mode, run in runs.items():  # the summary at the end lists the drift, under xdist too
        summary = run.output[run.output.index("drifted output(s)"):]
        assert f"{SECTION}/tally_1.out" in summary and "+sum: 66" in summary, mode
