"""What the suite guards, proved item by item.

The index lists every item a reader is shown that a check claims to guard: each number and
one word of each line of every recorded output, a line added to and removed from each output,
each number in the prose of every page, each label of every generated figure. Each item
knows its file and line and the check that reads it.

The proof plants, for each item, a change a reader would care about (a number made larger
by more than any declared tolerance, a word reversed, a line added or removed, a label
edited) into the text the check reads, and hands it to that check with this run's results:
a fragment's fresh output comes from the runner's memory of this run, a figure is redrawn
from facts already read; nothing runs again. An item is caught when the check fails and its
message names the item's file and line; otherwise it survives.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from .paths import rel
from .report import figure_drift, unified

OUTPUT_NUMBER = re.compile(r"(?<![\w.])\d(?:[\d,]*\d)?(?:\.\d+)?(?![\w])")  # "1,000," is 1,000
WORD = re.compile(r"\b[A-Za-z]{4,}\b")
LABEL = re.compile(r">([^<>]*\w[^<>]*)</text>")
HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? ", re.MULTILINE)

# Number words and a different one of the same length, so the prose keeps its offsets.
OTHER_WORD = {"two": "six", "three": "seven", "four": "five", "five": "nine", "six": "two", "seven": "three",
              "eight": "three", "nine": "five", "ten": "six", "eleven": "twelve", "twelve": "eleven",
              "thirteen": "fourteen", "fourteen": "thirteen", "fifteen": "sixteen", "sixteen": "fifteen",
              "seventeen": "nineteen", "nineteen": "seventeen", "twenty": "eleven", "thirty": "twenty",
              "half": "four", "million": "billion", "billion": "million", "hundred": "million",
              "thousand": "thirteen", "twice": "three", "dozen": "seven"}


@dataclass(frozen=True)
class Item:
    kind: str  # output number, output word, output line added, output line removed, prose number, figure label
    file: str  # repository-relative
    line: int
    text: str
    page: str  # where a reader meets it
    check: str  # the test that guards it


@dataclass(frozen=True)
class Verdict:
    item: Item
    failed: bool  # the check failed on the changed item
    names_place: bool  # and its message names the item's file and line
    message: str

    @property
    def caught(self) -> bool:
        return self.failed and self.names_place


def larger_number(token: str) -> str:
    """A number a reader would not mistake for the original: one more than twice it, written
    with as many decimals."""
    plain = token.replace(",", "")
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    value = float(plain) * 2 + 1
    return f"{value:,.{decimals}f}" if "," in token else f"{value:.{decimals}f}"


def lines_in_diff(diff: str) -> set[int]:
    """Line numbers of the recorded side that a unified diff's hunks cover."""
    covered = set()
    for match in HUNK.finditer(diff):
        start, count = int(match.group(1)), int(match.group(2) or 1)
        covered.update(range(max(start, 1), start + max(count, 1)))
    return covered


# Recorded outputs -----------------------------------------------------------------------

def text_items(text: str, place: str, page: str, check: str) -> list[Item]:
    """The items of one printed text: each number and the first long word of each line, a
    line added after the last and the last removed."""
    items = []
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        items += [Item("output number", place, number, m.group(), page, check) for m in OUTPUT_NUMBER.finditer(line)]
        word = WORD.search(line)
        if word:
            items.append(Item("output word", place, number, word.group(), page, check))
    if lines:
        items.append(Item("output line added", place, len(lines) + 1, "", page, check))
        items.append(Item("output line removed", place, len(lines), lines[-1], page, check))
    return items


def names_the_line(message: str, item: Item) -> bool:
    """Whether a failure's diff names the item's line; a removed line is named by the hunk
    that shows it missing from the recorded side."""
    return (item.line in lines_in_diff(message)
            or (item.kind == "output line removed" and f"\n+{item.text}\n" in message))


def output_items(snippet, pages: list[str]) -> list[Item]:
    path = rel(snippet.out_path)
    return text_items(snippet.recorded_output() or "", path, pages[0] if pages else "(no page)",
                      f"{rel(snippet.path)} (fresh run against {path})")


