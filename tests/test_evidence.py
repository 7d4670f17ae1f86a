"""Each checked number links to its evidence (harness/evidence.py, docs/_theme/hooks/evidence.py):
the committed evidence index of every page is what its claims rows and facts give; on the
built page, each plain number a row covers links where the index says, and every link lands
on something; in the browser, a link followed lands on its target and its note shows on
keyboard focus."""

import re

import pytest

from harness.browser import Requests
from harness.evidence import evidence_files, index_path, page_text
from harness.pages import built_path
from harness.paths import DOCS, rel
from harness.prose import BRACKETED
from harness.report import unified
from harness.sections import discover_sections
from harness.site import parsed_page

SECTIONS = discover_sections()
PAGES = sorted({row[0] for section in SECTIONS for kind in ("COMPUTED", "SOURCED") for row in section.rows(kind)})


def where_linked(page: str):
    """A function telling where a row's phrase stands on the page, as the build hook sees it:
    "text" where its number can link (running text, a heading, an admonition title, a formula),
    "image" where it stands only in an image's alternative text, "nowhere" where the hook
    cannot link it (only in code, a link or a collapsible title) and "missing" where the hook
    does not find the phrase at all."""
    from harness.site import load_hook

    hook = load_hook("evidence")
    text = page_text(page)
    images = [m.span() for m in re.finditer(r"!\[[^\]]*\]\([^)]*\)", text)]
    maths = [m.span() for pattern in (hook.INLINE_MATH, hook.DISPLAY_MATH) for m in pattern.finditer(text)]
    code = [m.span() for m in hook.CODE.finditer(text)]
    protected = code + [m.span() for m in hook.OTHER.finditer(text)]

    def where(phrase: str) -> str:
        found = [m.span(1) for m in hook._pattern(phrase).finditer(text)]
        if not found:
            return "missing"
        inside = lambda spans, s, e: any(a <= s and e <= b for a, b in spans)  # noqa: E731
        overlaps = lambda spans, s, e: any(a < e and s < b for a, b in spans)  # noqa: E731
        if any(not overlaps(code, s, e) and (inside(maths, s, e) or not overlaps(protected, s, e)) for s, e in found):
            return "text"
        return "image" if all(inside(images, s, e) for s, e in found) else "nowhere"
    return where


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


@pytest.mark.parametrize("page", PAGES)
def test_each_checked_number_links_to_its_evidence(page, built_site):
    import json

    from harness.paths import REPO

    assert built_site.returncode == 0, built_site.log
    soup = parsed_page(built_site.site_dir / built_path(DOCS / page))
    article = soup.find("article")
    links = article.select("a.evidence")
    numbers = re.compile(r"\d[\d,.]*\d|\d")
    assert index_path(page).exists(), (f"{rel(index_path(page))} is missing: generate it with "
                                       "`pytest --update-outputs tests/test_evidence.py`")
    entries = json.loads(index_path(page).read_text(encoding="utf-8"))
    where = where_linked(page)
    ids = {tag["id"]: tag for tag in soup.select("[id]")}

    def carries(link, entry) -> bool:
        """The link shows the entry's number (a formula's link holds it as MathML: its numbers)."""
        value = " ".join(BRACKETED.search(entry["phrase"]).group(1).split())
        shown = " ".join(link.get_text().split())
        return all(n in shown for n in numbers.findall(value)) if "\\" in value else value in shown

    def caption_names_fragment(entry) -> bool:
        """A figure's numbers are followed through the fragment its caption names: the caption
        links to the caption of the fragment whose output the entry leads to."""
        stamp = ids.get(entry["href"][1:])
        fragment = stamp.find_next(id=re.compile("^code-fragment-")) if stamp else None
        for figure in article.select("figure"):
            image = figure.find("img")
            value = " ".join(BRACKETED.search(entry["phrase"]).group(1).split())
            if image and value in " ".join(image.get("alt", "").split()):
                return fragment is not None and any(
                    a.get("href") == "#" + fragment["id"] for a in figure.select("figcaption a"))
        return False

    missing = []
    for entry in entries:
        place = where(entry["phrase"])
        label = f"{entry['phrase']!r} -> {entry['href']}"
        if place == "missing":
            missing.append(f"{label}: the phrase is not on the page as written (a row that spans a code block?)")
        elif place == "nowhere":
            missing.append(f"{label}: stands only in code, a link or a collapsible title, where nothing links")
        elif place == "image":
            if not caption_names_fragment(entry):
                missing.append(f"{label}: in a figure's alternative text, whose caption does not name the fragment")
        elif not any(a["href"] == entry["href"] and carries(a, entry) for a in links):
            # Rows that cover overlapping words share one link, the longer one.
            if not any(carries(a, entry) and entry["phrase"] != other["phrase"] and a["href"] == other["href"]
                       and BRACKETED.search(entry["phrase"]).group(1) in other["phrase"] for a in links for other in entries):
                missing.append(f"{label}: no link to it")
    assert not missing, f"docs/{page}: {len(missing)} checked number(s) without their evidence link:\n" + "\n".join(missing)
    def lands(href: str) -> bool:
        if href.startswith("#"):
            return href[1:] in ids
        path, _, anchor = href.partition("#")  # on another page of the site
        other = (built_site.site_dir / built_path(DOCS / page)).parent / path
        return other.is_file() and (not anchor or parsed_page(other.resolve()).find(id=anchor) is not None)
    broken = [f"{a.get_text()!r} -> {a['href']}" for a in links if not lands(a["href"])]
    assert not broken, f"docs/{page}: evidence links to nothing on the page:\n" + "\n".join(broken)
    assert all(a.get("data-note") for a in links), f"docs/{page}: an evidence link without its note"
    unnamed = [str(a)[:80] for a in links if not " ".join(a.get_text().split()) and not a.get("aria-label")]
    assert not unnamed, f"docs/{page}: evidence links without a name: {unnamed}"

    wrong_lines = []
    for entry in entries:
        if entry.get("line"):
            value = " ".join(BRACKETED.search(entry["phrase"]).group(1).split())
            line = (REPO / entry["output"]).read_text(encoding="utf-8").splitlines()[entry["line"] - 1]
            landed = ids.get(entry["href"][1:])
            if value not in line:
                wrong_lines.append(f"{value!r}: {entry['output']} line {entry['line']} is {line!r}")
            elif entry["href"] in {a["href"] for a in links} and (landed is None or landed.get_text() != line):
                wrong_lines.append(f"{value!r}: {entry['href']} does not land on {entry['output']} line "
                                   f"{entry['line']} ({landed.get_text() if landed else 'no such id'!r})")
    assert not wrong_lines, f"docs/{page}: evidence notes that name the wrong output line:\n" + "\n".join(wrong_lines)
    nested = [a.get_text() for a in links if a.find("a") or a.find_parent("a")]
    assert not nested, f"docs/{page}: evidence links inside other links: {nested}"


