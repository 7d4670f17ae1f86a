"""The contract across files (contract.py): what no single page or snippet item can see."""

from harness.contract import discover_snippets, orphan_outputs
from harness.pages import discover_pages
from harness.paths import REPO, rel


def test_there_are_snippets_and_pages():
    assert discover_snippets(REPO), "no snippets found under snippets/<section>/*.py"
    assert discover_pages(), "no pages found under docs/"


def test_every_recorded_output_has_its_snippet():
    orphans = [rel(path) for path in orphan_outputs(REPO)]
    assert not orphans, f"recorded outputs without a snippet beside them: {orphans}"


def test_every_snippet_is_shown_on_a_page(pages_showing):
    unshown = [rel(s.path) for s in discover_snippets(REPO) if s.path.resolve() not in pages_showing]
    assert not unshown, f"snippets that no page shows: {unshown}"


def test_every_shown_snippet_shows_its_output(pages_showing):
    """A page that includes a snippet's .py also includes its .out."""
    missing = [
        f"{page} shows {rel(snippet.path)} but not {rel(snippet.out_path)}"
        for snippet in discover_snippets(REPO)
        for page in pages_showing.get(snippet.path.resolve(), [])
        if page not in pages_showing.get(snippet.out_path.resolve(), [])
    ]
    assert not missing, "\n".join(missing)
