"""Every page as readers get it: at 1280 and 390 px wide, light and dark, served and opened
from disk, with everything outside the site blocked. Accessibility (WCAG 2.1 AA, by axe-core),
nothing cut off at desktop width, copy buttons clear of text, figures legible, in the reader's
palette and openable full size. A screenshot of each view goes to .harness/screenshots/."""

import pytest

from harness.browser import site_pages
from harness.paths import REPO
from harness.reading import (
    accessibility_problems,
    covered_lines,
    cut_off_blocks,
    figure_problems,
    screenshot_name,
    small_callout_text,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = REPO / ".harness" / "screenshots"
PAGES = site_pages()
# The views the checks need, not every combination: the desktop view in light gets every
# check; dark is checked for contrast and figures; the phone width for accessibility and
# figures; opening from disk (in dark, so that palette.js and the dark figures load from
# file://) for requests, script errors and figures.
VIEWS = [(1280, "light", "served"), (1280, "dark", "served"), (390, "light", "served"), (1280, "dark", "disk")]
FULL_VIEW = (1280, "light", "served")


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def open_view(browser, built_site, site_url, path, width, palette, origin, without=()):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=palette,
                                  reduced_motion="reduce")
    page = context.new_page()
    outside = []

    def guard(route):
        url = route.request.url
        local = url.startswith(site_url) if origin == "served" else url.startswith(("file:", "data:", "blob:"))
        if any(part in url for part in without):
            route.abort()
        elif local:
            route.continue_()
        else:
            outside.append(url)
            route.abort("blockedbyclient")

    page.route("**/*", guard)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    url = f"{site_url}/{path}" if origin == "served" else (built_site.site_dir / path).as_uri()
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.evaluate("() => document.querySelectorAll('article details').forEach(d => d.open = true)")
    return context, page, outside, errors


@pytest.mark.parametrize("width,palette,origin", VIEWS, ids=[f"{w}-{p}-{o}" for w, p, o in VIEWS])
@pytest.mark.parametrize("path", PAGES)
def test_page_reads_well(path, width, palette, origin, browser, built_site, site_url, axe):
    if path == "404.html" and origin == "disk":
        pytest.skip("the 404 page exists only where a server answers a missing address")
    context, page, outside, errors = open_view(browser, built_site, site_url, path, width, palette, origin)
    try:
        problems = [f"request to outside the site: {url}" for url in outside]
        problems += [f"script error: {error}" for error in errors]
        scheme = page.get_attribute("body", "data-md-color-scheme")
        expected = {"light": "default", "dark": "slate"}[palette]
        if scheme != expected:
            problems.append(f"the {palette} reader gets the {scheme!r} palette")
        if origin == "served":
            problems += accessibility_problems(page, axe, lighthouse_rules=(width, palette, origin) == FULL_VIEW)

        def read_svg(src: str) -> str:
            target = (built_site.site_dir / path).parent / src
            return target.resolve().read_text(encoding="utf-8")

        problems += figure_problems(page, read_svg, palette, check_text_size=width >= 1280)
        problems += small_callout_text(page)
        if (width, palette, origin) == FULL_VIEW:
            problems += cut_off_blocks(page)
            problems += covered_lines(page)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / screenshot_name(path, width, palette, origin)), full_page=True)
    finally:
        context.close()
    assert not problems, f"{path} at {width} px, {palette}, {origin}:\n" + "\n".join(problems)


@pytest.mark.parametrize("origin", ["served", "disk"])
def test_typing_outside_search_stays_on_the_page(origin, browser, built_site, site_url):
    """Material moves to the next or previous page on n, p, '.' and ','; with search absent
    (its index blocked here), a reader typing on the page must stay where they are."""
    path = "chapter-20/lenet-alexnet.html"
    context, page, _, _ = open_view(browser, built_site, site_url, path, 1280, "light", origin,
                                    without=("/search/",))
    try:
        start = page.url
        page.locator("article p").first.click()
        page.keyboard.type("open the next page, please. press n, then p.", delay=10)
        for key in ("n", "p", ".", ",", "N", "P"):
            page.keyboard.press(key)
        page.wait_for_timeout(500)
        assert page.url == start, f"typing on the page moved the reader to {page.url}"
    finally:
        context.close()
