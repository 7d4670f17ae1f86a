"""Failure messages that say where a drift is and what changed."""

import difflib
from dataclasses import dataclass


@dataclass
class Drift:
    where: str  # the file that disagrees: a .out or a page
    snippet: str
    pages: list[str]
    diff: str


def with_invisibles_marked(line: str) -> str:
    """A line with what the eye cannot see made visible: a carriage return as ␍, trailing
    spaces as ·, trailing tabs as →, bytes that are not UTF-8 as \\xNN."""
    end = "\n" if line.endswith("\n") else ""
    body = line[:-1] if end else line
    body = body.replace("\r", "␍")
    stripped = body.rstrip(" \t")
    body = stripped + body[len(stripped):].replace(" ", "·").replace("\t", "→")
    body = "".join(f"\\x{ord(c) - 0xDC00:02x}" if 0xDC80 <= ord(c) <= 0xDCFF else c for c in body)
    return body + end


def lines_of(text: str) -> list[str]:
    """Lines split at "\n" only, each with its end: a carriage return stays part of its line."""
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def unified(expected: str, actual: str, expected_name: str, actual_name: str) -> str:
    lines = difflib.unified_diff(
        [with_invisibles_marked(line) for line in lines_of(expected)],
        [with_invisibles_marked(line) for line in lines_of(actual)],
        fromfile=expected_name,
        tofile=actual_name,
    )
    text = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
    return text or "(outputs differ only in invisible characters)\n"


def describe_pages(pages: list[str]) -> str:
    return ", ".join(pages) if pages else "no page (every snippet must be shown on a page)"


def write_drift_report(path, drifts: list, failures: list) -> None:
    """A Markdown report of a run: the installed versions, then every drifted output with the
    versions it was recorded with and its diff, then every other failure."""
    from pathlib import Path

    from snippet_contract import Snippet, describe_versions
    from .paths import REPO
    from snippet_contract import current_versions

    lines = ["# Drift report", "", f"Installed: {describe_versions(current_versions())}", ""]
    if not drifts and not failures:
        lines += ["Nothing drifted: every output is as recorded.", ""]
    for drift in drifts:
        snippet_path = REPO / drift.snippet.split(" ")[0]
        recorded = Snippet(snippet_path).recorded_with() if snippet_path.suffix == ".py" and snippet_path.exists() else {}
        lines += [f"## {drift.where}", "", f"- snippet: {drift.snippet}",
                  f"- shown on: {', '.join(drift.pages) or 'no page'}",
                  f"- recorded with: {describe_versions(recorded)}", "", "```diff", drift.diff.rstrip("\n"), "```", ""]
    drifted = {d.where for d in drifts}
    others = [(nodeid, text) for nodeid, text in failures if not any(w in text for w in drifted)]
    if others:
        lines += ["## Other failures", ""]
        for nodeid, text in others:
            lines += [f"### {nodeid}", "", "```text", text.rstrip("\n")[-4000:], "```", ""]
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text("\n".join(lines), encoding="utf-8")


def figure_drift(path, committed: str, fresh: str) -> str | None:
    """Why a committed generated figure is not what its code draws now, or None."""
    from .paths import rel

    if fresh == committed:
        return None
    return (f"{rel(path)} no longer matches the model it is drawn from\n"
            + unified(committed, fresh, f"{rel(path)} (committed)", f"{rel(path)} (regenerated)")
            + "If the change is intended, regenerate with: pytest --update-outputs")
