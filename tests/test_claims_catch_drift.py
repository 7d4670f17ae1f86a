"""The accounted-numbers check fails when it should: on a copy of the repository, each edit
below changes one number in a page's prose, and the claims tests must fail, naming the page
and the line of the edit."""

import pytest

from harness.sandbox import RepositoryCopy

pytestmark = [pytest.mark.slow, pytest.mark.copies_repository]

PAGE = "docs/chapter-20/lenet-alexnet.md"
NOTEBOOK = "docs/chapter-20/notebooks/relu-vs-tanh.ipynb"

# (what kind of number, file, the text as it is, the text after a careless edit, a phrase of the
# message the failure must print)
EDITS = [
    ("a year", PAGE, "is described in the 1998 paper", "is described in the 1997 paper",
     '"is described in the 1997 paper" states 1997, but tests/lenet_alexnet/claims.py records 1998'),
    ("a size in GB", PAGE, "3 GB of memory limited", "4 GB of memory limited",
     "states 4 GB, but tests/lenet_alexnet/claims.py records 3 GB"),
    ("a count of images", PAGE, "supplied roughly 1.2 million labelled", "supplied roughly 1.4 million labelled",
     "states 1.4 million, but tests/lenet_alexnet/claims.py records 1.2 million"),
    ("a speed-up", PAGE, "of 25 % about six times sooner", "of 25 % about eight times sooner",
     "states 25 % about eight times, but tests/lenet_alexnet/claims.py records 25 % about six times"),
    ("a speed-up in the notebook", NOTEBOOK, "25 % about six times sooner", "25 % about ten times sooner",
     "states 25 % about ten times, but tests/lenet_alexnet/claims.py records 25 % about six times"),
    ("a new number with no row", PAGE, "Training took five to six days,",
     "Training took five to six days with batches of 128 images,",
     "match no row of tests/lenet_alexnet/claims.py"),
]


def line_of(copy: RepositoryCopy, relative: str, text: str) -> int:
    content = copy.path(relative).read_text(encoding="utf-8")
    return content[: content.index(text)].count("\n") + 1


@pytest.mark.parametrize("kind, relative, old, new, message", EDITS, ids=[e[0] for e in EDITS])
def test_changing_a_stated_number_fails_naming_page_and_line(tmp_path, kind, relative, old, new, message):
    copy = RepositoryCopy(tmp_path / "repo")
    copy.replace(relative, old, new)
    run = copy.pytest("tests/test_claims.py", "-k", "sourced or accounted or references")
    assert run.returncode == 1, run.output
    assert message in run.output, run.output
    page = relative.removeprefix("docs/")
    if relative.endswith(".ipynb"):
        assert f"docs/{page}, cell " in run.output, run.output
    else:
        number = line_of(copy, relative, new)
        assert f"docs/{page}, line {number}" in run.output or f"  line {number}:" in run.output, run.output
