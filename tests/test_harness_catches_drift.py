"""The harness is only worth something if it fails: these tests edit a copy of the repository
the way careless changes would, run the suite there, and check that each change fails,
naming its file. They run on a small synthetic section added to the copy (three fragments
and a page), so that they prove the harness, not this site's content, and cost a second
each; every number, output line and figure label of the site's own sections is changed and
shown caught by test_guards.py. (Runs last; authors get the verdict of an identical earlier run from the cache.)"""

import json

import pytest

from harness.sandbox import RepositoryCopy, add_generated_file, add_synthetic_section
from snippet_contract import Snippet, current_versions

pytestmark = [pytest.mark.proof, pytest.mark.slow, pytest.mark.copies_repository]

SECTION, PAGE = "snippets/proof", "docs/proof.md"
FIRST, SECOND, THIRD = (f"{SECTION}/tally_{n}" for n in (1, 2, 3))
NO_CACHE = {"HARNESS_NO_CACHE": "1"}


@pytest.fixture
def copy(tmp_path) -> RepositoryCopy:
    copy = RepositoryCopy(tmp_path / "repo")
    assert add_synthetic_section(copy, "proof", fragments=3) == (SECTION, PAGE)
    return copy


def test_every_kind_of_drift_fails_naming_its_file(copy, tmp_path):
    # 1. a digit in a recorded output
    copy.replace(f"{FIRST}.out", "sum: 66", "sum: 67")
    # 2. an output pasted into the page instead of included, with a typo
    copy.replace(PAGE, f'--8<-- "{SECOND}.out"', "sum: 121\nshape: (4, 4)")
    # 3. a change to a fragment's code
    copy.replace(f"{THIRD}.py", "int(values.sum())", "int(values.sum()) + 1")

    log = tmp_path / "executions.log"
    run = copy.pytest(SECTION, PAGE, env={**NO_CACHE, "HARNESS_EXECUTION_LOG": str(log)})
    output = run.output
    assert run.returncode == 1, output

    assert f"output drifted: {FIRST}.py no longer prints {FIRST}.out" in output, output
    assert "-sum: 67" in output and "+sum: 66" in output
    assert f"shown on: {PAGE}" in output and "torchvision" in output  # pages and versions

    assert f"{PAGE}: the output shown under 'tally_2.py' drifted from {SECOND}.py" in output, output
    assert "-sum: 121" in output

    assert f"output drifted: {THIRD}.py no longer prints {THIRD}.out" in output
    assert "+sum: 191" in output

    # One summary at the end lists every drifted output with its page, snippet and diff.
    summary = output[output.index("drifted output(s)"):]
    for where in (f"{FIRST}.out", f"{THIRD}.out", PAGE):
        assert where in summary

    executed = log.read_text().splitlines()
    counts = {name: executed.count(name) for name in ("proof/tally_1", "proof/tally_2", "proof/tally_3")}
    assert set(counts.values()) == {1}, (
        f"each snippet must run exactly once per test run (its output and the page share that run), ran: {counts}")


def test_update_outputs_is_all_or_nothing_and_refused_under_ci(copy):
    copy.replace(f"{FIRST}.out", "sum: 66", "sum: 67")

    refused = copy.pytest("--update-outputs", SECTION, env={"CI": "true"})
    assert refused.returncode != 0
    assert "--update-outputs refuses to run with CI set" in refused.output
    assert "sum: 67" in copy.path(f"{FIRST}.out").read_text(), "the refused run must write nothing"

    copy.replace(f"{SECOND}.py", "import torch\n", "import torch\nraise RuntimeError('broken on purpose')\n")
    failed = copy.pytest("--update-outputs", f"{FIRST}.py", f"{SECOND}.py")
    assert failed.returncode != 0
    assert "--update-outputs wrote nothing" in failed.output and f"{SECOND}.py" in failed.output
    assert "broken on purpose" in failed.output
    assert "sum: 67" in copy.path(f"{FIRST}.out").read_text(), "a failing snippet must block every write"

    copy.replace(f"{SECOND}.py", "import torch\nraise RuntimeError('broken on purpose')\n", "import torch\n")
    # A consistent change: after re-recording, the fragment, its output and the page agree again.
    copy.replace(f"{THIRD}.py", "int(values.sum())", "int(values.sum()) + 1")
    updated = copy.pytest("--update-outputs", "-m", "not notebook", SECTION, PAGE)
    assert updated.returncode == 0, updated.output
    assert f"[update-outputs] updated {FIRST}.out" in updated.output
    assert f"[update-outputs] updated {THIRD}.out" in updated.output
    assert copy.path(f"{FIRST}.out").read_text() == "sum: 66\nshape: (3, 4)\n"
    assert copy.path(f"{THIRD}.out").read_text() == "sum: 191\nshape: (5, 4)\n"
    assert copy.pytest(SECTION, PAGE, env=NO_CACHE).returncode == 0


