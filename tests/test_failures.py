"""Every way the harness can be fed bad input ends in a clear failure that names the file."""

import nbformat
import pytest

from harness.checks import check_determinism, check_page, check_snippet
from harness.notebooks import NotebookFailed, execute
from harness.pages import includes_on, resolve_include
from harness.runner import SnippetRunner
from harness.site import load_hook
from snippet_contract import Snippet

pytestmark = pytest.mark.proof


@pytest.fixture(scope="module")
def fresh_runner(tmp_path_factory):
    """A runner without the cache, its caches and HOME in a temporary folder."""
    scratch = tmp_path_factory.mktemp("fresh-runner")
    return SnippetRunner(
        env={"HOME": str(scratch / "home"), "XDG_CACHE_HOME": str(scratch / "cache"),
             "TORCH_HOME": str(scratch / "torch"), "MPLCONFIGDIR": str(scratch / "mpl")},
        use_cache=False,
    )


def write_page(tmp_path, body: str):
    page = tmp_path / "broken-page.md"
    page.write_text(body, encoding="utf-8")
    return page


def write_snippet(tmp_path, name: str, code: str) -> Snippet:
    path = tmp_path / "section" / f"{name}.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(code, encoding="utf-8")
    return Snippet(path)


FENCE = "```"


def test_an_include_of_a_missing_snippet_names_the_page_and_line(tmp_path, fresh_runner):
    page = write_page(tmp_path, f'# x\n\n{FENCE}python title="gone.py"\n--8<-- "snippets/section/gone.py"\n{FENCE}\n')
    include = includes_on(page)[0]
    assert include.line == 4 and resolve_include(include) is None
    problems = check_page(page, fresh_runner, []).problems
    assert len(problems) == 1
    assert "broken-page.md: an include does not resolve" in problems[0]
    assert "snippets/section/gone.py" in problems[0]


def test_a_snippet_that_raises_shows_its_traceback_and_pages(tmp_path, fresh_runner):
    snippet = write_snippet(tmp_path, "raises", "print('before')\nraise ValueError('bad layer size')\n")
    problems = check_snippet(snippet, fresh_runner, ["docs/section/page.md"]).problems
    message = problems[0]
    assert f"{snippet.path} failed with exit code 1" in message
    assert "shown on: docs/section/page.md" in message
    assert "ValueError: bad layer size" in message and f'File "{snippet.path}", line 2' in message


def test_a_snippet_that_prints_nothing_fails(tmp_path, fresh_runner):
    snippet = write_snippet(tmp_path, "silent", "x = 1 + 1\n")
    problems = check_snippet(snippet, fresh_runner, []).problems
    assert problems and f"{snippet.path} printed nothing" in problems[0]


def test_a_malformed_marker_names_the_page(tmp_path, fresh_runner):
    page = write_page(tmp_path, f"{FENCE}python\nprint(1)\n{FENCE}\n\n<!--pytest-codeblocks:expected_output-->\n\n{FENCE}text\n1\n{FENCE}\n")
    problems = check_page(page, fresh_runner, []).problems
    assert "broken-page.md: pytest-codeblocks cannot read this page" in problems[0]
    assert 'Unknown pytest-codeblocks keyword "expected_output"' in problems[0]


def test_an_expected_output_with_no_code_block_before_it(tmp_path, fresh_runner):
    page = write_page(tmp_path, f"# x\n\n<!--pytest-codeblocks:expected-output-->\n\n{FENCE}text\n1\n{FENCE}\n")
    problems = check_page(page, fresh_runner, []).problems
    assert "broken-page.md: pytest-codeblocks cannot read this page" in problems[0]
    assert "no previous code block" in problems[0]


def test_a_code_block_with_no_expected_output(tmp_path, fresh_runner):
    page = write_page(tmp_path, f'{FENCE}python title="lonely.py"\nprint(1)\n{FENCE}\n')
    problems = check_page(page, fresh_runner, []).problems
    assert "broken-page.md: the Python block 'lonely.py' has no expected-output block after it" in problems[0]


def test_output_that_changes_between_runs_is_reported_line_by_line(fresh_runner):
    code = "import time\nprint('fixed line')\nprint('clock', time.perf_counter_ns())\n"
    differing = check_determinism(code, "snippets/section/clock.py", fresh_runner)
    assert differing[0] == "snippets/section/clock.py prints different output from one run to the next:"
    assert len(differing) == 2 and differing[1].startswith("  line 2: first run 'clock ")


def test_snippets_are_isolated_from_each_other(fresh_runner):
    fresh_runner.run(
        "import json, os, torch\nfrom torch import nn\n"
        "torch.manual_seed(123)\nos.environ['LEAK'] = '1'\nnn.Linear = None\njson.LEAK = 1\nLEAKED = 1\n"
        "print('polluted')\n",
        "snippets/section/polluter.py",
    )
    result = fresh_runner.run(
        "import json, os, torch\n"
        "print(torch.initial_seed(), 'LEAK' in os.environ, torch.nn.Linear is not None, "
        "'LEAKED' in globals(), hasattr(json, 'LEAK'))\n",
        "snippets/section/observer.py",
    )
    assert result.ok, result.stderr
    assert result.stdout == "0 False True False False\n"


def test_a_notebook_cell_that_raises_names_the_notebook(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("print('ok')"), nbformat.v4.new_code_cell("raise ValueError('bad cell')")]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "broken.ipynb"
    nbformat.write(notebook, path)
    with pytest.raises(NotebookFailed) as failure:
        execute(path, {"HOME": str(tmp_path)})
    assert f"{path}: a cell raised an error" in str(failure.value)
    assert "ValueError: bad cell" in str(failure.value)


