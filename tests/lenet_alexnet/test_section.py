"""Section 20.1's own checks, beside the generic ones every section gets: what its figures
trace, the topology its AlexNet must share with torchvision's, what its Table 20.1.1 and
relay illustration name, and the generic computed-number check on one of its rows."""

import re

import pytest

from harness.claims import computed_problems, loose_numbers
from harness.paths import DOCS, FIGURES as FIGURE_DIR, rel
from harness.prose import read_prose
from lenet_alexnet.claims import COMPUTED, SOURCED

SECTION = "lenet_alexnet"



def test_a_new_number_with_no_row_fails_naming_page_and_line(tmp_path):
    """A number added to a sentence (a changed one is proved for every number of every page by
    tests/test_guards.py): the coverage check of tests/test_claims.py names its line."""
    page, old = "chapter-20/lenet-alexnet.md", "Training took five to six days,"
    source = (DOCS / page).read_text(encoding="utf-8")
    assert source.count(old) == 1
    edited = tmp_path / "lenet-alexnet.md"
    edited.write_text(source.replace(old, "Training took five to six days with batches of 128 images,"),
                      encoding="utf-8")
    text = read_prose(edited, page)
    loose = loose_numbers(text, [row for row in COMPUTED + SOURCED if row[0] == page])
    line = source[:source.index(old)].count("\n") + 1
    assert [(token, text.line_of(start)) for start, token in loose] == [("128", f"line {line}")], loose

def test_a_changed_computed_number_fails_naming_page_and_line(tmp_path, facts):
    """tests/test_claims.py's computed-number check, on the section page with one number edited."""
    known = facts[SECTION]
    page, old, new = "chapter-20/lenet-alexnet.md", "about 38 million parameters on its own", "about 48 million parameters on its own"
    source = (DOCS / page).read_text(encoding="utf-8")
    assert source.count(old) == 1
    edited = tmp_path / "lenet-alexnet.md"
    edited.write_text(source.replace(old, new), encoding="utf-8")
    row = next(r for r in COMPUTED if r[0] == page and "million] parameters on its own" in r[1])
    problems = computed_problems(read_prose(edited, page), *row, known)
    line = source[:source.index(old)].count("\n") + 1
    assert len(problems) == 1 and problems[0].startswith(f"docs/{page}, line {line}"), problems
    assert '"about 48 million parameters on its own" states 48 million' in problems[0], problems


def test_relay_illustration_names_the_table_bottlenecks():
    from lenet_alexnet.facts import page_facts

    names = [n.lower() for n in page_facts()["table.bottleneck_names"]]
    svg = (DOCS / "figures" / "bottleneck-relay.svg").read_text(encoding="utf-8")
    labels = re.findall(r'class="bottleneck"[^>]*>([^<]+)<', svg)
    assert labels == names, (
        f"docs/figures/bottleneck-relay.svg labels its weights {labels}, "
        f"but Table 20.1.1 names the bottlenecks {names}"
    )
    assert svg.count('href="#baton"') == len(names), "every runner of the relay carries the filter"


def test_hand_written_alexnet_is_the_torchvision_topology(facts):
    """The page says Code Fragment 2 is AlexNet "as torchvision builds it": it must load
    torchvision's state dict strictly, give the same output, and have the parameters the
    weights promise."""
    known = facts[SECTION]
    assert known["alexnet.loads_torchvision_state_dict_strictly"], (
        "snippets/lenet_alexnet/alexnet.py: the hand-written AlexNet no longer loads "
        "torchvision.models.alexnet()'s state dict strictly"
    )
    assert known["alexnet.same_output_as_torchvision"], (
        "snippets/lenet_alexnet/alexnet.py: same weights, same input, different output from torchvision's AlexNet"
    )
    assert known["alexnet.parameters"] == known["pretrained.num_params"]


def test_the_2012_plan_drops_out_what_the_paper_drops(facts):
    """The page: the paper drops the outputs of the first two dense layers (Section 4.2), and
    Code Fragment 3 builds the paper's plan. That its response normalisation is Section 3.3's formula the fragment prints
    itself, and its recorded output holds it."""
    known = facts[SECTION]
    assert known["alexnet2012.dropout_follows_dense"], (
        "snippets/lenet_alexnet/alexnet_2012.py: a Dropout layer no longer follows a dense layer's ReLU, "
        "so it drops something other than the outputs of fc6 and fc7"
    )


def test_lenet_figure_labels_every_traced_shape(facts):
    known = facts[SECTION]
    svg = (FIGURE_DIR / "lenet5-pipeline.svg").read_text(encoding="utf-8")
    for label in known["lenet5.figure_stages"]:
        assert f">{label}</text>" in svg, f"{rel(FIGURE_DIR / 'lenet5-pipeline.svg')}: no label {label}"


def test_alexnet_figure_labels_every_traced_shape(facts):
    known = facts[SECTION]
    svg = (FIGURE_DIR / "alexnet-plan.svg").read_text(encoding="utf-8")
    for label in known["alexnet.figure_stages"]:
        assert f">{label}</text>" in svg, f"{rel(FIGURE_DIR / 'alexnet-plan.svg')}: no label {label}"


def test_section_page_has_its_math_as_mathml(built_site):
    html = (built_site.site_dir / "chapter-20" / "lenet-alexnet.html").read_text(encoding="utf-8")
    assert html.count("<math") >= 10, "the section's formulas were not rendered as MathML"
    assert 'data-tex="\\text{ReLU}(x) = \\max(0, x),"' in html


@pytest.mark.browser
@pytest.mark.slow
def test_section_page_shows_its_math_and_figures(browser, site_url):
    from harness.browser import Requests

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        Requests(page).goto(f"{site_url}/chapter-20/lenet-alexnet.html")
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        assert page.locator("article math").count() >= 10
        assert page.locator("article figure img").count() >= 4
    finally:
        context.close()
