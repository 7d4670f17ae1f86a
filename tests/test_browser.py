"""Every page in real Chromium, with everything but the local server blocked."""

import json
import re

import pytest

from harness.browser import LOAD_EVERY_FIGURE, PageVisit, Requests, content_pages, serve_directory
from harness.notebooks import discover_notebooks
from harness.pages import built_path, pages_with_figures, pages_with_snippets
from harness.paths import REPO
from harness.sandbox import RepositoryCopy
from harness.site import build_site
from snippet_contract import discover_snippets

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = content_pages()
SNIPPET_PAGES = [built_path(page) for page in pages_with_snippets()]
# A page between two others (it has a previous and a next page) that shows a figure, if any does.
MIDDLE_PAGE = next((built_path(p) for p in pages_with_figures() if built_path(p) in PAGES[1:-1]), PAGES[len(PAGES) // 2])


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


def visit(context, url: str, base_url: str) -> PageVisit:
    page = context.new_page()
    record = PageVisit(page, base_url)
    Requests(page).goto(url)
    return record


def open_all_details(page):
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")


def test_copy_buttons_copy_exactly_the_snippet(browser, site_url):
    """On every page that shows fragments, each fragment's copy button copies its file."""
    snippets = {s.path.name: s for s in discover_snippets(REPO)}
    copied_right = set()
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        for path in SNIPPET_PAGES:
            page = visit(context, f"{site_url}/{path}", site_url).page
            open_all_details(page)
            blocks = page.locator("article .highlight:has(.filename)")
            for index in range(blocks.count()):
                block = blocks.nth(index)
                title = block.locator(".filename").inner_text().strip()
                if title not in snippets:
                    continue
                block.scroll_into_view_if_needed()
                block.hover()
                block.locator("button.md-code__button[data-md-type=copy]").click()
                copied = page.evaluate("() => navigator.clipboard.readText()")
                assert copied.rstrip("\n") == snippets[title].code.rstrip("\n"), f"{path}: copy button of {title}"
                copied_right.add(title)
    finally:
        context.close()
    assert copied_right == set(snippets), f"no copy button checked for {sorted(set(snippets) - copied_right)}"


def test_snippet_download_links_serve_the_exact_files(context, site_url):
    """Under each output: the snippet and the output it must print, both served byte for byte."""
    snippets = {s.path.name: s for s in discover_snippets(REPO)}
    outputs = {s.out_path.name: s for s in discover_snippets(REPO)}
    served = set()
    for path in SNIPPET_PAGES:
        page = visit(context, f"{site_url}/{path}", site_url).page
        for href in page.eval_on_selector_all(".snippet-stamp a[download]", "as => as.map(a => a.href)"):
            name = href.rsplit("/", 1)[-1]
            body = page.request.get(href).body()
            if name in snippets:
                assert body.decode("utf-8") == snippets[name].code, href
            else:
                assert body == outputs[name].out_path.read_bytes(), href
            served.add(name)
        stamps = page.eval_on_selector_all(".snippet-stamp", "ps => ps.map(p => p.textContent)")
        # A fragment that declares a tolerance says so between the versions and its files.
        assert all(re.search(r"Recorded with Python [^\s,]+, torch [^\s,]+, torchvision [^\s,]+ ·\s+"
                             r"(?:decimal numbers vary slightly between processors "
                             r"\(checked within (?:rel|abs|sig)=[\d.e-]+\) ·\s+)?\S+\.py ·\s+\S+\.out", s)
                   for s in stamps), stamps
    assert served == set(snippets) | set(outputs), f"not offered for download: {sorted(set(snippets) | set(outputs) - served)}"


@pytest.mark.parametrize("notebook", discover_notebooks(), ids=lambda n: n.name)
def test_notebook_page_shows_plots_outputs_and_download(notebook, context, site_url):
    path = built_path(notebook)
    page = visit(context, f"{site_url}/{path}", site_url).page
    plots = page.evaluate(
        """() => [...document.querySelectorAll('.jp-OutputArea-output img, .jp-OutputArea-output svg[role=img]')]
                 .filter(p => p.getBoundingClientRect().width > 0 && (p.tagName !== 'IMG' || p.naturalWidth > 0)).length"""
    )
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    recorded = sum(1 for cell in cells for output in cell.get("outputs", [])
                   if any(mime.startswith("image/") for mime in output.get("data", {})))
    assert plots == recorded, f"{path}: {plots} plots displayed, the notebook records {recorded}"
    shown = "\n".join(page.locator(".jp-OutputArea-output pre").all_inner_texts())
    printed = [line.strip() for cell in cells for output in cell.get("outputs", []) if output.get("name") == "stdout"
               for line in "".join(output["text"]).splitlines() if line.strip()]
    missing = [line for line in printed if line not in shown]
    assert not missing, f"{path}: printed lines the page does not show: {missing[:5]}"
    href = page.get_attribute(".notebook-actions a[download]", "href")
    downloaded = page.request.get(f"{site_url}/{path.rsplit('/', 1)[0]}/{href}").body()
    assert downloaded == notebook.read_bytes(), f"{path}: the downloadable notebook differs from {notebook.name}"


LISTS_PAGE = """path => [...document.querySelectorAll('.md-search-result__item a')]
    .some(a => a.href.split(/[?#]/)[0].endsWith('/' + path))"""


def test_search_finds_a_page_by_its_title(context, site_url, built_site):
    """From the home page, searching for another page's title lists that page (that every
    page is in the index is checked without a browser, in test_site_build.py)."""
    page = visit(context, f"{site_url}/index.html", site_url).page
    title = visit(context, f"{site_url}/{MIDDLE_PAGE}", site_url).page.locator("article h1").first.inner_text()
    page.keyboard.press("s")  # Material's shortcut that opens the search box
    page.keyboard.type(title.strip(), delay=10)
    page.wait_for_function(LISTS_PAGE, arg=MIDDLE_PAGE, timeout=15_000)


# Installed before any page script: records what loading the page does to the palette.
WATCH_PALETTE_WRITES = """
window.__paletteWrites = [];
new MutationObserver(records => records.forEach(r => {
    if (r.type === 'attributes' && r.attributeName === 'data-md-color-switching')
        window.__paletteWrites.push('body ' + r.attributeName);
    r.addedNodes.forEach(n => { if (n.nodeName === 'META' && n.name === 'color-scheme')
        window.__paletteWrites.push('meta color-scheme'); });
})).observe(document, {subtree: true, childList: true, attributes: true});
"""


def palette_state(page) -> dict:
    return page.evaluate("""() => ({
        scheme: document.body.getAttribute('data-md-color-scheme'),
        visibleToggles: [...document.querySelectorAll('form[data-palette-toggle] label')]
            .filter(l => !l.hidden).map(l => l.title),
        stored: __md_get('__palette'),
    })""")


@pytest.mark.parametrize("preference,scheme", [("light", "default"), ("dark", "slate")])
def test_palette_toggle_switches_and_remembers(preference, scheme, browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=preference)
    try:
        context.add_init_script(WATCH_PALETTE_WRITES)
        page = context.new_page()
        requests = Requests(page)
        requests.goto(f"{site_url}/{MIDDLE_PAGE}")
        first = palette_state(page)
        # A first visit follows the system's preference, shows one toggle, and restyles nothing.
        assert first["scheme"] == scheme and len(first["visibleToggles"]) == 1, first
        assert page.evaluate("window.__paletteWrites") == [], "loading the page switched the palette"
        other = {"default": "slate", "slate": "default"}[scheme]

        page.locator("form[data-palette-toggle] label:visible").click()
        page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")
        switched = palette_state(page)
        assert switched["scheme"] == other and switched["stored"]["color"]["scheme"] == other, switched
        assert switched["visibleToggles"] != first["visibleToggles"], switched

        # The choice holds on the next page, against the system's preference, without a switch.
        requests.goto(f"{site_url}/index.html")
        assert palette_state(page)["scheme"] == other
        assert page.evaluate("window.__paletteWrites") == [], "loading the page switched the palette"

        # Enter on the focused toggle switches back, as in Material.
        page.locator("form[data-palette-toggle] label:visible").focus()
        page.keyboard.press("Enter")
        page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') === '{scheme}'")
    finally:
        context.close()


def test_footer_has_previous_and_next(context, site_url):
    page = visit(context, f"{site_url}/{MIDDLE_PAGE}", site_url).page
    assert page.locator("a.md-footer__link--prev").count() == 1
    assert page.locator("a.md-footer__link--next").count() == 1


def test_site_works_from_disk(context, built_site):
    page_file = built_site.site_dir / MIDDLE_PAGE
    page = context.new_page()
    outside = []
    page.route("**/*", lambda r: (outside.append(r.request.url), r.abort()) if r.request.url.startswith("http") else r.continue_())
    page.goto(page_file.as_uri(), wait_until="load")
    open_all_details(page)
    # Every figure loads from disk, the twin for the other palette included.
    loaded = all(page.evaluate(LOAD_EVERY_FIGURE))
    assert loaded and not outside, outside
    next_link = page.get_attribute("a.md-footer__link--next", "href")
    assert next_link.endswith(".html"), f"navigation from disk needs file links, got {next_link}"
    # Search works from disk too (Material's offline plugin), and typing into it stays on the page.
    page.keyboard.press("s")
    page.keyboard.type(page.locator("article h1").first.inner_text().strip()[:20], delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    assert page.locator(".md-search-result__item").count() > 0
    assert page.url == page_file.as_uri()


AUTOMATIC_PALETTE = """  palette:
    - media: "(prefers-color-scheme)"
      toggle:
        icon: material/brightness-auto
        name: Switch to light mode
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle:
        icon: material/weather-night
        name: Switch to dark mode
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle:
        icon: material/weather-sunny
        name: Switch to the system's preference
"""


def test_palette_toggle_follows_the_system_when_configured_to(browser, tmp_path):
    """Material's documented three-way toggle (system, light, dark) works with palette.js too."""
    copy = RepositoryCopy(tmp_path / "repo")
    config = copy.path("mkdocs.yml")
    text = config.read_text(encoding="utf-8")
    start, end = text.index("  palette:\n"), text.index("\n\n", text.index("  palette:\n")) + 1
    config.write_text(text[:start] + AUTOMATIC_PALETTE + text[end:], encoding="utf-8")
    built = build_site(tmp_path / "site", config)
    assert built.returncode == 0, built.log
    context = browser.new_context(color_scheme="dark")
    try:
        with serve_directory(built.site_dir) as url:
            page = context.new_page()
            Requests(page).goto(f"{url}/index.html")
            scheme = lambda: page.get_attribute("body", "data-md-color-scheme")
            assert scheme() == "slate", "the system option does not follow a dark system"
            page.emulate_media(color_scheme="light")
            page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'default'")
            seen = []
            for _ in range(3):  # system -> light -> dark -> system
                page.locator("form[data-palette-toggle] label:visible").click()
                page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")
                seen.append((scheme(), page.evaluate("__md_get('__palette').index")))
            assert seen == [("default", 1), ("slate", 2), ("default", 0)], seen
    finally:
        context.close()