def changed_output(recorded: str, item: Item) -> str:
    lines = recorded.splitlines(keepends=True)
    if item.kind == "output line added":
        return recorded + ("" if recorded.endswith("\n") else "\n") + "one more line\n"
    if item.kind == "output line removed":
        return "".join(lines[:-1])
    line = lines[item.line - 1]
    if item.kind == "output number":
        spans = [m for m in OUTPUT_NUMBER.finditer(line) if m.group() == item.text]
        match = spans[0]
        line = line[:match.start()] + larger_number(item.text) + line[match.end():]
    else:
        line = line.replace(item.text, item.text[::-1] if item.text[::-1] != item.text else item.text + "s", 1)
    lines[item.line - 1] = line
    return "".join(lines)


def prove_output(snippet, fresh: str, items: list[Item]) -> list[Verdict]:
    """Each item changed in the recorded output, compared with this run's fresh output the way
    the snippet's own check compares them (within its declared tolerance)."""
    from .checks import Findings, tolerance_of, within_tolerance

    recorded = snippet.recorded_output() or ""
    tolerance = tolerance_of(snippet.code, rel(snippet.path), Findings())
    verdicts = []
    for item in items:
        changed = changed_output(recorded, item)
        agrees, beyond = within_tolerance(changed, fresh, tolerance, rel(snippet.path), Findings())
        message = "" if agrees else beyond + unified(changed, fresh, f"{item.file} (recorded)",
                                                    f"{rel(snippet.path)} (fresh run)")
        names = (not agrees) and item.file in message and names_the_line(message, item)
        verdicts.append(Verdict(item, not agrees, names, message))
    return verdicts


# Notebook outputs -----------------------------------------------------------------------

def cell_place(path: Path, cell) -> str:
    """How tests/test_notebooks.py names a cell in its messages (harness.notebooks.compare_cells)."""
    return f"{rel(path)} cell {cell.cell}"


def notebook_items(path: Path, recorded: list, page: str) -> list[Item]:
    """The items of each code cell's text output."""
    return [item for cell in recorded
            for item in text_items(cell.text, cell_place(path, cell), page, "tests/test_notebooks.py")]


def prove_notebook(path: Path, recorded: list, fresh: list, items: list[Item]) -> list[Verdict]:
    """Each item changed in the recorded cell, compared with this run's execution by
    tests/test_notebooks.py's own comparison (within the tolerance a cell declares)."""
    from dataclasses import replace

    from .notebooks import compare_cells

    verdicts = []
    for item in items:
        changed = [replace(cell, text=changed_output(cell.text, item)) if cell_place(path, cell) == item.file
                   else cell for cell in recorded]
        problems, _ = compare_cells(path, changed, fresh)
        message = "\n".join(problems)
        names = bool(problems) and f"{item.file} (recorded)" in message and names_the_line(message, item)
        verdicts.append(Verdict(item, bool(problems), names, message))
    return verdicts


# Prose numbers --------------------------------------------------------------------------

def changed_prose(text, start: int, end: int):
    """The page's prose with the number at start:end replaced by another of the same length."""
    from .prose import Prose

    token = text.text[start:end]
    if token[0].isdigit():  # the leading digit one up (a 9 one down), never a leading 0
        new = ("8" if token[0] == "9" else str(int(token[0]) + 1)) + token[1:]
    else:
        lower = token.lower().rstrip("s")
        new = OTHER_WORD.get(lower, "zero")[:len(token)].ljust(len(token), "s")
        if token[0].isupper():
            new = new.capitalize()
    mutated = text.text[:start] + new + text.text[end:]
    return Prose(text.page, mutated, text.origins, text.paragraph_starts)


