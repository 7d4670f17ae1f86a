"""README, "Adding a section", followed step by step on a copy of the repository: a fragment
recorded, a page that shows it with a computed and a sourced number, the section's
declaration with its claims and a figure drawn from the fragment. No harness file changes.
The new section is verified (its numbers linked to their evidence); a drifted output, prose number and figure label are each
caught, naming the file; --update-outputs re-records the output and redraws the figure."""

import re

import pytest

from harness.sandbox import RepositoryCopy

pytestmark = [pytest.mark.proof, pytest.mark.slow, pytest.mark.copies_repository]

NAME, PAGE, FIGURE = "synthetic_section", "docs/synthetic-section.md", "docs/figures/synthetic-section-tally.svg"
NOTEBOOK = "docs/synthetic-section-exercise.ipynb"
FENCE = "```"

FRAGMENT = """\
import numpy as np

grid = np.arange(12).reshape(3, 4)
FACTS = {"sum": int(grid.sum()), "rows": grid.shape[0]}  # published for the page's claims
print("sum:", FACTS["sum"])
print("shape:", grid.shape)
"""

PAGE_TEXT = f"""\
# A synthetic section

The fragment below sums a small grid; its total is 66.

{FENCE}python title="tally.py"
--8<-- "snippets/{NAME}/tally.py"
{FENCE}

<!--pytest-codeblocks:expected-output-->

{FENCE}text title="Output"
--8<-- "snippets/{NAME}/tally.out"
{FENCE}

Its exercise notebook counts the grid's rows: 3 of them.

Grids like this one fed the networks described in 1998 by LeCun and colleagues
([LeCun et al., 1998](#ref-lecun1998)).

## References

<ol>
<li id="ref-lecun1998">Y. LeCun, L. Bottou, Y. Bengio and P. Haffner. "Gradient-based learning applied to document recognition." <em>Proceedings of the IEEE</em>, 1998. doi:10.1109/5.726791.</li>
</ol>
"""

DECLARATION = f'''\
"""A synthetic section, declared as the README says."""

from pathlib import Path

SNIPPETS = "{NAME}"
CLAIMS_FILE = "tests/{NAME}/section.py"
PAGE = "synthetic-section.md"

NOTEBOOKS = ["synthetic-section-exercise.ipynb"]

COMPUTED = [(PAGE, "its total is [66]", "tally.sum", "exact"),
            (PAGE, "the grid's rows: [3] of them", "synthetic-section-exercise.rows", "exact")]
SOURCED = [(PAGE, "described in [1998] by LeCun", "1998", "lecun1998", "the title page")]
QUOTED = [(PAGE, "networks described in 1998 by LeCun", "lecun1998", "the title page",
           "Gradient-based learning applied to document recognition")]


def draw(runner):
    tally = Path(__file__).resolve().parents[2] / "snippets" / SNIPPETS / "tally.py"
    published = runner.run_file(tally, "{NAME}/tally").exports
    return f"<svg><title>The grid</title><text>sum {{published['sum']}}</text></svg>\\n"


FIGURES = {{"synthetic-section-tally.svg": draw}}
'''

SELECTION = (f"snippets/{NAME}", PAGE, "tests/test_claims.py", "tests/test_figures.py", "-k", "synthetic", "-rA")