@pytest.mark.browser
@pytest.mark.parametrize("page", [p for p in PAGES if p.endswith(".md") and index_path(p).exists()
                                  and "#output-" in index_path(p).read_text(encoding="utf-8")][:1])
def test_evidence_links_land_and_show_their_note_on_focus(page, browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        Requests(tab).goto(f"{site_url}/{built_path(DOCS / page)}")
        links = tab.locator("article a.evidence")
        count = links.count()
        assert count, f"docs/{page}: no evidence link"
        # A sample of each kind, first and last where a reader can see them (solutions are
        # folded): to a reference, to an output, to an output line, in a heading, a formula.
        kinds = ("a.evidence[href^='#ref-']", "a.evidence[href^='#output-']:not([href*='-line-'])",
                 "a.evidence[href*='-line-']", "h2 a.evidence, h3 a.evidence", ".arithmatex > a.evidence")
        sample = []
        for selector in kinds:
            visible = tab.locator(f"article :is({selector}) >> visible=true")
            assert visible.count(), f"docs/{page}: no visible evidence link of the kind {selector!r}"
            # Fixed now: following a link can unfold a solution and change what is visible.
            sample += [visible.first.element_handle(), visible.last.element_handle()]
        for link in sample:
            href = link.get_attribute("href")
            link.focus()
            note = tab.evaluate("el => getComputedStyle(el, '::after').content", link)
            assert link.get_attribute("data-note") in note, f"{href}: the note does not show on focus ({note})"
            link.click()
            tab.wait_for_function("target => location.hash === target", arg=href)
            top = tab.evaluate("id => document.getElementById(id).getBoundingClientRect().top", href[1:])
            assert 0 <= top < 900, f"{href}: the target is not in view after following the link (top {top})"
            if "-line-" in href:  # an output line: the reader lands on the line printing the number
                landed = tab.evaluate("id => document.getElementById(id).textContent", href[1:])
                numbers = re.findall(r"\d[\d,.]*\d|\d", link.text_content())
                assert numbers and all(n in landed for n in numbers), f"{href} lands on {landed!r}"
    finally:
        context.close()


def test_the_hook_links_text_and_formulas_and_leaves_code_alone(tmp_path):
    """Code is text even when it holds a formula; a heading links itself; inline math links whole."""
    import json
    from types import SimpleNamespace

    from harness.site import load_hook

    hook = load_hook("evidence")
    (tmp_path / "_theme" / "evidence").mkdir(parents=True)
    entry = {"phrase": "of [6] maps", "href": "#ref-x", "note": "X: p. 1"}
    formula = {"phrase": r"map of \([6 \times 6]\)", "href": "#ref-x", "note": "X: p. 2"}
    (tmp_path / "_theme" / "evidence" / "page.json").write_text(json.dumps([entry, formula]), encoding="utf-8")
    page = SimpleNamespace(file=SimpleNamespace(src_uri="page.md"))
    config = SimpleNamespace(docs_dir=str(tmp_path))
    markdown = ("## A stack of 6 maps\n\nA stack of 6 maps, a map of \\(6 \\times 6\\).\n\n"
                "```text\nstack of 6 maps, a map of \\(6 \\times 6\\)\n```\n")
    linked = hook.on_page_markdown(markdown, page, config)
    assert linked.count('<a class="evidence"') == 3, linked  # heading, text, whole formula
    assert "```text\nstack of 6 maps, a map of \\(6 \\times 6\\)\n```" in linked, linked
    assert '<a class="evidence" href="#ref-x" data-note="X: p. 2">\\(6 \\times 6\\)</a>' in linked, linked
