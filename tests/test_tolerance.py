"""The comparison policy: exact by default; a declared tolerance loosens decimal numbers only,
and a declaration that matches nothing, or gives no reason, fails."""

import pytest

from harness.checks import check_snippet
from snippet_contract import Snippet
from harness.runner import SnippetRunner
from harness.tolerance import DeclarationError, Tolerance, compare, declared

pytestmark = pytest.mark.proof

REL = Tolerance("rel", 0.05, "float32 training differs between CPU kernels")


def test_decimals_within_the_tolerance_agree():
    assert compare("loss 0.768 after 70 steps\n", "loss 0.754 after 70 steps\n", REL) == []


def test_decimals_beyond_it_are_marked():
    problems = compare("loss 0.768, accuracy 0.91\n", "loss 0.198, accuracy 0.91\n", REL)
    assert problems == ["  line 1: outside rel=0.05: [0.768 -> 0.198]"]


@pytest.mark.parametrize("recorded, printed", [
    ("reached after 70 steps, loss 0.768\n", "reached after 82 steps, loss 0.768\n"),   # an integer
    ("shape (1, 32, 32), loss 0.768\n", "shape (1, 32, 30), loss 0.768\n"),             # a shape
    ("tanh first, loss 0.768\n", "ReLU first, loss 0.768\n"),                           # a word
    ("a 0.768\nb 0.5\n", "b 0.5\na 0.768\n"),                                           # line order
    ("a 0.768\n", "a 0.768\nb 0.5\n"),                                                  # a line more
])
def test_everything_but_decimals_stays_exact(recorded, printed):
    assert compare(recorded, printed, Tolerance("rel", 10.0, "anything goes")), (recorded, printed)


def test_significant_figures_and_absolute():
    assert compare("0.7681\n", "0.7684\n", Tolerance("sig", 3, "r")) == []
    assert compare("0.7681\n", "0.7791\n", Tolerance("sig", 3, "r"))
    assert compare("1.5e-3\n", "1.6e-3\n", Tolerance("abs", 0.001, "r")) == []


def test_a_declaration_is_read_from_a_comment_and_needs_a_reason():
    code = "# harness: tolerance rel=0.02 because the losses come from float32 training\nprint(0.5)\n"
    assert declared(code, "x.py") == Tolerance("rel", 0.02, "the losses come from float32 training")
    assert declared("print(1)\n", "x.py") is None
    with pytest.raises(DeclarationError, match="x.py: the tolerance rel=0.02 gives no reason"):
        declared("# harness: tolerance rel=0.02\n", "x.py")
    with pytest.raises(DeclarationError, match="x.py: cannot read"):
        declared("# harness: tolerance roughly\n", "x.py")


@pytest.fixture(scope="module")
def runner(tmp_path_factory):
    return SnippetRunner(env={"HOME": str(tmp_path_factory.mktemp("home"))}, use_cache=False)


def snippet(tmp_path, code: str, recorded: str) -> Snippet:
    (tmp_path / "s").mkdir(exist_ok=True)
    (tmp_path / "s" / "probe.py").write_text(code, encoding="utf-8")
    (tmp_path / "s" / "probe.out").write_text(recorded, encoding="utf-8")
    return Snippet(tmp_path / "s" / "probe.py")


DECLARED = "# harness: tolerance rel=0.05 because it stands for a CPU-dependent loss\n"


def test_a_declared_snippet_passes_within_and_fails_beyond(tmp_path, runner):
    within = check_snippet(snippet(tmp_path, DECLARED + "print('loss 0.770 after 3 epochs')\n",
                                   "loss 0.768 after 3 epochs\n"), runner, ["docs/p.md"])
    assert not within.problems and len(within.toleranced) == 1 and within.toleranced[0].endswith("probe.py")
    beyond = check_snippet(snippet(tmp_path, DECLARED + "print('loss 0.9 after 3 epochs')\n",
                                   "loss 0.768 after 3 epochs\n"), runner, ["docs/p.md"])
    assert beyond.problems and "outside rel=0.05: [0.768 -> 0.9]" in beyond.problems[0], beyond.problems
    assert "because" not in beyond.problems[0] and "it stands for a CPU-dependent loss" in beyond.problems[0]


