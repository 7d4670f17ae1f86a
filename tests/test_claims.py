"""Numbers in prose and statements about the code, checked against the code (see claims.py)."""

import json
import re

import pytest

from claims import CLAIMS
from harness.facts import facts
from harness.paths import DOCS

BRACKETED = re.compile(r"\[([^\]]+)\]")


def flat(text: str) -> str:
    return " ".join(text.split())


def page_text(page: str) -> str:
    """A page's text; for a notebook, the text of its Markdown cells."""
    raw = (DOCS / page).read_text(encoding="utf-8")
    if page.endswith(".ipynb"):
        cells = json.loads(raw)["cells"]
        raw = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return flat(raw)


def parse_number(written: str) -> tuple[float, int]:
    """'37{,}752{,}832' -> 37752832; '61.79' -> 61.79 with 2 decimals; '37 million' -> 37e6."""
    cleaned = written.replace("{,}", "").replace(",", "").strip()
    scale = 1
    for suffix in ("million", "M"):
        if cleaned.endswith(suffix):
            cleaned, scale = cleaned[: -len(suffix)].strip(), 1_000_000
            break
    words = {"two": "2", "three": "3", "four": "4", "five": "5"}
    cleaned = words.get(cleaned, cleaned)
    decimals = len(cleaned.split(".")[1]) if "." in cleaned else 0
    return float(cleaned) * scale, decimals


def parse_shape(written: str) -> str:
    return "x".join(re.findall(r"\d+", written))


def check(written: str, fact, rule: str) -> str | None:
    """None if the phrase states the fact, else what is wrong."""
    if rule == "few":
        return None if 1_000_000 <= fact < 10_000_000 else f"{fact:,} is not a few million"
    if isinstance(fact, str):
        return None if parse_shape(written) == fact else f"the code gives {fact}"
    number, decimals = parse_number(written)
    if rule == "exact":
        return None if number == fact else f"the code gives {fact:,}"
    if rule == "rounded":
        return None if round(fact, decimals) == number else f"the code gives {fact:,.{decimals + 3}f}"
    if rule.startswith("about"):
        tolerance = float(rule.split()[1].rstrip("%")) / 100
        ok = abs(number - fact) <= tolerance * abs(fact)
        return None if ok else f"the code gives {fact:,}, more than {rule.split()[1]} away"
    raise ValueError(f"unknown comparison {rule!r}")


def find_on_page(text: str, phrase: str) -> str | None:
    """The words the page has where the phrase has [brackets], found by the words around them."""
    before, after = (flat(part) for part in BRACKETED.split(phrase, maxsplit=1)[::2])
    pattern = re.escape(before) + r"\s*(.{1,40}?)\s*" + re.escape(after) if after else re.escape(before) + r"\s*(\S+)"
    match = re.search(pattern, text)
    return match.group(1) if match else None


@pytest.mark.parametrize("page, phrase, fact_name, rule", CLAIMS, ids=[c[1][:60] for c in CLAIMS])
def test_prose_states_what_the_code_computes(page, phrase, fact_name, rule):
    written = find_on_page(page_text(page), phrase)
    assert written is not None, (
        f"docs/{page}: the sentence around \"{BRACKETED.sub('...', phrase)}\" is no longer on the page; "
        "if it was reworded, update its row in tests/claims.py so the number stays checked"
    )
    written_phrase = BRACKETED.sub(written, phrase)
    problem = check(written, facts()[fact_name], rule)
    assert problem is None, (
        f"docs/{page}: \"{written_phrase}\" states {written} for {fact_name}, but {problem}"
    )


def test_every_claim_names_a_known_fact():
    unknown = {name for _, _, name, _ in CLAIMS} - set(facts())
    assert not unknown, f"tests/claims.py names facts that harness/facts.py does not compute: {unknown}"


def test_hand_written_alexnet_is_the_torchvision_topology():
    """The page calls Code Fragment 2 "the torchvision topology": it must load torchvision's
    state dict strictly, give the same output, and have the parameters the weights promise."""
    known = facts()
    assert known["alexnet.loads_torchvision_state_dict_strictly"], (
        "snippets/lenet_alexnet/alexnet.py: the hand-written AlexNet no longer loads "
        "torchvision.models.alexnet()'s state dict strictly"
    )
    assert known["alexnet.same_output_as_torchvision"], (
        "snippets/lenet_alexnet/alexnet.py: same weights, same input, different output from torchvision's AlexNet"
    )
    assert known["alexnet.parameters"] == known["pretrained.num_params"]


def test_lenet_figure_alt_text_lists_the_traced_shapes():
    traced = facts()["lenet5.figure_stages"]
    alt = re.search(r"!\[(The LeNet-5 pipeline[^\]]*)\]", page_text("chapter-20/lenet-alexnet.md")).group(1)
    stages_text = alt.split(":", 1)[1]  # after "The LeNet-5 pipeline:"
    mentioned = [m for m in re.findall(r"\b\d+(?:x\d+)*\b", stages_text) if m not in {"5x5", "2x2"}]
    assert mentioned == traced, (
        f"docs/chapter-20/lenet-alexnet.md: Figure 20.1.1's alt text lists {mentioned}, "
        f"the model traces {traced}"
    )
