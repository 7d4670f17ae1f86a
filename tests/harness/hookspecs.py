"""Hooks a section's own plugin (for Section 20.1, tests/lenet_alexnet/hooks.py) may implement;
the harness plugin calls them and never imports the section."""

from pathlib import Path

import pluggy

hookspec = pluggy.HookspecMarker("pytest")


@hookspec
def pytest_harness_prepare_run(torch_home: Path) -> None:
    """Called once, just before the first snippet of the run really executes (not at all when
    every result comes from the cache): write what snippets need into their torch cache."""


@hookspec
def pytest_harness_generated_files(runner) -> dict:
    """Files drawn from the code, as {path: function returning the file's text}; the
    `--update-outputs` run rewrites them together with the recorded outputs. The functions
    take what they draw from the snippets' runs through `runner`."""


@hookspec(firstresult=True)
def pytest_harness_snippet_inspector(path: Path):
    """For a snippet file, the function that reads what the section needs (facts, figure data)
    from the snippet's globals right after its one run, in the same process: a tuple
    (folder to import from, module name, function name), or None. It must return JSON."""


@hookspec
def pytest_harness_failure_report(runner, env: dict) -> list:
    """Extra lines for the report of a snippet that failed (for example, the state of the
    torch cache it ran with)."""
