"""Hooks a section's conftest may implement; the plugin calls them, never imports the section."""

from pathlib import Path

import pluggy

hookspec = pluggy.HookspecMarker("pytest")


@hookspec
def pytest_harness_prepare_run(torch_home: Path) -> None:
    """Called once, just before the first snippet of the run really executes (not at all when
    every result comes from the cache): write what snippets need into their torch cache."""


@hookspec
def pytest_harness_generated_files() -> dict:
    """Files drawn from the code, as {path: function returning the file's text}; the
    `--update-outputs` run rewrites them together with the recorded outputs."""


@hookspec
def pytest_harness_failure_report(runner, env: dict) -> list:
    """Extra lines for the report of a snippet that failed (for example, the state of the
    torch cache it ran with)."""