def prove_prose(text, page: str, computed: list, sourced: list, known: dict, claims_file: str) -> list[Verdict]:
    """Each number changed on the page and read by the checks of tests/test_claims.py: the rows
    whose brackets or words hold it, and the check that every number has a row (for the
    numbers those rows covered)."""
    from .claims import computed_problems, sourced_problems
    from .prose import locate

    rows = computed + sourced
    spans = {row: locate(text, row[1]) for row in rows}
    verdicts = []
    for start, end, token in text.numbers():
        item = Item("prose number", f"docs/{page}", int(text.line_of(start).split()[-1]), token, page,
                    "tests/test_claims.py")
        changed = changed_prose(text, start, end)
        # The rows whose brackets hold the number or whose words around them may.
        touched = [row for row in rows if any(a - len(row[1]) <= start and end <= b + len(row[1])
                                              for a, b in spans[row])]
        messages = []
        for row in touched:
            if not locate(changed, row[1]):
                messages.append(f"docs/{page}: the sentence around \"{row[1]}\" is no longer on the page")
            elif row in computed:
                messages += computed_problems(changed, page, row[1], row[2], row[3], known)
            else:
                messages += sourced_problems(changed, page, *row[1:5], claims_file)
        # What those rows covered and cover no more: numbers left without a row.
        before = {span for row in touched for span in spans[row]}
        after = [span for row in touched for span in locate(changed, row[1])]
        numbers = [(s, t) for s, e, t in changed.numbers() if any(a <= s and e <= b for a, b in before)] \
            if before else []
        messages += [f"docs/{page}, {changed.line_of(s)}: {t!r} matches no row" for s, t in numbers
                     if not any(x <= s and s < y for x, y in after)]
        if not before:  # a number no row covered: the coverage check names it as it is
            messages.append(f"docs/{page}, {text.line_of(start)}: {token!r} matches no row")
        message = "\n".join(messages)
        # A bracket that wraps is named by the line it starts on.
        places = {f"docs/{page}, {text.line_of(at)}" for at in
                  [start] + [a for row in touched for a, b in spans[row] if a <= start < b]}
        verdicts.append(Verdict(item, bool(messages), any(place in message for place in places), message))
    return verdicts


# Figure labels --------------------------------------------------------------------------

def figure_items(path: Path, committed: str, page: str) -> list[Item]:
    items = []
    for number, line in enumerate(committed.splitlines(), start=1):
        items += [Item("figure label", rel(path), number, m.group(1), page, "tests/test_figures.py")
                  for m in LABEL.finditer(line)]
    return items


def changed_label(label: str) -> str:
    digit = re.search(r"\d", label)
    if digit:
        return label[:digit.start()] + str((int(digit.group()) + 1) % 10) + label[digit.end():]
    return label[::-1] if label[::-1] != label else label + "s"


def prove_figure(path: Path, committed: str, fresh: str, items: list[Item]) -> list[Verdict]:
    """Each label edited in the committed figure, compared with the figure drawn from this
    run's facts by tests/test_figures.py's own comparison (harness.report.figure_drift)."""
    verdicts = []
    lines = committed.splitlines(keepends=True)
    for item in items:
        changed_lines = list(lines)
        changed_lines[item.line - 1] = changed_lines[item.line - 1].replace(
            f">{item.text}</text>", f">{changed_label(item.text)}</text>", 1)
        message = figure_drift(path, "".join(changed_lines), fresh) or ""
        names = bool(message) and item.file in message and item.line in lines_in_diff(message)
        verdicts.append(Verdict(item, bool(message), names, message))
    return verdicts


# Report ---------------------------------------------------------------------------------

def report(verdicts: list[Verdict], seconds: float | None = None) -> str:
    """A table per page: items, caught, missed, and the checks that caught them; then every
    survivor with what happened to it. `seconds`: the time spent planting changes and running
    the checks on them, the run's own executions of fragments and notebooks left out."""
    pages = sorted({v.item.page for v in verdicts})
    out = ["# Guarded items", "", "| page | kind | items | caught | missed | caught by |", "|---|---|---:|---:|---:|---|"]
    for page in pages:
        for kind in sorted({v.item.kind for v in verdicts if v.item.page == page}):
            group = [v for v in verdicts if v.item.page == page and v.item.kind == kind]
            caught = [v for v in group if v.caught]
            names = sorted({v.item.check for v in caught})
            checks = ", ".join(names) if len(names) <= 2 else f"{len(names)} checks: {names[0]}, ..."
            out.append(f"| {page} | {kind} | {len(group)} | {len(caught)} | {len(group) - len(caught)} | {checks} |")
    survivors = [v for v in verdicts if not v.caught]
    out += ["", f"{len(verdicts)} items, {len(verdicts) - len(survivors)} caught, {len(survivors)} survived."]
    if seconds is not None:
        out.append(f"Proof time: {seconds:.1f} s planting changes and running the checks on them "
                   "(this run's executions of fragments and notebooks not counted).")
    for v in survivors:
        why = "no check failed" if not v.failed else "the failure does not name its file and line"
        out.append(f"- SURVIVED {v.item.kind} {v.item.text!r} at {v.item.file}:{v.item.line} ({v.item.check}): {why}")
    return "\n".join(out) + "\n"
