"""The verification harness as a pytest plugin (loaded with `-p harness.plugin`).

It collects every snippet (`snippets/<section>/<name>.py`) and every page of the site as
pytest items, runs each snippet once per test run in a fresh process forked from one server,
compares what it prints with its recorded `.out` and with what the pages show, and reports
each failure through the item: the unified diff, the pages that show the snippet and the
versions. It owns `--update-outputs`, `--check-determinism`, the fork server and the summary
of drifts at the end of the run.

It knows nothing about any one section. A section's own plugin implements the hooks of
hookspecs.py: what snippets need before the first of them runs (a stand-in checkpoint), an
inspector that reads facts from each snippet's one run, extra lines for a failure report,
and generated files (figures) that `--update-outputs` re-records with the outputs. All state
lives on the pytest config, none in this module. Under pytest-xdist the workers share one
folder of results, so that each snippet still runs once.
"""

import tempfile
from collections import defaultdict
from pathlib import Path

import pytest

import snippet_contract as contract

from . import hookspecs
from .cache import ci_is_set
from .checks import Findings, check_block, check_determinism, check_snippet, page_blocks
from .pages import discover_pages, includes_on, resolve_include
from .paths import REPO, rel
from .report import Drift

# Per-run state, kept on the config (config.stash), never in this module.
RUN = pytest.StashKey[dict]()


def pytest_addhooks(pluginmanager):
    pluginmanager.add_hookspecs(hookspecs)


def pytest_addoption(parser):
    group = parser.getgroup("harness", "verified snippets and pages")
    group.addoption("--update-outputs", action="store_true",
                    help="re-record every snippet's .out, the notebooks and the generated files from a "
                         "fresh run; refused when CI is set")
    group.addoption("--snippet-timeout", type=float, default=None, metavar="SECONDS",
                    help="kill a snippet (and all it started) that runs longer than this; default "
                         "300 s; a snippet may declare its own limit with '# harness: timeout=<seconds>'")
    group.addoption("--drift-report", metavar="PATH", default=None,
                    help="write what drifted (snippet by snippet, with the recorded and the installed versions) "
                         "to PATH as Markdown, and exit 0 whatever drifted: for watching upstream releases")
    group.addoption("--check-determinism", action="store_true",
                    help="run every snippet twice and fail on any output line that differs between the runs")
    group.addoption("--prove-guards", action="store_true",
                    help="run only the proof that every guarded item (output numbers, words and lines, prose "
                         "numbers, figure labels) is caught when changed, and print its table per page")


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config):
    if getattr(config.option, "numprocesses", None) and config.getoption("--update-outputs"):
        raise pytest.UsageError("--update-outputs rewrites files and runs serially: leave out -n")


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """pytest-xdist: every worker of this run shares one folder of snippet results, so a
    snippet that two workers need still runs once (SnippetRunner._shared)."""
    node.workerinput["harness_share_dir"] = share_dir(node.config)


def share_dir(config) -> str:
    if "share_dir" not in config.stash[RUN]:
        config.stash[RUN]["share_dir"] = str(config._tmp_path_factory.mktemp("shared-runs"))
    return config.stash[RUN]["share_dir"]


def pytest_configure(config):
    if config.getoption("--update-outputs") and ci_is_set():
        raise pytest.UsageError(
            "--update-outputs refuses to run with CI set: recorded outputs are changed by an "
            "author and reviewed as a diff, never rewritten by CI"
        )
    if config.getoption("--update-outputs") or config.getoption("--check-determinism"):
        # The one switch of the one cache: snippets, facts, figures, page expansions and
        # repository-copy runs are all computed afresh.
        import os

        os.environ["HARNESS_NO_CACHE"] = "1"
    import os

    from .runner import WARM_FORK_VARIABLE

    config.stash[RUN] = {"runner": None, "drifts": [], "updates": [], "pages_showing": None, "pages": {},
                         "snippets": None, "toleranced": set(), "failures": [],
                         # Read once and removed, so that pytest-xdist's new workers do not inherit it.
                         "fork_directly": os.environ.pop(WARM_FORK_VARIABLE, "") == "1"}
    config.pluginmanager.register(DriftCollector(config), "harness-drift-collector")
    from .sections import discover_sections

    for section in discover_sections():  # each under its own name: their hooks never collide
        if not config.pluginmanager.is_registered(section.module):
            config.pluginmanager.register(section.module, f"harness-section-{section.name}")


# --- collection: snippets and pages as items ------------------------------------------------

