"""Each checked number links to its evidence (harness/evidence.py, docs/_theme/hooks/evidence.py):
the committed evidence index of every page is what its claims rows and facts give; on the
built page, each plain number a row covers links where the index says, and every link lands
on something; in the browser, a link followed lands on its target and its note shows on
keyboard focus."""

import re

import pytest

from harness.browser import Requests
from harness.evidence import evidence_files, index_path
from harness.pages import built_path
from harness.paths import DOCS, rel
from harness.prose import BRACKETED
from harness.report import unified
from harness.sections import discover_sections
from harness.site import parsed_page

SECTIONS = discover_sections()
PAGES = sorted({row[0] for section in SECTIONS for kind in ("COMPUTED", "SOURCED") for row in section.rows(kind)})


def linkable_values(page: str):
    """A function telling, for a row's phrase, whether its number can be a link: in text, or in
    inline math (the whole formula links); not inside code, display math, a heading, an
    admonition title, an image's alternative text or a link (the regions the build hook leaves
    alone, read from the hook itself)."""
    from harness.site import load_hook

    hook = load_hook("evidence")
    markdown = (DOCS / page).read_text(encoding="utf-8")
    protected = [m.span() for m in hook.PROTECTED.finditer(markdown)]
    inline_math = [m.span() for m in hook.INLINE_MATH.finditer(markdown)]

    def free(phrase: str) -> bool:
        for start, end in (m.span(1) for m in hook._pattern(phrase).finditer(markdown)):
            if any(a <= start and end <= b for a, b in inline_math):
                return True
            if not any(a < end and start < b for a, b in protected):
                return True
        return False
    return free


@pytest.mark.checks_generated_files
@pytest.mark.parametrize("file_name, page", [(index_path(p).name, p) for p in PAGES], ids=PAGES)
def test_evidence_index_is_what_the_claims_give(file_name, page, snippet_runner):
    path = index_path(page)
    assert path.exists(), f"{rel(path)} is missing: generate it with `pytest --update-outputs`"
    fresh = evidence_files(SECTIONS, snippet_runner)[path]()
    committed = path.read_text(encoding="utf-8")
    if committed != fresh:
        pytest.fail(f"{rel(path)} no longer matches the claims rows and facts of docs/{page}\n"
                    + unified(committed, fresh, f"{rel(path)} (committed)", f"{rel(path)} (regenerated)")
                    + "If the change is intended, regenerate with: pytest --update-outputs", pytrace=False)


# Notebook pages are rendered from the notebook, not from Markdown: their numbers are not linked.
MARKDOWN_PAGES = [p for p in PAGES if p.endswith(".md")]


@pytest.mark.parametrize("page", MARKDOWN_PAGES)
def test_each_checked_number_links_to_its_evidence(page, built_site):
    import json

    assert built_site.returncode == 0, built_site.log
    soup = parsed_page(built_site.site_dir / built_path(DOCS / page))
    article = soup.find("article")
    links = article.select("a.evidence")
    linked = " ".join(" ".join(a.get_text().split()) for a in links)
    hrefs = {a["href"] for a in links}
    numbers = re.compile(r"\d[\d,.]*\d|\d")
    assert index_path(page).exists(), (f"{rel(index_path(page))} is missing: generate it with "
                                       "`pytest --update-outputs tests/test_evidence.py`")
    missing = []
    linkable = linkable_values(page)
    for entry in json.loads(index_path(page).read_text(encoding="utf-8")):
        value = " ".join(BRACKETED.search(entry["phrase"]).group(1).split())
        # Rows that cover overlapping words share one link, the longer one.
        # A formula's link holds it as MathML: its numbers, not its TeX, are in the text.
        shown = all(n in linked for n in numbers.findall(value)) if "\\" in value else value in linked
        if linkable(entry["phrase"]) and (not shown or entry["href"] not in hrefs):
            missing.append(f"{value!r} ({entry['phrase']!r}) -> {entry['href']}")
    assert not missing, f"docs/{page}: {len(missing)} checked number(s) without their evidence link:\n" + "\n".join(missing)
    ids = {tag["id"] for tag in soup.select("[id]")}
    broken = [f"{a.get_text()!r} -> {a['href']}" for a in links if a["href"].startswith("#") and a["href"][1:] not in ids]
    assert not broken, f"docs/{page}: evidence links to nothing on the page:\n" + "\n".join(broken)
    assert all(a.get("data-note") for a in links), f"docs/{page}: an evidence link without its note"
    from harness.paths import REPO

    wrong_lines = []
    for entry in json.loads(index_path(page).read_text(encoding="utf-8")):
        if entry.get("line"):
            value = " ".join(BRACKETED.search(entry["phrase"]).group(1).split())
            line = (REPO / entry["output"]).read_text(encoding="utf-8").splitlines()[entry["line"] - 1]
            if value not in line:
                wrong_lines.append(f"{value!r}: {entry['output']} line {entry['line']} is {line!r}")
    assert not wrong_lines, f"docs/{page}: evidence notes that name the wrong output line:\n" + "\n".join(wrong_lines)
    nested = [a.get_text() for a in links if a.find("a") or a.find_parent("a", class_="evidence")]
    assert not nested, f"docs/{page}: evidence links inside each other: {nested}"


@pytest.mark.browser
@pytest.mark.parametrize("page", [p for p in MARKDOWN_PAGES if index_path(p).exists()
                                  and "#output-" in index_path(p).read_text(encoding="utf-8")][:1])
def test_evidence_links_land_and_show_their_note_on_focus(page, browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        Requests(tab).goto(f"{site_url}/{built_path(DOCS / page)}")
        links = tab.locator("article a.evidence")
        count = links.count()
        assert count, f"docs/{page}: no evidence link"
        for kind in ("#ref-", "#output-"):
            link = tab.locator(f"article a.evidence[href^='{kind}']").first
            href = link.get_attribute("href")
            link.focus()
            note = tab.evaluate("el => getComputedStyle(el, '::after').content", link.element_handle())
            assert link.get_attribute("data-note") in note, f"{href}: the note does not show on focus ({note})"
            link.click()
            tab.wait_for_function("target => location.hash === target", arg=href)
            top = tab.evaluate("id => document.getElementById(id).getBoundingClientRect().top", href[1:])
            assert 0 <= top < 900, f"{href}: the target is not in view after following the link (top {top})"
    finally:
        context.close()
