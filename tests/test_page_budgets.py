"""Every page costs no more to load than its budget allows against a bare Material page with
the same text, built in the same run (harness/budgets.py): elements, compressed bytes of each
kind, render-blocking requests. These do not move with the load on the machine (style
recalculations and layouts on load are measured and reported, not gated: they move with timing); Lighthouse's score, which does, is reported by
tests/benchmark_pages.py, and the budgets are set where it puts every page at 0.9 or more and
within 0.05 of the bare page. Each page's measurements go to .harness/browser/page-costs.json."""

import json
from pathlib import Path

import pytest

from harness.browser import article_texts, build_bare_material_site, content_pages, serve_directory
from harness.budgets import BUDGETS, REPORTED_ONLY, PageCost, measure_all, over_budget
from harness.once import once_per_run
from harness.paths import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = content_pages()
REPORT = REPO / ".harness" / "browser" / "page-costs.json"


@pytest.fixture(scope="module")
def bare_site(request, built_site, browser, tmp_path_factory) -> str:
    """Every page's article text in a plain Material site, built once per run (under
    pytest-xdist, by the first worker that needs it; the others read where it is)."""
    assert built_site.returncode == 0, built_site.log

    def build() -> str:
        with serve_directory(built_site.site_dir, compress=True) as site_url:
            context = browser.new_context()
            try:
                texts = article_texts(context.new_page(), site_url, PAGES)
            finally:
                context.close()
        return str(build_bare_material_site(tmp_path_factory.mktemp("bare"), texts))

    return once_per_run(getattr(request.config, "workerinput", {}).get("harness_share_dir"), "bare-site", build)


@pytest.fixture(scope="module")
def servers(built_site, bare_site):
    """The built site and its bare twin, served compressed as GitHub Pages serves them."""
    with serve_directory(built_site.site_dir, compress=True) as site_url, \
            serve_directory(Path(bare_site), compress=True) as bare_url:
        yield site_url, bare_url


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_within_its_budgets(path, browser, servers):
    """Each page and its bare twin, loaded once; what they cost goes to page-costs.json."""
    site_url, bare_url = servers
    ours, bare = measure_all(browser, [f"{site_url}/{path}", f"{bare_url}/{path}"])
    record_costs(path, ours, bare)
    problems = over_budget(path, ours, bare)
    assert not problems, "\n".join(problems)


def record_costs(path: str, ours, bare) -> None:
    """Add one page's costs to the report, under a lock (pytest-xdist's workers write it too)."""
    import fcntl

    REPORT.parent.mkdir(parents=True, exist_ok=True)
    with open(REPORT.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            report = json.loads(REPORT.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            report = {}
        report = {p: row for p, row in report.items() if p in PAGES}
        report[path] = {"site": ours.as_row(), "bare_material": bare.as_row()}
        REPORT.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def test_a_page_over_budget_is_named_with_its_metric():
    bare = PageCost(elements=800, bytes={"document": 20_000, "stylesheet": 20_000, "script": 40_000},
                    blocking=("main.css",), style_recalculations=8, layouts=6)
    heavy = PageCost(elements=5_000, bytes={"document": 20_000, "stylesheet": 20_000, "script": 40_000},
                     blocking=("main.css", "extra.css", "a.js", "b.js", "c.js", "d.js"),
                     style_recalculations=8, layouts=6 + 17)
    problems = over_budget("chapter/page.html", heavy, bare)
    assert [p.split(":")[1].split()[0] for p in problems] == ["elements", "render_blocking"], problems
    assert all(p.startswith("chapter/page.html: ") for p in problems)
    assert "d.js" in problems[1]
    assert not over_budget("chapter/page.html", bare, bare)
    gated = {b.metric for b in BUDGETS}
    assert gated >= {"elements", "render_blocking", "bytes.script"} and not gated & set(REPORTED_ONLY)
