"""The harness is only worth something if it fails: these tests edit a copy of the repository
the way careless changes would, run the suite there, and check that each change fails,
naming its file. (Runs last; authors get the verdict of an identical earlier run from the cache.)"""

import pytest

from harness.sandbox import RepositoryCopy
from harness.snippets import Snippet, current_versions, discover_snippets
from lenet_alexnet.generated import MODULES

pytestmark = [pytest.mark.slow, pytest.mark.copies_repository]

PAGE = "docs/chapter-20/lenet-alexnet.md"
LENET_PY = "snippets/lenet_alexnet/lenet5.py"
LENET_OUT = "snippets/lenet_alexnet/lenet5.out"
ALEXNET_PY = "snippets/lenet_alexnet/alexnet.py"
ILSVRC_OUT = "snippets/lenet_alexnet/ilsvrc_winners.out"
LENET_FIGURE = "docs/figures/lenet5-pipeline.svg"


@pytest.fixture
def copy(tmp_path) -> RepositoryCopy:
    return RepositoryCopy(tmp_path / "repo")


def test_every_kind_of_drift_fails_naming_its_file(copy, tmp_path):
    # 1. a digit in a recorded output
    copy.replace(LENET_OUT, "parameters: 61,706", "parameters: 61,707")
    # 2. an output pasted into the page instead of included, with a typo
    copy.replace(PAGE, f'--8<-- "{ILSVRC_OUT}"', "year  team          top-5 error  kind\n    2010  NEC-UIUC            28.3%")
    # 3. a layer size in a snippet
    copy.replace(ALEXNET_PY, "nn.Linear(4096, 4096)", "nn.Linear(4096, 4095)")
    copy.replace(ALEXNET_PY, "nn.Linear(4096, num_classes)", "nn.Linear(4095, num_classes)")
    # 4. a number in a sentence
    copy.replace(PAGE, "holds about 38 million parameters", "holds about 48 million parameters")
    # 5. a label in a generated figure
    copy.replace(LENET_FIGURE, ">28x28x6</text>", ">28x28x8</text>")

    log = tmp_path / "executions.log"
    run = copy.pytest("snippets", "docs", "tests/test_claims.py",
                      "tests/test_figures.py", env={"HARNESS_EXECUTION_LOG": str(log), "HARNESS_NO_CACHE": "1"})
    output = run.output
    assert run.returncode == 1, output

    assert f"output drifted: {LENET_PY} no longer prints {LENET_OUT}" in output, output
    assert "-LeNet-5 parameters: 61,707" in output and "+LeNet-5 parameters: 61,706" in output
    assert f"shown on: {PAGE}" in output and "torchvision" in output  # pages and versions

    assert f"{PAGE}: the output shown under 'ilsvrc_winners.py' drifted from snippets/lenet_alexnet/ilsvrc_winners.py" in output
    assert "-2010  NEC-UIUC            28.3%" in output

    assert f"output drifted: {ALEXNET_PY} no longer prints snippets/lenet_alexnet/alexnet.out" in output
    assert "+AlexNet parameters: 61,095,743" in output

    assert '"holds about 48 million parameters on its own" states 48 million' in output
    assert f"{PAGE}, line " in output

    assert f"{LENET_FIGURE} no longer matches the model it is drawn from" in output

    # One summary at the end lists every drifted output with its page, snippet and diff.
    summary = output[output.index("drifted output(s)"):]
    for where in (LENET_OUT, "snippets/lenet_alexnet/alexnet.out", PAGE):
        assert where in summary

    executed = log.read_text().splitlines()
    counts = {s.name: executed.count(s.name) for s in discover_snippets()}
    assert set(counts.values()) == {1}, (
        f"each snippet must run exactly once per test run (outputs, pages, facts and figures "
        f"share that run), ran: {counts}"
    )