def exercise_notebook() -> str:
    """A notebook with a plot and a cell tagged `facts` that publishes one number."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# A synthetic exercise"),
        nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\nimport numpy as np\n\n"
                                  "grid = np.arange(12).reshape(3, 4)\nplt.plot(grid.sum(axis=1))\nplt.show()"),
        nbformat.v4.new_code_cell('{"rows": int(grid.shape[0])}', metadata={"tags": ["facts"]}),
    ]
    return nbformat.writes(notebook)


def passed(output: str) -> set[str]:
    return set(re.findall(r"^PASSED (.+?)\s*$", output, re.MULTILINE))


def test_a_new_section_is_verified_caught_and_re_recorded(tmp_path):
    copy = RepositoryCopy(tmp_path / "repo")
    env = {"HARNESS_NO_CACHE": "1"}

    # 1. The fragment, recorded.
    copy.path(f"snippets/{NAME}").mkdir()
    copy.path(f"snippets/{NAME}/tally.py").write_text(FRAGMENT, encoding="utf-8")
    recorded = copy.pytest("--update-outputs", f"snippets/{NAME}/tally.py", env=env)
    assert recorded.returncode == 0, recorded.output
    assert copy.path(f"snippets/{NAME}/tally.out").read_text(encoding="utf-8") == "sum: 66\nshape: (3, 4)\n"
    assert copy.path(f"snippets/{NAME}/recorded-with.json").exists(), recorded.output

    # 2. The page, in the navigation with its notebook; 3. the declaration; 4. the figure, drawn.
    copy.path(PAGE).write_text(PAGE_TEXT, encoding="utf-8")
    config = copy.path("mkdocs.yml").read_text(encoding="utf-8")
    start = config.index("\nnav:\n") + len("\nnav:\n")
    end = config.index("\n\n", start)
    entries = (f"  - Synthetic section: {PAGE.removeprefix('docs/')}\n"
               f"  - Synthetic exercise: {NOTEBOOK.removeprefix('docs/')}")
    copy.path("mkdocs.yml").write_text(config[:end] + "\n" + entries + config[end:], encoding="utf-8")
    copy.path(f"tests/{NAME}").mkdir()
    copy.path(f"tests/{NAME}/__init__.py").write_text("", encoding="utf-8")
    copy.path(f"tests/{NAME}/section.py").write_text(DECLARATION, encoding="utf-8")
    drawn = copy.pytest("--update-outputs", "tests/test_figures.py", "-k", NAME, env=env)
    assert drawn.returncode == 0, drawn.output
    assert f"created {FIGURE}" in drawn.output, drawn.output

    # 5. The notebook, run and stamped.
    copy.path(NOTEBOOK).write_text(exercise_notebook(), encoding="utf-8")
    run = copy.pytest("--update-outputs", "tests/test_notebooks.py", "-k", "synthetic", env=env)
    assert run.returncode == 0 and f"updated {NOTEBOOK}" in run.output, run.output
    other_notebooks = [p.relative_to(copy.root).as_posix() for p in copy.path("docs").rglob("*.ipynb")
                       if p != copy.path(NOTEBOOK)]
    assert not any(other in run.output for other in other_notebooks), run.output  # only the one selected
    others = [folder.name for folder in copy.path("snippets").iterdir() if folder.name != NAME]
    assert not any(other in copy.path(FIGURE).read_text(encoding="utf-8") for other in others)

    # 6. Its evidence index, written; then verified: its output, the page, the numbers, the
    # quotation, the figure, the numbers' links and the notebook.
    evidence = copy.pytest("--update-outputs", "tests/test_evidence.py", "-k", "synthetic", env=env)
    assert evidence.returncode == 0, evidence.output
    assert "created docs/_theme/evidence/synthetic-section.json" in evidence.output, evidence.output
    verified = copy.pytest(*SELECTION, "tests/test_evidence.py", "tests/test_notebooks.py", env=env)
    assert verified.returncode == 0, verified.output
    for test_id in (f"snippets/{NAME}/tally.py::recorded-output", f"{PAGE}::tally.py",
                    "tests/test_claims.py::test_computed_number_is_what_the_code_gives[synthetic-section:its total is [66]]",
                    "tests/test_claims.py::test_computed_number_is_what_the_code_gives"
                    "[synthetic-section:the grid's rows: [3] of them]",
                    "tests/test_notebooks.py::test_notebook_reproduces_its_recorded_outputs"
                    "[synthetic-section-exercise.ipynb]",
                    "tests/test_claims.py::test_sourced_number_reads_as_its_source_gives_it"
                    "[synthetic-section:described in [1998] by LeCun]",
                    "tests/test_claims.py::test_every_number_in_the_prose_is_accounted_for[synthetic-section.md]",
                    f"tests/test_figures.py::test_committed_figure_matches_the_code[{NAME}:synthetic-section-tally.svg]",
                    "tests/test_evidence.py::test_each_checked_number_links_to_its_evidence[synthetic-section.md]"):
        assert test_id in passed(verified.output), f"{test_id} did not pass:\n{verified.output}"

    # 7. Drift in an output, a prose number and a figure label: each caught, naming its file.
    copy.replace(f"snippets/{NAME}/tally.out", "sum: 66", "sum: 67")
    copy.replace(PAGE, "its total is 66", "its total is 67")
    copy.replace(FIGURE, "sum 66", "sum 76")
    drifted = copy.pytest(*SELECTION, env=env)
    assert drifted.returncode == 1, drifted.output
    assert f"output drifted: snippets/{NAME}/tally.py no longer prints snippets/{NAME}/tally.out" in drifted.output
    line = PAGE_TEXT.splitlines().index("The fragment below sums a small grid; its total is 66.") + 1
    assert f'{PAGE}, line {line}: "its total is 67" states 67 for tally.sum' in drifted.output, drifted.output
    assert f"{FIGURE} no longer matches the model it is drawn from" in drifted.output, drifted.output

    # 8. The prose is the author's to correct; the output and the figure are re-recorded from
    # the code, and the section is green again.
    copy.replace(PAGE, "its total is 67", "its total is 66")
    updated = copy.pytest("--update-outputs", "-m", "not notebook", *SELECTION, env=env)
    assert updated.returncode == 0, updated.output
    assert f"updated snippets/{NAME}/tally.out" in updated.output and f"updated {FIGURE}" in updated.output
    assert not any(f"snippets/{other}/" in updated.output for other in others), updated.output  # only what was selected
    assert copy.path(f"snippets/{NAME}/tally.out").read_text(encoding="utf-8") == "sum: 66\nshape: (3, 4)\n"
