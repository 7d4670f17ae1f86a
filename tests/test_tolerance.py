"""The comparison policy: exact by default; a declared tolerance loosens decimal numbers only,
and a declaration that matches nothing, or gives no reason, fails."""

import pytest

from harness.checks import check_snippet
from harness.contract import Snippet
from harness.runner import SnippetRunner
from harness.tolerance import DeclarationError, Tolerance, compare, declared

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
