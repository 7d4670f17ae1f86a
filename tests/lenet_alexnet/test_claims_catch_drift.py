"""Section 20.1's prose, drifted: on a copy of the repository, each edit below changes one
number in the section's prose, and the claims tests must fail, naming the page and the line
of the edit."""

import pytest

from harness.sandbox import RepositoryCopy

pytestmark = [pytest.mark.proof, pytest.mark.slow, pytest.mark.copies_repository]

PAGE = "docs/chapter-20/lenet-alexnet.md"
NOTEBOOK = "docs/chapter-20/notebooks/relu-vs-tanh.ipynb"

# (what kind of number, file, the text as it is, the text after a careless edit, a phrase of the
# message the failure must print)
EDITS = [
    ("a year", PAGE, "LeNet-5 was published in 1998 by", "LeNet-5 was published in 1997 by",
     "states 1997, but tests/lenet_alexnet/claims.py records 1998"),
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


def test_changing_a_stated_number_fails_naming_page_and_line(tmp_path):
    """All the edits in one copy and one run: each must be reported on its own, with its line."""
    copy = RepositoryCopy(tmp_path / "repo")
    for kind, relative, old, new, message in EDITS:
        copy.replace(relative, old, new)
    run = copy.pytest("tests/test_claims.py", "-k", "sourced or accounted or references")
    assert run.returncode == 1, run.output
    missed = []
    for kind, relative, old, new, message in EDITS:
        page = relative.removeprefix("docs/")
        if relative.endswith(".ipynb"):
            where = [f"docs/{page}, cell "]
        else:
            number = line_of(copy, relative, new)
            where = [f"docs/{page}, line {number}", f"  line {number}:"]
        reported = [block for block in run.output.split("\n_") if message in block]
        if not reported or not any(w in block for block in reported for w in where):
            missed.append(f"{kind}: expected {message!r} at one of {where}")
    assert not missed, "\n".join(missed) + "\n\n" + run.output
