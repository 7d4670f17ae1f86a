"""Every page as readers get it: at 1280 and 390 px wide, light and dark, served and opened
from disk, with everything outside the site blocked. Accessibility (WCAG 2.1 AA, by axe-core),
nothing cut off at desktop width, copy buttons clear of text, figures legible, in the reader's
palette and openable full size. Outside CI (or with HARNESS_SCREENSHOTS=1) a screenshot of
each view goes to .harness/screenshots/."""

import os
import re

import pytest

from harness.browser import Requests, content_pages, site_pages
from harness.cache import ci_is_set
from harness.paths import DOCS, REPO
from harness.reading import (
    COLOUR_RULES,
    accessibility_problems,
    covered_lines,
    cut_off_blocks,
    figure_problems,
    screenshot_name,
    small_callout_text,
    unrendered_math,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = REPO / ".harness" / "screenshots"
TAKE_SCREENSHOTS = not ci_is_set() or os.environ.get("HARNESS_SCREENSHOTS") == "1"
PAGES = site_pages()


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


class View:
    """One page open in its own browser context, with what it requested outside the site and
    what went wrong while it loaded."""

    def __init__(self, browser, built_site, site_url, path, width, palette, origin, without=()):
        self.context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=palette,
                                           reduced_motion="reduce")
        self.page = page = self.context.new_page()
        self.outside, self.errors = [], []

        def guard(route):
            url = route.request.url
            local = url.startswith(site_url) if origin == "served" else url.startswith(("file:", "data:", "blob:"))
            if any(part in url for part in without):
                route.abort()
            elif local:
                route.continue_()
            else:
                self.outside.append(url)
                route.abort("blockedbyclient")

        page.route("**/*", guard)
        errors = self.errors
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: message.type == "error" and origin == "served"
                and errors.append(f"console: {message.text}"))
        page.on("requestfailed", lambda request: request.failure != "net::ERR_BLOCKED_BY_CLIENT"
                and errors.append(f"failed request: {request.url} ({request.failure})"))
        page.on("response", lambda response: response.status >= 400 and not response.url.endswith("/404.html")
                and errors.append(f"failed request: {response.url} (HTTP {response.status})"))
        self.requests = Requests(page)
        self.requests.goto(f"{site_url}/{path}" if origin == "served" else (built_site.site_dir / path).as_uri())
        open_details(page)

    def as_a_new_reader(self, palette: str) -> None:
        """Reload the page for a first-time reader whose system prefers `palette` (Material
        remembers the palette it chose in the page's storage)."""
        self.page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        self.page.emulate_media(color_scheme=palette)
        self.requests.reload()
        open_details(self.page)

    def close(self) -> None:
        self.context.close()


def open_details(page) -> None:
    page.evaluate("() => document.querySelectorAll('article details').forEach(d => d.open = true)")


def view_problems(page, built_site, path, width, palette, origin, axe, axe_rules) -> list[str]:
    """What one view shows wrong. `axe_rules`: "all" (WCAG 2.1 AA and Lighthouse's further
    rules), "wcag", "colour" (only the rules a palette can change) or None."""
    problems = []
    scheme = page.get_attribute("body", "data-md-color-scheme")
    expected = {"light": "default", "dark": "slate"}[palette]
    if scheme != expected:
        problems.append(f"the {palette} reader gets the {scheme!r} palette")
    if axe_rules is not None:
        problems += accessibility_problems(page, axe, lighthouse_rules=axe_rules == "all",
                                           only=COLOUR_RULES if axe_rules == "colour" else None)

    def read_svg(src: str) -> str:
        target = (built_site.site_dir / path).parent / src
        return target.resolve().read_text(encoding="utf-8")

    problems += figure_problems(page, read_svg, palette, check_text_size=width >= 1280)
    problems += small_callout_text(page)
    if axe_rules == "all":
        problems += cut_off_blocks(page)
        problems += covered_lines(page)
        problems += unrendered_math(page)
    if TAKE_SCREENSHOTS:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / screenshot_name(path, width, palette, origin)), full_page=True)
    return [f"{path} at {width} px, {palette}, {origin}: {problem}" for problem in problems]


def assert_reads_well(outside: list[str], errors: list[str], problems: list[str]) -> None:
    problems = ([f"request to outside the site: {url}" for url in outside]
                + [e if e.startswith(("console: ", "failed request: ")) else f"script error: {e}" for e in errors]
                + problems)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", PAGES)
def test_page_reads_well_served(path, browser, built_site, site_url, axe):
    """One load, then the same page in the other palette and at phone width, reloaded from the
    browser's cache: 1280 px light gets every check (with nothing outside the site, every
    request answered, no console error, every formula rendered and no raw TeX left); dark, the
    rules a palette can change (contrast) and the figures; 390 px, WCAG 2.1 AA and the figures."""
    view = View(browser, built_site, site_url, path, 1280, "light", "served")
    try:
        problems = view_problems(view.page, built_site, path, 1280, "light", "served", axe, "all")
        view.as_a_new_reader("dark")
        problems += view_problems(view.page, built_site, path, 1280, "dark", "served", axe, "colour")
        view.page.set_viewport_size({"width": 390, "height": 900})
        view.as_a_new_reader("light")
        problems += view_problems(view.page, built_site, path, 390, "light", "served", axe, "wcag")
    finally:
        view.close()
    assert_reads_well(view.outside, view.errors, problems)


def pages_to_open_from_disk(pages: list[str]) -> list[str]:
    """From disk, a page loads by relative path the theme's scripts and styles (the same files
    for every page at one folder depth) and its own figures. So every page that shows a figure
    or is a notebook, and the first page at each folder depth; not the 404 page, which exists
    only where a server answers."""
    chosen, depths = [], set()
    for path in pages:
        if path == "404.html":
            continue
        source = next((DOCS / path).with_suffix(suffix) for suffix in (".md", ".ipynb")
                      if (DOCS / path).with_suffix(suffix).exists())
        shows_figures = source.suffix == ".ipynb" or re.search(r"!\[|<img\b", source.read_text(encoding="utf-8"))
        depth = path.count("/")
        if shows_figures or depth not in depths:
            chosen.append(path)
            depths.add(depth)
    return chosen


@pytest.mark.parametrize("path", pages_to_open_from_disk(PAGES))
def test_page_reads_well_from_disk(path, browser, built_site, site_url):
    """Opened from file:// in dark, so that palette.js and the dark figures load from disk:
    requests, script errors, palette and figures."""
    view = View(browser, built_site, site_url, path, 1280, "dark", "disk")
    try:
        problems = view_problems(view.page, built_site, path, 1280, "dark", "disk", None, None)
    finally:
        view.close()
    assert_reads_well(view.outside, view.errors, problems)


@pytest.mark.parametrize("origin", ["served", "disk"])
def test_typing_outside_search_stays_on_the_page(origin, browser, built_site, site_url):
    """Material moves to the next or previous page on n, p, '.' and ','; with search absent
    (its index blocked here), a reader typing on the page must stay where they are."""
    path = content_pages()[0]
    view = View(browser, built_site, site_url, path, 1280, "light", origin, without=("/search/",))
    page = view.page
    try:
        start = page.url
        page.locator("article p").first.click()
        page.keyboard.type("open the next page, please. press n, then p.", delay=10)
        for key in ("n", "p", ".", ",", "N", "P"):
            page.keyboard.press(key)
        page.wait_for_timeout(500)
        assert page.url == start, f"typing on the page moved the reader to {page.url}"
    finally:
        view.close()
