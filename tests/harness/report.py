"""Failure messages that say where a drift is and what changed."""

import difflib
from dataclasses import dataclass


@dataclass
class Drift:
    where: str  # the file that disagrees: a .out or a page
    snippet: str
    pages: list[str]
    diff: str


def unified(expected: str, actual: str, expected_name: str, actual_name: str) -> str:
    lines = difflib.unified_diff(
        expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        fromfile=expected_name,
        tofile=actual_name,
    )
    text = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
    return text or "(outputs differ only in invisible characters)\n"


def shown_on(pages: list[str]) -> str:
    return ", ".join(pages) if pages else "no page (every snippet must be shown on a page)"
