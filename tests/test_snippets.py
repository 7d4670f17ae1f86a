"""Contract points 1, 2 and 5: each snippet runs standalone and prints its recorded output."""

import pytest

from conftest import DRIFTS
from harness.paths import rel
from harness.report import Drift, shown_on, unified
from harness.snippets import current_versions, describe_versions, discover_snippets, orphan_outputs

SNIPPETS = discover_snippets()


def failure_text(snippet, result, pages) -> str:
    return (
        f"{rel(snippet.path)} failed with exit code {result.returncode}\n"
        f"  shown on: {shown_on(pages)}\n"
        f"  running:  {describe_versions(current_versions())}\n"
        f"--- its stderr ---\n{result.stderr.rstrip()}"
    )


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[s.name for s in SNIPPETS])
def test_snippet_prints_its_recorded_output(snippet, snippet_runner, pages_showing):
    pages = pages_showing.get(snippet.path.resolve(), [])
    result = snippet_runner.run_file(snippet.path, snippet.name)
    assert result.ok, failure_text(snippet, result, pages)
    assert result.stdout.strip(), (
        f"{rel(snippet.path)} printed nothing: a fragment on the site must print what its page "
        f"shows (shown on: {shown_on(pages)})"
    )

    recorded = snippet.recorded_output()
    assert recorded is not None, (
        f"{rel(snippet.out_path)} is missing: record it with `pytest --update-outputs`"
    )
    if result.stdout != recorded:
        diff = unified(recorded, result.stdout, f"{rel(snippet.out_path)} (recorded)",
                       f"{rel(snippet.path)} (fresh run)")
        DRIFTS.add(Drift(rel(snippet.out_path), rel(snippet.path), pages, diff))
        pytest.fail(
            f"output drifted: {rel(snippet.path)} no longer prints {rel(snippet.out_path)}\n"
            f"  shown on: {shown_on(pages)}\n"
            f"  recorded with: {describe_versions(snippet.recorded_with())}\n"
            f"  running with:  {describe_versions(current_versions())}\n"
            f"{diff}"
            "If the change is intended, re-record with: pytest --update-outputs",
            pytrace=False,
        )


def test_snippets_exist():
    assert SNIPPETS, "no snippets found under snippets/<section>/*.py"


def test_every_recorded_output_has_its_snippet():
    orphans = [rel(path) for path in orphan_outputs()]
    assert not orphans, f"recorded outputs without a snippet beside them: {orphans}"