def is_snippet(path: Path) -> bool:
    return path.suffix == ".py" and path.parent.parent == REPO / contract.SNIPPETS_DIR and not path.name.startswith("_")


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makemodule(module_path: Path, parent):
    """A snippet named on the command line (or matching `python_files`) is one of ours too:
    pytest must not import it as a test module, which would run it inside the test process."""
    if is_snippet(Path(module_path)):
        return SnippetFile.from_parent(parent, path=Path(module_path))
    return None


def pytest_collect_file(file_path: Path, parent):
    from _pytest.python import path_matches_patterns

    path = Path(file_path)
    if is_snippet(path):
        python_collects = parent.session.isinitpath(path) or path_matches_patterns(path, parent.config.getini("python_files"))
        return None if python_collects else SnippetFile.from_parent(parent, path=path)  # else: the hook above
    if path.suffix == ".md" and path.resolve() in {p.resolve() for p in discover_pages()}:
        return PageFile.from_parent(parent, path=path)
    return None


class HarnessFailure(Exception):
    """What is wrong, already worded for the reader of the test report."""


class HarnessItem(pytest.Item):
    needs_runner = True

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, HarnessFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def report_findings(self, found: Findings) -> None:
        # Carried by the test report, so that the run's summary sees them under pytest-xdist too.
        for drift in found.drifts:
            self.user_properties.append(("harness-drift", drift.__dict__))
        for where in found.toleranced:
            self.user_properties.append(("harness-tolerance", where))
        if found.problems:
            raise HarnessFailure("\n\n".join(found.problems))


class SnippetFile(pytest.File):
    def collect(self):
        yield SnippetOutputItem.from_parent(self, name="recorded-output", snippet=contract.Snippet(self.path))


class SnippetOutputItem(HarnessItem):
    """The snippet runs on its own and prints its `.out` byte for byte."""

    def __init__(self, *, snippet: contract.Snippet, **kwargs):
        super().__init__(**kwargs)
        self.snippet = snippet

    def runtest(self):
        runner = runner_for(self.config)
        pages = pages_showing(self.config).get(self.snippet.path.resolve(), [])
        self.report_findings(check_snippet(self.snippet, runner, pages, lambda: failure_report(self.config)))
        if self.config.getoption("--check-determinism"):
            differing = check_determinism(self.snippet.code, rel(self.snippet.path), runner, str(self.snippet.path))
            if differing:
                raise HarnessFailure("\n".join(differing))


class PageFile(pytest.File):
    def collect(self):
        yield PageIncludesItem.from_parent(self, name="includes")
        blocks, problem = page_blocks(self.path)
        if problem:
            return  # the includes item reports it
        for index, block in enumerate(blocks):
            yield PageBlockItem.from_parent(self, name=block.name, index=index)


class PageIncludesItem(HarnessItem):
    """Every include on the page names an existing file, and the page reads as MkDocs reads it."""

    needs_runner = False

    def runtest(self):
        broken = [
            f"{rel(self.path)}:{include.line}: --8<-- \"{include.target}\" names a file that does not exist"
            for include in includes_on(self.path) if resolve_include(include) is None
        ]
        _, problem = expanded_page(self.config, self.path)
        if broken or problem:
            raise HarnessFailure("\n".join(broken + ([problem] if problem and not broken else [])))


class PageBlockItem(HarnessItem):
    """A Python block on the page, followed by an expected-output block equal to its fresh output."""

    def __init__(self, *, index: int, **kwargs):
        super().__init__(**kwargs)
        self.index = index

    def runtest(self):
        blocks, problem = expanded_page(self.config, self.path)
        if problem:
            raise HarnessFailure(problem)
        snippets = config_snippets(self.config)
        self.report_findings(check_block(self.path, blocks[self.index], runner_for(self.config), snippets))


def expanded_page(config, page: Path):
    """The page's blocks as the checks read them, expanded once per run and at check time
    (after --update-outputs has re-recorded, unlike the expansion that named the items)."""
    pages = config.stash[RUN]["pages"]
    if page not in pages:
        pages[page] = page_blocks(page)
    return pages[page]


def config_snippets(config) -> list:
    run = config.stash[RUN]
    if run["snippets"] is None:
        run["snippets"] = contract.discover_snippets(REPO)
    return run["snippets"]


# --- the runner, the fork server and the files they share -----------------------------------

