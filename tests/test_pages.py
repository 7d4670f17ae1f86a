"""Contract points 3 and 4: pages show snippets by inclusion, and what they show is what runs."""

import pytest

from conftest import DRIFTS
from harness.checks import check_page
from harness.pages import discover_pages, includes_on, resolve_include
from harness.paths import DOCS, SNIPPETS, rel
from harness.snippets import discover_snippets

PAGES = discover_pages()


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(DOCS).as_posix() for p in PAGES])
def test_page_outputs_match_fresh_runs(page, snippet_runner):
    """Expand the page as MkDocs does, read it with pytest-codeblocks, run each Python block."""
    found = check_page(page, snippet_runner, discover_snippets())
    for drift in found.drifts:
        DRIFTS.append(drift)
    assert not found.problems, "\n\n".join(found.problems)


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(DOCS).as_posix() for p in PAGES])
def test_every_include_resolves(page):
    broken = [
        f"{rel(page)}:{include.line}: --8<-- \"{include.target}\" names a file that does not exist"
        for include in includes_on(page)
        if resolve_include(include) is None
    ]
    assert not broken, "\n".join(broken)


def test_every_snippet_is_shown_on_a_page(pages_showing):
    unshown = [rel(s.path) for s in discover_snippets() if s.path.resolve() not in pages_showing]
    assert not unshown, f"snippets that no page shows: {unshown}"


def test_every_shown_snippet_shows_its_output(pages_showing):
    """A page that includes a snippet's .py also includes its .out."""
    missing = []
    for snippet in discover_snippets():
        for page in pages_showing.get(snippet.path.resolve(), []):
            if page not in pages_showing.get(snippet.out_path.resolve(), []):
                missing.append(f"{page} shows {rel(snippet.path)} but not {rel(snippet.out_path)}")
    assert not missing, "\n".join(missing)


def test_pages_exist():
    assert PAGES and SNIPPETS.is_dir()