def test_the_build_refuses_a_notebook_with_an_error_output(tmp_path):
    notebook_pages = load_hook("notebook_pages")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# A page"), nbformat.v4.new_code_cell("print('ok')"),
                      nbformat.v4.new_code_cell("1 / 0")]
    code_cell = notebook.cells[2]
    code_cell.outputs.append(nbformat.v4.new_output("error", ename="ValueError", evalue="bad cell", traceback=[]))
    broken = tmp_path / "exercise.ipynb"
    nbformat.write(notebook, broken)
    assert notebook_pages.notebook_errors(broken) == ["cell 3: ValueError: bad cell"]


CACHE_WRITER = """\
import pathlib

import matplotlib
import matplotlib.pyplot
import torch
import torchvision

pathlib.Path(torch.hub.get_dir(), "checkpoints").mkdir(parents=True, exist_ok=True)
print(pathlib.Path(matplotlib.get_cachedir()).is_dir())
"""


def test_running_snippets_writes_nothing_to_home(tmp_path):
    """The user's home, torch cache and data sets are never written: a fragment that imports
    torch, torchvision and matplotlib and makes their caches leaves HOME empty."""
    home = tmp_path / "home"
    home.mkdir()
    runner = SnippetRunner(env={"HOME": str(home), "TORCH_HOME": str(tmp_path / "torch"),
                                "XDG_CACHE_HOME": str(tmp_path / "cache"), "MPLCONFIGDIR": str(tmp_path / "mpl")},
                           use_cache=False)
    snippet = write_snippet(tmp_path, "cache_writer", CACHE_WRITER)
    result = runner.run_file(snippet.path, "section/cache_writer")
    assert result.ok, result.stderr
    assert result.stdout == "True\n"
    assert list(home.iterdir()) == []


@pytest.mark.parametrize("code, what", [
    ("print({f'layer{n}' for n in range(24)})\n", "set order"),
    ("print(hex(id(object())))\n", "an id()"),
])
def test_check_determinism_sees_what_only_differs_between_interpreters(fresh_runner, code, what):
    """The second pass runs in a new interpreter with another hash seed, as a reader's run would."""
    differing = check_determinism(code, f"snippets/section/{what}.py", fresh_runner)
    assert differing and "line 1: first run" in differing[1], f"{what} passed the determinism check"


def test_recording_refuses_an_output_that_changes_between_runs(tmp_path, fresh_runner):
    from harness.record import update_recordings

    snippet = write_snippet(tmp_path, "ids", "print('layers:', {f'layer{n}' for n in range(24)})\n")
    with pytest.raises(pytest.exit.Exception, match="prints different output from one run to the next"):
        update_recordings(fresh_runner, [snippet], {}, check_determinism=True)
    assert not snippet.out_path.exists()


PUBLISHING_FRAGMENT = """\
__all__ = ["total"]

step = 2
total = 3 * step
print(total)
"""


@pytest.mark.parametrize("reads, fragment, expected", [
    ("ns['total']", PUBLISHING_FRAGMENT, 6),
    ("ns['total']", PUBLISHING_FRAGMENT.replace("step", "stride"), 6),  # a renamed local: same fact
    ("ns['step']", PUBLISHING_FRAGMENT, "does not publish 'step'"),
    ("ns['total']", PUBLISHING_FRAGMENT.replace('["total"]', '["total", "mean"]'), "__all__ lists ['mean']"),
], ids=["published", "local renamed", "unpublished local", "listed but undefined"])
def test_an_inspector_reads_only_what_a_fragment_publishes(reads, fragment, expected, tmp_path):
    """A section's inspector gets the names in the fragment's __all__ and nothing else."""
    (tmp_path / "reader_of_facts.py").write_text(f"def inspect(ns):\n    return {{'total': {reads}}}\n",
                                                 encoding="utf-8")
    runner = SnippetRunner(env={"HOME": str(tmp_path / "home")}, use_cache=False,
                           inspector_for=lambda path: (str(tmp_path), "reader_of_facts", "inspect"))
    snippet = write_snippet(tmp_path, "publishing", fragment)
    result = runner.run_file(snippet.path, "section/publishing")
    if isinstance(expected, int):
        assert result.ok and result.exports == {"total": expected}, result.stderr
    else:
        assert not result.ok and expected in result.stderr and "publishing.py" in result.stderr, result.stderr


@pytest.mark.parametrize("outputs, expected", [
    ([nbformat.v4.new_output("execute_result", data={"text/plain": "{'runs': 40, 'median': None}"},
                             execution_count=1)], {"runs": 40, "median": None}),
    ([], "has no recorded result"),
    ([nbformat.v4.new_output("execute_result", data={"text/plain": "<Figure size 640x480>"}, execution_count=1)],
     "is not a dict of literals"),
    ([nbformat.v4.new_output("execute_result", data={"text/plain": "[40, 41]"}, execution_count=1)],
     "is a list, not a dict"),
], ids=["published", "no result", "not a literal", "not a dict"])
def test_a_notebook_publishes_facts_by_name_from_its_tagged_cell(outputs, expected, tmp_path):
    from harness.notebooks import published_facts
    from harness.sections import FactsUnavailable

    notebook = nbformat.v4.new_notebook()
    untagged = nbformat.v4.new_code_cell("print('runs: 99')")
    tagged = nbformat.v4.new_code_cell("summary", metadata={"tags": ["facts"]})
    tagged.outputs = outputs
    notebook.cells = [untagged, tagged]
    path = tmp_path / "exercise.ipynb"
    nbformat.write(notebook, path)
    if isinstance(expected, dict):
        assert published_facts(path) == expected
    else:
        with pytest.raises(FactsUnavailable) as failure:
            published_facts(path)
        assert "exercise.ipynb cell 2 (tagged 'facts')" in str(failure.value) and expected in str(failure.value)
