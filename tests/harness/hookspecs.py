"""Hooks a section's declaration (tests/<name>/section.py, registered as a plugin of its own
by harness/sections.py's discovery) may implement; the harness calls them and never imports
the section."""

from pathlib import Path

import pluggy

hookspec = pluggy.HookspecMarker("pytest")


@hookspec
def pytest_harness_prepare_snippet(path: Path, torch_home: Path, runner) -> None:
    """Called just before a snippet really executes (not when its result comes from the
    cache): write what it needs into its torch cache. Work that needs torch belongs in
    `runner.run_uncached(code, label)`, where torch is imported already: the test process
    itself never runs torch, so that snippets can be forked from it safely."""


@hookspec(firstresult=True)
def pytest_harness_snippet_inspector(path: Path):
    """For a snippet file, the function that reads what the section needs (facts, figure data)
    from the snippet's globals right after its one run, in the same process: a tuple
    (folder to import from, module name, function name), or None. It must return JSON. A
    fourth element, if given, lists the other source files the inspector's result depends on
    (code it imports): a change to any of them, like a change to the inspector's own module,
    runs the snippet again instead of reusing its cached result."""


@hookspec
def pytest_harness_failure_report(runner, env: dict) -> list:
    """Extra lines for the report of a snippet that failed (for example, the state of the
    torch cache it ran with)."""