def scratch_env(config) -> dict:
    """HOME, caches and TORCH_HOME of executed code: a temporary folder, never the user's."""
    run = config.stash[RUN]
    if "env" not in run:
        scratch = config._tmp_path_factory.mktemp("run-home")
        for folder in ("home", "torch", "cache", "matplotlib"):
            (scratch / folder).mkdir()
        run["env"] = {"HOME": str(scratch / "home"), "TORCH_HOME": str(scratch / "torch"),
                      "XDG_CACHE_HOME": str(scratch / "cache"), "MPLCONFIGDIR": str(scratch / "matplotlib")}
    return run["env"]


def runner_for(config):
    from .runner import DEFAULT_TIMEOUT_S, SnippetRunner

    run = config.stash[RUN]
    if run["runner"] is None:
        env = scratch_env(config)
        run["runner"] = SnippetRunner(
            env=env,
            prepare=lambda filename: config.hook.pytest_harness_prepare_snippet(
                path=Path(filename), torch_home=Path(env["TORCH_HOME"]), runner=run["runner"]),
            use_cache=not (config.getoption("--update-outputs") or config.getoption("--check-determinism")),
            inspector_for=lambda path: config.hook.pytest_harness_snippet_inspector(path=path),
            share_dir=getattr(config, "workerinput", {}).get("harness_share_dir"),
            fork_directly=run["fork_directly"],
            timeout_s=config.getoption("--snippet-timeout") or DEFAULT_TIMEOUT_S,
        )
    return run["runner"]


def failure_report(config) -> list[str]:
    reports = config.hook.pytest_harness_failure_report(runner=runner_for(config), env=scratch_env(config))
    return [line for lines in reports for line in lines]


def pages_showing(config) -> dict[Path, list[str]]:
    """For each file a page includes, the pages that include it."""
    run = config.stash[RUN]
    if run["pages_showing"] is None:
        shown = defaultdict(list)
        for page in discover_pages():
            for include in includes_on(page):
                target = resolve_include(include)
                if target is not None and rel(page) not in shown[target]:
                    shown[target].append(rel(page))
        run["pages_showing"] = dict(shown)
    return run["pages_showing"]


@pytest.fixture(scope="session")
def snippet_runner(request):
    return runner_for(request.config)


@pytest.hookimpl(trylast=True)
def pytest_harness_snippet_inspector(path: Path):
    """Unless its section reads a fragment its own way, what the fragment publishes in FACTS."""
    from .sections import PUBLISHED_FACTS

    return PUBLISHED_FACTS


def generated_figures(runner) -> dict:
    """{path: function drawing it} for every generated file: every figure every section
    declares, and every page's evidence index (harness/evidence.py)."""
    from .evidence import evidence_files
    from .paths import FIGURES
    from .sections import discover_sections

    sections = discover_sections()
    figures = {FIGURES / name: draw for section in sections for name, draw in section.figures(runner).items()}
    return {**figures, **evidence_files(sections, runner)}


class SectionFacts(dict):
    """{section name: its facts}, each section's read on first use; a section whose facts
    cannot be read fails the tests that need them, naming why."""

    def __init__(self, runner):
        super().__init__()
        self._runner = runner

    def __missing__(self, name: str) -> dict:
        from .sections import FactsUnavailable, discover_sections

        section = next((s for s in discover_sections() if s.name == name), None)
        if section is None:
            raise KeyError(f"no section {name!r} (a package tests/{name}/ with a section.py)")
        try:
            self[name] = section.facts(self._runner)
        except FactsUnavailable as error:
            pytest.fail(str(error), pytrace=False)
        return self[name]


@pytest.fixture(scope="session")
def facts(snippet_runner) -> SectionFacts:
    """Every section's facts, by section name: what its COMPUTED rows are checked against."""
    return SectionFacts(snippet_runner)


@pytest.fixture(scope="session")
def torch_home(request) -> Path:
    """The throwaway torch cache the snippets run with."""
    return Path(scratch_env(request.config)["TORCH_HOME"])


@pytest.fixture(scope="session")
def notebook_env(request) -> dict:
    return dict(scratch_env(request.config))


@pytest.fixture(scope="session", name="pages_showing")
def pages_showing_fixture(request) -> dict[Path, list[str]]:
    return pages_showing(request.config)


BUILD_FIXTURES = ("built_site", "site_url")


def reads_the_site(item) -> bool:
    return any(name in getattr(item, "fixturenames", ()) for name in BUILD_FIXTURES)


