"""No code or output line is wider than a page's code block at 1280 px: every snippet, its
recorded output, and every notebook cell and text output keep to contract.LONGEST_LINE
characters. (The browser tests measure the blocks themselves; this names the line at once.)"""

import json

import pytest

from harness.notebooks import discover_notebooks, on_the_page
from harness.paths import REPO, rel
from snippet_contract import LONGEST_LINE, discover_snippets


def too_long(text: str, where: str) -> list[str]:
    return [f"{where}:{number}: {len(line)} characters (at most {LONGEST_LINE}): {line.strip()[:60]!r}"
            for number, line in enumerate(text.splitlines(), 1) if len(line) > LONGEST_LINE]


@pytest.mark.parametrize("snippet", discover_snippets(REPO), ids=lambda s: s.path.name)
def test_snippet_and_output_lines_fit_the_page(snippet):
    problems = too_long(snippet.code, rel(snippet.path))
    if snippet.out_path.exists():
        problems += too_long(snippet.out_path.read_text(encoding="utf-8", errors="replace"), rel(snippet.out_path))
    assert not problems, "lines wider than a code block at 1280 px; wrap them:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", discover_notebooks(), ids=lambda p: p.name)
def test_notebook_lines_fit_the_page(path):
    problems = []
    for number, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"], 1):
        if cell["cell_type"] != "code":
            continue
        problems += too_long("".join(cell["source"]), f"{rel(path)} cell {number}, line")
        if not on_the_page(cell):  # in the download only: its output is never shown in a code block
            continue
        for output in cell.get("outputs", []):
            text = output.get("text") or output.get("data", {}).get("text/plain", "")
            problems += too_long("".join(text), f"{rel(path)} cell {number} output, line")
    assert not problems, "lines wider than a code block at 1280 px; wrap them:\n" + "\n".join(problems)