def test_update_outputs_is_all_or_nothing_and_refused_under_ci(copy):
    original = copy.path(LENET_OUT).read_text()
    copy.replace(LENET_OUT, "parameters: 61,706", "parameters: 61,707")

    refused = copy.pytest("--update-outputs", "snippets", env={"CI": "true"})
    assert refused.returncode != 0
    assert "--update-outputs refuses to run with CI set" in refused.output
    assert "61,707" in copy.path(LENET_OUT).read_text(), "the refused run must write nothing"

    copy.replace(ALEXNET_PY, "model = AlexNet()", "model = AlexNet()\nraise RuntimeError('broken on purpose')")
    failed = copy.pytest("--update-outputs", LENET_PY, ALEXNET_PY)
    assert failed.returncode != 0
    assert "--update-outputs wrote nothing" in failed.output and ALEXNET_PY in failed.output
    assert "broken on purpose" in failed.output
    assert "61,707" in copy.path(LENET_OUT).read_text(), "a failing snippet must block every write"

    copy.replace(ALEXNET_PY, "model = AlexNet()\nraise RuntimeError('broken on purpose')", "model = AlexNet()")
    # A consistent change: a layer size and, after re-recording, everything agrees again.
    copy.replace(LENET_PY, "nn.Linear(120, 84)", "nn.Linear(120, 86)")
    copy.replace(LENET_PY, "nn.Linear(84, num_classes)", "nn.Linear(86, num_classes)")
    updated = copy.pytest("--update-outputs", "-m", "not notebook", "snippets", "docs",
                          "tests/test_figures.py")
    assert updated.returncode == 0, updated.output
    assert f"[update-outputs] updated {LENET_OUT}" in updated.output
    recorded = " ".join(copy.path(LENET_OUT).read_text().split())
    assert "LeNet-5 parameters: 61,968" in recorded and "total 61,968 60,000 +1,968" in recorded, recorded


def test_update_outputs_ignores_a_warm_cache(copy, tmp_path):
    """--update-outputs computes everything afresh: with every figure's data in a warm cache (and
    deliberately spoiled there), a change to the drawing code is what gets written."""
    import json

    cache_dir = tmp_path / "warm-cache"
    env = {"HARNESS_CACHE_DIR": str(cache_dir), "HARNESS_NO_CACHE": ""}  # the copy caches, whatever this run does
    warm = copy.pytest("tests/test_figures.py", env=env)
    assert warm.returncode == 0, warm.output
    # Figures are drawn from the snippets' cached runs: spoil the data every figure reads.
    spoiled = 0
    for entry in sorted((cache_dir / "snippets").glob("*.json")):
        cached = json.loads(entry.read_text())
        for name, rows in (cached.get("exports") or {}).items():
            if name.startswith("figure."):
                cached["exports"][name] = [[*row[:1], "stale cache entry", *row[2:]] for row in rows]
                spoiled += 1
        entry.write_text(json.dumps(cached))
    figures_from_models = len(MODULES)
    assert spoiled == figures_from_models, (
        f"the first run should have cached the data of the {figures_from_models} figures, found {spoiled}")

    drawing = "tests/lenet_alexnet/figures/alexnet_parameters.py"
    copy.replace(drawing, "Where AlexNet's 61.1 million parameters live", "Where AlexNet keeps its parameters")
    updated = copy.pytest("--update-outputs", "-m", "not notebook", "tests/test_figures.py", env=env)
    assert updated.returncode == 0, updated.output
    assert "[update-outputs] updated docs/figures/alexnet-parameters.svg" in updated.output, updated.output
    figures = {p.name: p.read_text() for p in copy.path("docs/figures").glob("*.svg")}
    assert "Where AlexNet keeps its parameters" in figures["alexnet-parameters.svg"]
    assert not [name for name, svg in figures.items() if "stale cache entry" in svg]