@pytest.fixture(scope="session")
def built_site(request, tmp_path_factory):
    """The site, built once per test run with `mkdocs build --strict` (started in the
    background when the run was collected, see pytest_collection_finish)."""
    pending = request.config.stash[RUN].get("build")
    if pending is not None:
        return pending.result()
    from .site import build_site

    return build_site(tmp_path_factory.mktemp("site") / "site")


def update_outputs(session) -> None:
    """With --update-outputs, re-record what the selected tests check, after collection and
    before any check runs: the outputs of the selected snippets and of the snippets the
    selected pages show, the generated files when a test of them is selected, the notebooks
    when theirs are. `pytest --update-outputs` alone selects everything."""
    from .notebooks import discover_notebooks
    from .record import update_recordings

    config = session.config
    items = session.items
    snippets_on_page = defaultdict(set)
    for target, pages in pages_showing(config).items():
        for page in pages:
            snippets_on_page[page].add(target)
    wanted = set()
    for item in items:
        if isinstance(item, SnippetOutputItem):
            wanted.add(item.snippet.path.resolve())
        elif isinstance(item, (PageIncludesItem, PageBlockItem)):
            wanted.update(snippets_on_page.get(rel(item.path), ()))
    snippets = [s for s in contract.discover_snippets(REPO) if s.path.resolve() in wanted]
    generated = {}
    if any(item.get_closest_marker("checks_generated_files") for item in items):
        # The sections' figures: those whose checks are selected (all of them, if a check of
        # generated files is selected without naming one).
        named = {item.callspec.params["file_name"] for item in items
                 if hasattr(item, "callspec") and "file_name" in item.callspec.params}
        generated = {path: draw for path, draw in generated_figures(runner_for(config)).items()
                     if not named or path.name in named}
    # The notebooks whose tests are selected (all of them, if a notebook test is selected
    # without naming one), so that `-k` picks one notebook out of several.
    notebook_items = [item for item in items if item.get_closest_marker("notebook")]
    named_notebooks = {Path(item.callspec.params["path"]).resolve() for item in notebook_items
                       if hasattr(item, "callspec") and "path" in item.callspec.params}
    notebooks = [notebook for notebook in discover_notebooks()
                 if notebook_items and (not named_notebooks or notebook.resolve() in named_notebooks)]
    changes = update_recordings(runner_for(config), snippets, generated, notebooks, scratch_env(config),
                                check_determinism=config.getoption("--check-determinism"))
    config.stash[RUN]["updates"].extend(changes or ["nothing changed: every recorded output and generated file "
                                                    "the selected tests check is current"])


# --- order, the fork server and the summary --------------------------------------------------

def needs_runner(item) -> bool:
    if isinstance(item, HarnessItem):
        return item.needs_runner
    return "snippet_runner" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(config, items):
    """Order: the notebooks first, the longest tests, so that under pytest-xdist the other
    workers share out the rest while they run; then tests that need no snippet, while the fork
    server imports torch in the background; then those that run snippets; last, the runs of
    the suite on repository copies, after this run's snippets have filled the cache those
    copies may reuse. Within each group, tests that read the built site come after those that
    do not, so that the build started in the background overlaps with them."""
    if config.getoption("--prove-guards"):
        chosen = [item for item in items if item.get_closest_marker("guards")]
        config.hook.pytest_deselected(items=[item for item in items if item not in chosen])
        items[:] = chosen
    items.sort(key=lambda item: (item.get_closest_marker("notebook") is None,
                                 item.get_closest_marker("copies_repository") is not None, needs_runner(item),
                                 reads_the_site(item)))


def pytest_collection_finish(session):
    config = session.config
    if config.getoption("--update-outputs"):
        update_outputs(session)
        return  # the build, if any test needs it, follows the re-recording
    build = config.stash[RUN].get("build")
    if build is not None and not any(reads_the_site(item) for item in session.items):
        build.discard()
        config.stash[RUN]["build"] = None
    # The server imports torch (seconds of CPU) while other tests run; when every snippet's
    # result is cached, it is left to start on first use, if any.
    if (any(needs_runner(item) for item in session.items) and not config.stash[RUN]["fork_directly"]
            and not all(runner_for(config).has_cached_result(s.path) for s in config_snippets(config))):
        from .runner import start_fork_server

        start_fork_server()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """The proofs on repository copies run last; after a failure in this run they would only
    repeat it (and a hanging snippet would hang each of them), so they are skipped."""
    failures = item.config.stash[RUN]["failures"]
    if failures and item.get_closest_marker("copies_repository"):
        pytest.skip(f"this run already failed ({failures[0][0]}); the proofs on repository copies "
                    "would repeat that failure")


