"""Contract points 3 and 4: pages show snippets by inclusion, and what they show is what runs."""

import pytest

from conftest import DRIFTS
from harness.pages import (
    PageError, block_title, code_blocks, discover_pages, includes_on, is_python, resolve_include,
    visible,
)
from harness.paths import DOCS, SNIPPETS, rel
from harness.report import Drift, unified
from harness.runner import code_key
from harness.snippets import discover_snippets

PAGES = discover_pages()


def snippet_by_code() -> dict:
    return {code_key(visible(s.code)): s for s in discover_snippets()}


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(DOCS).as_posix() for p in PAGES])
def test_page_outputs_match_fresh_runs(page, snippet_runner, pages_showing):
    """Expand the page as MkDocs does, read it with pytest-codeblocks, run each Python block."""
    try:
        blocks = code_blocks(page)
    except PageError as error:
        pytest.fail(str(error), pytrace=False)

    known = snippet_by_code()
    problems = []
    for block in blocks:
        if not is_python(block):
            continue
        title = block_title(block)
        if block.expected_output is None:
            problems.append(
                f"{rel(page)}: the Python block '{title}' has no expected-output block after it "
                "(add <!--pytest-codeblocks:expected-output--> and a text block including its .out)"
            )
            continue
        snippet = known.get(code_key(visible(block.code)))
        if snippet is not None:
            result = snippet_runner.run_file(snippet.path, snippet.name)
            source = rel(snippet.path)
        else:
            # Code typed into the page instead of included: still run and checked.
            source = f"{rel(page)} ('{title}', inline)"
            result = snippet_runner.run(block.code, source)
        if not result.ok:
            problems.append(f"{rel(page)}: '{title}' ({source}) failed:\n{result.stderr.rstrip()}")
            continue
        if visible(block.expected_output) != visible(result.stdout):
            diff = unified(block.expected_output, result.stdout,
                           f"{rel(page)}: output shown under '{title}'", f"{source} (fresh run)")
            DRIFTS.add(Drift(rel(page), source, [rel(page)], diff))
            problems.append(f"{rel(page)}: the output shown under '{title}' drifted from {source}\n{diff}")
    assert not problems, "\n\n".join(problems)


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
