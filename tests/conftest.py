"""Shared fixtures: one snippet runner per test run, the page index, and --update-outputs."""

import os
from collections import defaultdict
from pathlib import Path

import pytest

from harness import figures_registry
from harness.cache import ci_is_set
from harness.checkpoints import write_stand_in_alexnet
from harness.notebooks import discover_notebooks
from harness.pages import discover_pages, includes_on, resolve_include
from harness.paths import rel
from harness.record import update_recordings
from harness.report import Drift
from harness.runner import SnippetRunner, start_fork_server
from harness.snippets import discover_snippets

DRIFTS: list[Drift] = []  # every drift of this run, for the summary at its end
UPDATES: list[str] = []


def pytest_addoption(parser):
    parser.addoption(
        "--check-determinism",
        action="store_true",
        help="run every snippet twice and fail on any output line that differs between the runs",
    )
    parser.addoption(
        "--update-outputs",
        action="store_true",
        help="re-record every snippet's .out (and regenerate the figures) from a fresh run; "
        "refused when CI is set",
    )


def pytest_configure(config):
    if config.getoption("--update-outputs") and ci_is_set():
        raise pytest.UsageError(
            "--update-outputs refuses to run with CI set: recorded outputs are changed by an "
            "author and reviewed as a diff, never rewritten by CI"
        )
    if config.getoption("--update-outputs") or config.getoption("--check-determinism"):
        # The one switch of the one cache: snippets, facts, figures, page expansions and
        # repository-copy runs are all computed afresh.
        os.environ["HARNESS_NO_CACHE"] = "1"


@pytest.fixture(scope="session")
def torch_home(tmp_path_factory) -> Path:
    """A throwaway torch cache; the stand-in for the pretrained AlexNet weights is written
    into it before the first snippet really runs (not at all when every result is cached)."""
    return tmp_path_factory.mktemp("torch-home")


@pytest.fixture(scope="session")
def notebook_env(tmp_path_factory) -> dict:
    """Caches and configuration of executed code go to a temporary folder, never to $HOME."""
    scratch = tmp_path_factory.mktemp("run-home")
    (scratch / "home").mkdir()
    return {
        "HOME": str(scratch / "home"),
        "TORCH_HOME": str(scratch / "torch"),
        "XDG_CACHE_HOME": str(scratch / "cache"),
        "MPLCONFIGDIR": str(scratch / "matplotlib"),
    }


@pytest.fixture(scope="session")
def snippet_runner(request, torch_home, notebook_env) -> SnippetRunner:
    return SnippetRunner(
        env={**notebook_env, "TORCH_HOME": str(torch_home)},
        prepare=lambda: write_stand_in_alexnet(torch_home),
        # Re-recording and determinism checks always run the code afresh.
        use_cache=not (request.config.getoption("--update-outputs")
                       or request.config.getoption("--check-determinism")),
    )


@pytest.fixture(scope="session")
def pages_showing() -> dict[Path, list[str]]:
    """For each file a page includes, the pages that include it."""
    shown = defaultdict(list)
    for page in discover_pages():
        for include in includes_on(page):
            target = resolve_include(include)
            if target is not None and rel(page) not in shown[target]:
                shown[target].append(rel(page))
    return shown


@pytest.fixture(scope="session", autouse=True)
def _update_outputs(request):
    """With --update-outputs, re-record everything before any check runs."""
    if not request.config.getoption("--update-outputs"):
        return
    runner = request.getfixturevalue("snippet_runner")
    # Notebooks take a while: they are re-recorded when their tests are selected.
    with_notebooks = any(item.get_closest_marker("notebook") for item in request.session.items)
    changes = update_recordings(runner, discover_snippets(), figures_registry.FIGURES,
                                discover_notebooks() if with_notebooks else [],
                                request.getfixturevalue("notebook_env"))
    UPDATES.extend(changes or ["nothing changed: every recorded output and figure is current"])


def _needs_fork_server(item) -> bool:
    return "snippet_runner" in getattr(item, "fixturenames", ()) or item.module.__name__ == "test_failures"


def pytest_collection_modifyitems(config, items):
    """Order: tests that need no snippet run first, while the fork server imports torch in the
    background; then those that run snippets; last, the runs of the suite on repository
    copies, after this run's snippets have filled the cache those copies may reuse."""
    items.sort(key=lambda item: (item.get_closest_marker("copies_repository") is not None,
                                 _needs_fork_server(item)))


def pytest_collection_finish(session):
    if any(_needs_fork_server(item) for item in session.items):
        start_fork_server()


def pytest_terminal_summary(terminalreporter):
    if UPDATES:
        terminalreporter.section("update-outputs", sep="=")
        for line in UPDATES:
            terminalreporter.write_line(f"[update-outputs] {line}")
    if not DRIFTS:
        return
    terminalreporter.section(f"{len(DRIFTS)} drifted output(s)", sep="=", red=True)
    for drift in DRIFTS:
        terminalreporter.write_line(f"{drift.where}  (snippet {drift.snippet}; shown on {', '.join(drift.pages) or 'no page'})")
        terminalreporter.write_line(drift.diff.rstrip("\n"))
        terminalreporter.write_line("")
    terminalreporter.write_line("If these changes are intended, re-record them with: pytest --update-outputs")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The site, built once per test run with `mkdocs build --strict`."""
    from harness.site import build_site

    return build_site(tmp_path_factory.mktemp("site") / "site")
