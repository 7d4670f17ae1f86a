"""What decides how fast a page loads, measured so that it does not vary between runs, and
held against a bare Material page with the same text built in the same run.

Lighthouse's performance score moves with the load on the machine (single runs of one page
spread over 0.08 on a busy two-core machine), so no gate rests on it: tests/benchmark_pages.py
reports it. The gate rests on what the score is made of and what does not move: the
elements a page has, the compressed bytes of each kind it loads, the requests that block its
first paint, and the style recalculations and layouts Chromium performs while it loads.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from .browser import Requests

# Resource Timing gives every request's compressed size and, in Chromium, whether it blocked
# rendering; the kinds are told apart by file name, as a reader's browser fetches them.
MEASURE = """() => {
  const entries = performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'));
  const kind = entry => {
    if (entry.entryType === 'navigation') return 'document';
    const path = entry.name.split(/[?#]/)[0];
    if (path.endsWith('.js')) return 'script';
    if (path.endsWith('.css')) return 'stylesheet';
    if (/\\.(svg|png|jpe?g|gif|webp|ico)$/.test(path)) return 'image';
    if (/\\.(woff2?|ttf|otf)$/.test(path)) return 'font';
    return 'other';
  };
  const bytes = {document: 0, script: 0, stylesheet: 0, image: 0, font: 0, other: 0};
  const blocking = [];
  for (const entry of entries) {
    bytes[kind(entry)] += entry.encodedBodySize || 0;
    if (entry.renderBlockingStatus === 'blocking') blocking.push(entry.name.split('/').pop());
  }
  return {elements: document.getElementsByTagName('*').length, bytes, blocking};
}"""


@dataclass(frozen=True)
class PageCost:
    elements: int
    bytes: dict  # kind -> compressed bytes
    blocking: tuple  # file names of the render-blocking requests
    style_recalculations: int
    layouts: int

    def as_row(self) -> dict:
        return {"elements": self.elements, "bytes": self.bytes, "render_blocking": list(self.blocking),
                "style_recalculations": self.style_recalculations, "layouts": self.layouts}


# Material requests its search worker and the search index from script, after the load; the
# measurement waits until both were requested and answered (Requests.settle) and their
# Resource Timing entries recorded, or the page's script and other bytes come out short.
SEARCH_LOADED = """() => {
  const config = document.getElementById('__config');
  const worker = config && JSON.parse(config.textContent).search;
  if (!worker) return true;
  const names = performance.getEntriesByType('resource').map(entry => entry.name);
  return names.some(name => name.endsWith(worker.split('/').pop()))
      && names.some(name => name.includes('search_index'));
}"""


def start_measuring(context, page):
    """Before the load: a DevTools session counting the style recalculations and layouts."""
    session = context.new_cdp_session(page)
    session.send("Performance.enable")
    return session


def cost_of_loaded_page(page, session) -> PageCost:
    """What the page's load cost, once Material's search worker and index have loaded. The
    page must have loaded in a fresh context (a cached resource counts no bytes)."""
    page.wait_for_function(SEARCH_LOADED, timeout=60_000)
    metrics = {m["name"]: m["value"] for m in session.send("Performance.getMetrics")["metrics"]}
    found = page.evaluate(MEASURE)
    return PageCost(elements=found["elements"], bytes=found["bytes"], blocking=tuple(sorted(found["blocking"])),
                    style_recalculations=int(metrics["RecalcStyleCount"]), layouts=int(metrics["LayoutCount"]))


def measure_all(browser, urls: list[str]) -> list[PageCost]:
    """What each page's load cost, each loaded alone in a fresh context at desktop width."""
    costs = []
    for url in urls:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            session = start_measuring(context, page)
            Requests(page).goto(url)
            costs.append(cost_of_loaded_page(page, session))
        finally:
            context.close()
    return costs


def record_costs(report: Path, path: str, ours: PageCost, bare: PageCost, pages: list[str]) -> None:
    """Add one page's costs to the report (pages no longer on the site drop out), under a lock:
    pytest-xdist's workers write it too."""
    import fcntl

    report.parent.mkdir(parents=True, exist_ok=True)
    with open(report.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            rows = json.loads(report.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            rows = {}
        rows = {p: row for p, row in rows.items() if p in pages}
        rows[path] = {"site": ours.as_row(), "bare_material": bare.as_row()}
        report.write_text(json.dumps(rows, indent=2, sort_keys=True) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Budget:
    """A page may cost at most `ratio` times the bare page's cost plus `extra`."""

    metric: str
    ratio: float
    extra: int
    why: str

    def allowed(self, bare: int) -> int:
        return int(self.ratio * bare + self.extra)


# Set from the pages as they are, which Lighthouse scores at 0.9 or more and within 0.05 of
# the bare page (tests/benchmark_pages.py prints both side by side), with room for a new
# section page but not for the regressions that once cost the score: a span per token
# (elements doubled), Material's script laying the page out once per code block (a layout per
# block), its palette component restyling every element on load (four extra recalculations),
# a stylesheet or script in the head.
BUDGETS = (
    Budget("elements", 3.0, 150, "every element costs style and layout work on load"),
    Budget("bytes.document", 3.5, 4_000, "the page's own HTML, compressed"),
    Budget("bytes.stylesheet", 1.0, 8_000, "site.css and notebook.css beside Material's"),
    Budget("bytes.script", 1.0, 8_000, "palette.js, page-keys.js, code-copy.js beside Material's"),
    Budget("bytes.image", 1.0, 64_000, "figures loaded with the page (all but the first are lazy)"),
    Budget("bytes.font", 1.0, 0, "no web fonts: the site uses the reader's system fonts"),
    Budget("bytes.other", 1.0, 16_000, "the search index and what else loads with the page"),
    Budget("render_blocking", 1.0, 4, "the extra stylesheets and the palette script in the head"),
)

# Measured and reported (page-costs.json, the benchmark), never gated: Chrome batches style
# and layout work per frame, so the counts move with timing (the section page measured
# 11 and 14 style recalculations in two runs on the same files).
REPORTED_ONLY = ("style_recalculations", "layouts")


def value(cost: PageCost, metric: str) -> int:
    if metric.startswith("bytes."):
        return cost.bytes.get(metric.split(".", 1)[1], 0)
    if metric == "render_blocking":
        return len(cost.blocking)
    return getattr(cost, metric)


def over_budget(page: str, ours: PageCost, bare: PageCost) -> list[str]:
    """One line per budget the page exceeds, naming page, metric, both values and the limit."""
    problems = []
    for budget in BUDGETS:
        mine, theirs = value(ours, budget.metric), value(bare, budget.metric)
        limit = budget.allowed(theirs)
        if mine > limit:
            detail = f" ({', '.join(ours.blocking)})" if budget.metric == "render_blocking" else ""
            problems.append(f"{page}: {budget.metric} {mine:,}{detail}, over its budget of {limit:,} "
                            f"({budget.ratio:g} x the bare Material page's {theirs:,} + {budget.extra:,}; "
                            f"{budget.why})")
    return problems
