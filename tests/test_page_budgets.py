"""Page budgets (harness/budgets.py): what a page's load costs, held against a bare Material
page with the same text built in the same run. test_reading.py measures each page during its
first served view and gates it there; this module proves the gate names what it finds."""

from harness.budgets import BUDGETS, REPORTED_ONLY, PageCost, over_budget


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
