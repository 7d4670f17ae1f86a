"""Lighthouse scores of every page next to a bare Material page with the same text, both served
locally with compression as GitHub Pages serves them, measured in the same run, beside the
deterministic costs that tests/test_reading.py gates on (harness/budgets.py).

    python tests/benchmark_pages.py [--runs 3] [--report lighthouse-report.md]

Builds the site (mkdocs build --strict) and the bare twin of each page into a temporary
folder, and prints, per page, the median performance score of each, its main metrics, and
whether the page is within its budgets; then whether every page scores at least 0.9 and
within 0.05 of its bare twin. Lighthouse's score moves with the load on the machine, so this
is a report, not a gate. Needs Lighthouse (`npm ci --prefix tests/lighthouse`) and Chromium."""

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness.browser import (  # noqa: E402
    CHROMIUM_ARGS, article_texts, build_bare_material_site, find_chromium, content_pages, serve_directory,
)
from harness.lighthouse import audit, find_lighthouse  # noqa: E402
from harness.site import build_site  # noqa: E402


def read_article_texts(site_dir: Path, pages: list[str], chromium: str) -> dict[str, str]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, serve_directory(site_dir) as url:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            return article_texts(browser.new_page(), url, pages)
        finally:
            browser.close()


def measure(site_dir: Path, bare_dir: Path, pages: list[str], runs: int, lighthouse: str, chromium: str):
    from playwright.sync_api import sync_playwright

    from harness.budgets import measure_all, over_budget

    rows = {}
    with serve_directory(site_dir, compress=True) as ours, serve_directory(bare_dir, compress=True) as bare, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for path in pages:
                audits = {"site": [], "bare": []}
                for _ in range(runs):  # alternate, so both see the same machine load
                    audits["site"].append(audit(f"{ours}/{path}", lighthouse, chromium))
                    audits["bare"].append(audit(f"{bare}/{path}", lighthouse, chromium))
                site_cost, bare_cost = measure_all(browser, [f"{ours}/{path}", f"{bare}/{path}"])
                audits["costs"] = (site_cost, bare_cost)
                audits["over_budget"] = over_budget(path, site_cost, bare_cost)
                rows[path] = audits
        finally:
            browser.close()
    return rows


def median_score(audits) -> float:
    return statistics.median(a.performance for a in audits)


MIN_SCORE, MAX_GAP = 0.9, 0.05


def report(rows: dict) -> str:
    lines = [f"{'page':<42}{'site':>6}{'bare':>6}{'gap':>7}{'a11y':>6}{'TBT ms':>8}{'LCP ms':>8}{'DOM':>7}"
             f"{'recalc':>8}{'layout':>8}{'budgets':>9}"]
    held = []
    for path, audits in rows.items():
        site, bare = median_score(audits["site"]), median_score(audits["bare"])
        last = sorted(audits["site"], key=lambda a: a.performance)[len(audits["site"]) // 2]
        cost, bare_cost = audits["costs"]
        lines.append(f"{path:<42}{site:>6.2f}{bare:>6.2f}{site - bare:>+7.2f}{last.accessibility:>6.2f}"
                     f"{last.metrics['total-blocking-time']:>8.0f}{last.metrics['largest-contentful-paint']:>8.0f}"
                     f"{last.dom_elements:>7}"
                     f"{f'{cost.style_recalculations}/{bare_cost.style_recalculations}':>8}"
                     f"{f'{cost.layouts}/{bare_cost.layouts}':>8}"
                     f"{'within' if not audits['over_budget'] else 'OVER':>9}")
        held.append(site >= MIN_SCORE and site >= bare - MAX_GAP)
    lines += [line for audits in rows.values() for line in audits["over_budget"]]
    lines.append(f"every page at least {MIN_SCORE} and within {MAX_GAP} of its bare page: "
                 f"{'yes' if all(held) else 'no'}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median reported)")
    parser.add_argument("--report", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    lighthouse, chromium = find_lighthouse(), find_chromium()
    if not lighthouse or not chromium:
        print("needs Lighthouse (npm ci --prefix tests/lighthouse) and Chromium", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        built = build_site(Path(scratch) / "site")
        if built.returncode != 0:
            print(built.log, file=sys.stderr)
            return 1
        pages = content_pages()
        bare = build_bare_material_site(Path(scratch), read_article_texts(built.site_dir, pages, chromium))
        table = report(measure(built.site_dir, bare, pages, args.runs, lighthouse, chromium))
        print(table)
        if args.report:
            args.report.write_text(f"```\n{table}\n```\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