def test_without_a_declaration_nothing_is_loosened(tmp_path, runner):
    found = check_snippet(snippet(tmp_path, "print('loss 0.770')\n", "loss 0.768\n"), runner, ["docs/p.md"])
    assert found.problems and not found.toleranced


def test_a_declaration_that_matches_nothing_fails(tmp_path, runner):
    found = check_snippet(snippet(tmp_path, DECLARED + "print('parameters: 61706')\n", "parameters: 61706\n"),
                          runner, ["docs/p.md"])
    assert found.problems and "declares a tolerance (rel=0.05) but its output has no decimal number" in found.problems[0]


def test_a_notebook_cell_declares_a_tolerance_the_same_way(tmp_path):
    from harness.notebooks import CellText, compare_cells

    source = "# harness: tolerance rel=0.05 because the loss comes from float32 training\nprint(loss)\n"
    recorded = [CellText(2, "final loss 0.768\n", 0, source), CellText(3, "40 runs\n", 0, "print(runs)\n")]
    within = [CellText(2, "final loss 0.760\n", 0, source), CellText(3, "40 runs\n", 0, "print(runs)\n")]
    beyond = [CellText(2, "final loss 0.198\n", 0, source), CellText(3, "41 runs\n", 0, "print(runs)\n")]
    notebook = tmp_path / "n.ipynb"
    problems, toleranced = compare_cells(notebook, recorded, within)
    assert not problems and len(toleranced) == 1 and toleranced[0].endswith("n.ipynb cell 2")
    problems, _ = compare_cells(notebook, recorded, beyond)
    assert "outside rel=0.05: [0.768 -> 0.198]" in problems[0]
    assert "-40 runs" in problems[1] and "+41 runs" in problems[1]  # an undeclared cell stays exact
    counts = [CellText(2, "40 runs\n", 0, source)]
    problems, _ = compare_cells(notebook, counts, counts)
    assert "cell 2 declares a tolerance (rel=0.05) but its output has no decimal number" in problems[0]


@pytest.mark.slow
@pytest.mark.copies_repository
def test_the_page_tells_readers_which_outputs_vary(tmp_path):
    """A snippet with a declared tolerance, on a copy: its output item passes within it and fails
    beyond it, and the built page says under the output that its decimal numbers vary slightly
    between processors."""
    from harness.sandbox import RepositoryCopy, add_synthetic_section
    from harness.site import build_site

    copy = RepositoryCopy(tmp_path / "repo")
    folder, page = add_synthetic_section(copy, "varying_section")
    copy.path(f"{folder}/tally.py").write_text(
        "# harness: tolerance rel=0.01 because it stands for a float32 result\nprint('mean: 0.5005')\n")
    copy.path(f"{folder}/tally.out").write_text("mean: 0.5\n")
    run = copy.pytest(folder, env={"HARNESS_NO_CACHE": "1"})
    assert run.returncode == 0, run.output
    assert f"1 output(s) compared with a declared tolerance (decimal numbers only): {folder}/tally.py" in run.output
    copy.path(f"{folder}/tally.out").write_text("mean: 0.6\n")  # now beyond rel=0.01
    beyond = copy.pytest(folder, env={"HARNESS_NO_CACHE": "1"})
    assert beyond.returncode == 1 and "outside rel=0.01: [0.6 -> 0.5005]" in beyond.output, beyond.output
    copy.path(f"{folder}/tally.out").write_text("mean: 0.5\n")
    copy.replace("mkdocs.yml", "\nnav:\n", "\nnav:\n  - Varying: varying-section.md\n")
    built = build_site(tmp_path / "site", copy.path("mkdocs.yml"))
    assert built.returncode == 0, built.log
    html = (tmp_path / "site" / "varying-section.html").read_text(encoding="utf-8")
    assert "decimal numbers vary slightly between processors (checked within rel=0.01)" in html