def pytest_sessionstart(session):
    """With CI set, the run remembers the repository's files, to fail if it changes any of
    them (an author's run does not: the author may be editing while it runs)."""
    config = session.config
    if ci_is_set() and not hasattr(config, "workerinput") and RUN in config.stash:
        from .containment import repository_state

        config.stash[RUN]["repository_before"] = repository_state(REPO)
    start_build_early(config)


def start_build_early(config) -> None:
    """Start `mkdocs build` now, beside collection; pytest_collection_finish stops it if no
    selected test needs the site. Not when outputs are re-recorded first, nor on an xdist
    controller (its workers build for the tests they run)."""
    if (RUN not in config.stash or config.getoption("--update-outputs") or config.getoption("collectonly")
            or hasattr(config, "workerinput") or getattr(config.option, "numprocesses", None)):
        return
    # Only tests/ holds tests that use the site; a run of snippets or pages alone never builds.
    selected = [Path(config.invocation_params.dir, arg.split("::")[0]).resolve() for arg in config.args]
    tests = (REPO / "tests").resolve()
    if any(path == tests or tests in path.parents or path in tests.parents for path in selected):
        from .site import BackgroundBuild

        config.stash[RUN]["build"] = BackgroundBuild(Path(tempfile.mkdtemp(prefix="harness-site-")) / "site")


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    """With --drift-report: write the report, and do not fail the run for what it reports.
    With CI set: fail the run if it changed a file of the repository."""
    run = session.config.stash.get(RUN, None)
    if run is None:
        return
    if run.get("build") is not None:
        run["build"].discard()
    if hasattr(session.config, "workerinput"):
        return
    path = session.config.getoption("--drift-report")
    if path:
        from .report import write_drift_report

        write_drift_report(Path(path), run["drifts"], run["failures"])
        session.exitstatus = 0
    if "repository_before" in run:
        from .containment import changed_files, repository_state

        changed = changed_files(run["repository_before"], repository_state(REPO))
        if changed:
            run["repository_changed"] = changed
            session.exitstatus = pytest.ExitCode.TESTS_FAILED


class DriftCollector:
    """Gathers the drifts that test reports carry (from this process, or from pytest-xdist's
    workers when this is the controller) for the summary at the end of the run."""

    def __init__(self, config):
        self.config = config

    def pytest_runtest_logreport(self, report):
        if report.failed:
            self.config.stash[RUN]["failures"].append((report.nodeid, report.longreprtext))
        if report.when == "call":
            properties = getattr(report, "user_properties", ())
            self.config.stash[RUN]["drifts"].extend(Drift(**value) for name, value in properties if name == "harness-drift")
            self.config.stash[RUN]["toleranced"].update(value for name, value in properties if name == "harness-tolerance")


def pytest_terminal_summary(terminalreporter, config):
    run = config.stash.get(RUN, None)
    if not run:
        return
    if config.getoption("--prove-guards") and not hasattr(config, "workerinput"):
        from .paths import REPO

        table = REPO / ".harness" / "guards.md"
        if table.exists():
            terminalreporter.section("guarded items", sep="=")
            for line in table.read_text(encoding="utf-8").splitlines():
                terminalreporter.write_line(line)
    if run.get("repository_changed"):
        terminalreporter.write_line(
            "[harness] the test run changed files of the repository: " + ", ".join(run["repository_changed"])
            + " (nothing a test run does may write there; with CI set this fails the run)", red=True)
    if run["updates"]:
        terminalreporter.section("update-outputs", sep="=")
        for line in run["updates"]:
            terminalreporter.write_line(f"[update-outputs] {line}")
    if run["toleranced"]:
        terminalreporter.write_line(
            f"[harness] {len(run['toleranced'])} output(s) compared with a declared tolerance (decimal numbers "
            f"only): {', '.join(sorted(run['toleranced']))}")
    drifts: list[Drift] = run["drifts"]
    if not drifts:
        return
    terminalreporter.section(f"{len(drifts)} drifted output(s)", sep="=", red=True)
    for drift in drifts:
        terminalreporter.write_line(f"{drift.where}  (snippet {drift.snippet}; shown on {', '.join(drift.pages) or 'no page'})")
        terminalreporter.write_line(drift.diff.rstrip("\n"))
        terminalreporter.write_line("")
    terminalreporter.write_line("If these changes are intended, re-record them with: pytest --update-outputs")