def test_update_outputs_ignores_a_warm_cache(copy, tmp_path):
    """--update-outputs computes everything afresh: with a generated file's data in a warm cache
    (and deliberately spoiled there), a change to the drawing code is what gets written."""
    add_generated_file(copy, "proof")
    cache_dir = tmp_path / "warm-cache"
    env = {"HARNESS_CACHE_DIR": str(cache_dir), "HARNESS_NO_CACHE": ""}  # the copy caches, whatever this run does
    args = ("tests/test_figures.py", "-k", "proof")
    warm = copy.pytest(*args, env=env)
    assert warm.returncode == 0, warm.output
    # The file is drawn from the fragment's cached run: spoil the data it reads.
    spoiled = 0
    for entry in sorted((cache_dir / "snippets").glob("*.json")):
        cached = json.loads(entry.read_text())
        for name, rows in (cached.get("exports") or {}).items():
            if name.startswith("figure."):
                cached["exports"][name] = [[row[0], "stale cache entry"] for row in rows]
                spoiled += 1
        entry.write_text(json.dumps(cached))
    assert spoiled == 1, f"the first run should have cached the generated file's data, found {spoiled}"

    copy.replace("tests/proof/section.py", "Tally of the proof section", "What the proof section sums")
    updated = copy.pytest("--update-outputs", "-m", "not notebook", *args, env=env)
    assert updated.returncode == 0, updated.output
    assert "[update-outputs] updated docs/figures/proof-tally.svg" in updated.output, updated.output
    drawn = copy.path("docs/figures/proof-tally.svg").read_text()
    assert "What the proof section sums" in drawn and "stale cache entry" not in drawn, drawn


def test_after_a_failure_the_proofs_on_copies_are_skipped(copy):
    """A failure in the main run is reported once; the proofs on repository copies (which run
    last) would only repeat it, or hang with it, so they are skipped, saying why."""
    copy.replace(f"{FIRST}.out", "sum: 66", "sum: 67")
    run = copy.pytest(f"{FIRST}.py", "tests/test_new_section.py", "-rs", env=NO_CACHE)
    assert run.returncode == 1, run.output
    assert "1 failed" in run.output and "1 skipped" in run.output, run.output
    assert f"this run already failed ({FIRST}.py::recorded-output)" in run.output, run.output


def test_a_run_in_ci_fails_when_it_changed_the_repository(copy):
    """With CI set, the run compares the repository's files before and after (the whole suite
    proves itself in every CI run this way): a test that writes into a page fails the run,
    naming the page, and re-recording when nothing changed writes nothing."""
    clean = copy.pytest(SECTION, PAGE, env={**NO_CACHE, "CI": "true"})
    assert clean.returncode == 0, clean.output
    assert "changed files of the repository" not in clean.output

    copy.path("tests/test_writes_a_page.py").write_text(
        "from pathlib import Path\n\n\ndef test_careless():\n"
        "    page = Path(__file__).resolve().parents[1] / 'docs' / 'proof.md'\n"
        "    page.write_text(page.read_text() + 'x')\n")
    careless = copy.pytest(SECTION, "tests/test_writes_a_page.py", env={**NO_CACHE, "CI": "true"})
    assert careless.returncode == 1, careless.output
    assert "[harness] the test run changed files of the repository: docs/proof.md" in careless.output, careless.output
    copy.path("tests/test_writes_a_page.py").unlink()

    before = copy.snapshot()
    rerecorded = copy.pytest("--update-outputs", "-m", "not notebook", SECTION, PAGE)
    assert rerecorded.returncode == 0, rerecorded.output
    stamp = f"{SECTION}/recorded-with.json"
    if Snippet(copy.path(f"{FIRST}.py")).recorded_with() == current_versions():
        assert "nothing changed" in rerecorded.output, rerecorded.output
        assert copy.snapshot() == before
    else:  # another Python or torch here: only the stamp may change, never an output
        updated = [line for line in rerecorded.output.splitlines() if line.startswith("[update-outputs] updated")]
        assert updated == [f"[update-outputs] updated {stamp}"], rerecorded.output
        assert {path for path, digest in copy.snapshot().items() ^ before.items()} == {stamp}


def test_snippet_timeout_option_kills_a_hanging_snippet(copy):
    copy.path(f"{SECTION}/hangs.py").write_text("import time\nprint('waiting')\ntime.sleep(600)\n")
    started = __import__("time").monotonic()
    run = copy.pytest("--snippet-timeout", "1", f"{SECTION}/hangs.py", env=NO_CACHE)
    assert __import__("time").monotonic() - started < 60
    assert run.returncode == 1
    assert f"{SECTION}/hangs.py failed" in run.output and "killed after 1 s" in run.output, run.output


def test_drift_report_describes_an_upgrade_without_failing(copy, tmp_path):
    """A simulated upgrade: the outputs were recorded with torch 2.13.0, and one of them no
    longer matches. --drift-report writes what changed, with both versions, and exits 0."""
    stamp = copy.path(f"{SECTION}/recorded-with.json")
    recorded = {**json.loads(stamp.read_text()), "torch": "2.13.0"}
    stamp.write_text(json.dumps(recorded, indent=2) + "\n")
    copy.replace(f"{FIRST}.out", "sum: 66", "sum: 67")
    report = tmp_path / "drift-report.md"
    run = copy.pytest("--drift-report", str(report), SECTION, PAGE, env=NO_CACHE)
    assert run.returncode == 0, run.output
    text = report.read_text(encoding="utf-8")
    assert f"## {FIRST}.out" in text and f"- snippet: {FIRST}.py" in text
    assert (f"- recorded with: Python {recorded['python']}, torch 2.13.0, "
            f"torchvision {recorded['torchvision']}") in text, text
    assert "Installed: Python" in text and f"torch {current_versions()['torch']}" in text
    assert "-sum: 67" in text and "+sum: 66" in text
    assert "tally_2" not in text  # what did not drift is not reported