def test_after_a_failure_the_proofs_on_copies_are_skipped(copy):
    """A failure in the main run is reported once; the proofs on repository copies (which run
    last) would only repeat it, or hang with it, so they are skipped, saying why."""
    copy.replace(LENET_OUT, "parameters: 61,706", "parameters: 61,707")
    run = copy.pytest(LENET_PY, "tests/test_new_section.py", "-rs", env={"HARNESS_NO_CACHE": "1"})
    assert run.returncode == 1, run.output
    assert "1 failed" in run.output and "1 skipped" in run.output, run.output
    assert f"this run already failed ({LENET_PY}::recorded-output)" in run.output, run.output


def test_a_test_run_changes_nothing_in_the_repository(tmp_path):
    """`git status` is the same before and after the tests that read and run the repository's
    files (snippets, pages, claims, figures, the build), run in a copy that is its own git
    repository, and after re-recording when nothing changed."""
    import subprocess

    copy = RepositoryCopy(tmp_path / "repo")
    git = lambda *args: subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=copy.root,
                                       capture_output=True, text=True, check=True).stdout
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "before")
    selection = ("snippets", "docs", "tests/test_claims.py", "tests/test_figures.py", "tests/test_site_build.py",
                 "tests/test_contract.py")
    run = copy.pytest(*selection, env={"HARNESS_NO_CACHE": "1"})
    assert run.returncode == 0, run.output
    assert git("status", "--porcelain") == "", "the test run changed the repository:\n" + git("status", "--porcelain")
    rerecorded = copy.pytest("--update-outputs", "-m", "not notebook", *selection)
    assert rerecorded.returncode == 0, rerecorded.output
    updated = [line for line in rerecorded.output.splitlines() if line.startswith("[update-outputs] updated")]
    stamp = "snippets/lenet_alexnet/recorded-with.json"
    if Snippet(copy.path(LENET_PY)).recorded_with() == current_versions():
        assert "nothing changed" in rerecorded.output, rerecorded.output
    else:  # another Python or torch here: only the stamp may change, never an output
        assert updated == [f"[update-outputs] updated {stamp}"], rerecorded.output
    assert git("status", "--porcelain") == "", "the test run changed the repository:\n" + git("status", "--porcelain")


def test_snippet_timeout_option_kills_a_hanging_snippet(copy):
    copy.path("snippets/lenet_alexnet/hangs.py").write_text("import time\nprint('waiting')\ntime.sleep(600)\n")
    started = __import__("time").monotonic()
    run = copy.pytest("--snippet-timeout", "2", "snippets/lenet_alexnet/hangs.py", env={"HARNESS_NO_CACHE": "1"})
    assert __import__("time").monotonic() - started < 60
    assert run.returncode == 1
    assert "snippets/lenet_alexnet/hangs.py failed" in run.output and "killed after 2 s" in run.output, run.output


def test_drift_report_describes_an_upgrade_without_failing(copy, tmp_path):
    """A simulated upgrade: the outputs were recorded with torch 2.13.0, and one of them no
    longer matches. --drift-report writes what changed, with both versions, and exits 0."""
    import json

    stamp = copy.path("snippets/lenet_alexnet/recorded-with.json")
    stamp.write_text(json.dumps({**json.loads(stamp.read_text()), "torch": "2.13.0"}, indent=2) + "\n")
    copy.replace(LENET_OUT, "parameters: 61,706", "parameters: 61,707")
    report = tmp_path / "drift-report.md"
    run = copy.pytest("--drift-report", str(report), LENET_PY, ALEXNET_PY, PAGE, env={"HARNESS_NO_CACHE": "1"})
    assert run.returncode == 0, run.output
    text = report.read_text(encoding="utf-8")
    assert f"## {LENET_OUT}" in text and f"- snippet: {LENET_PY}" in text
    assert "- recorded with: Python 3.11.7, torch 2.13.0, torchvision 0.29.1" in text
    assert "Installed: Python" in text and "torch 2.14.1" in text
    assert "-LeNet-5 parameters: 61,707" in text and "+LeNet-5 parameters: 61,706" in text
    assert "alexnet.out" not in text  # what did not drift is not reported
