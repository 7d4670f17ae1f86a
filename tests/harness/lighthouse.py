"""Lighthouse (pinned in tests/lighthouse/package.json, installed with `npm ci --prefix
tests/lighthouse`) against pages served the way GitHub Pages serves them: gzip-compressed,
from 127.0.0.1, in the system's Chromium. Lighthouse's defaults: a mid-range phone on a
throttled connection, simulated."""

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .browser import CHROMIUM_ARGS
from .paths import REPO

LIGHTHOUSE_DIR = REPO / "tests" / "lighthouse"
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
           "cumulative-layout-shift", "speed-index")


@dataclass(frozen=True)
class Audit:
    url: str
    performance: float
    accessibility: float
    metrics: dict  # audit id -> numeric value (ms, or unitless for layout shift)
    dom_elements: int
    accessibility_failures: tuple[str, ...]  # "audit-id: title (first element)"


def _failed_audits(report: dict, category: str) -> tuple[str, ...]:
    failed = []
    for ref in report["categories"][category]["auditRefs"]:
        found = report["audits"][ref["id"]]
        if ref.get("weight", 0) > 0 and found.get("score") is not None and found["score"] < 1:
            items = found.get("details", {}).get("items", [])
            element = items[0].get("node", {}).get("snippet", "") if items else ""
            failed.append(f"{ref['id']}: {found['title']} ({element[:120]})")
    return tuple(failed)


def find_lighthouse() -> str | None:
    installed = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    for candidate in (os.environ.get("LIGHTHOUSE"), str(installed)):
        if candidate and (Path(candidate).exists() or shutil.which(candidate)):
            return candidate
    return None


def audit(url: str, lighthouse: str, chromium: str) -> Audit:
    completed = subprocess.run(
        [lighthouse, url, "--quiet", "--output=json", "--only-categories=performance,accessibility",
         f"--chrome-path={chromium}", "--chrome-flags=--headless=new " + " ".join(CHROMIUM_ARGS)],
        capture_output=True, text=True, timeout=300,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}:\n{completed.stderr[-2000:]}")
    report = json.loads(completed.stdout)
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse could not load {url}: {report['runtimeError']}")
    audits = report["audits"]
    return Audit(
        url=url,
        performance=report["categories"]["performance"]["score"],
        accessibility=report["categories"]["accessibility"]["score"],
        metrics={name: audits[name]["numericValue"] for name in METRICS},
        dom_elements=int(audits["dom-size"]["numericValue"]),
        accessibility_failures=_failed_audits(report, "accessibility"),
    )
