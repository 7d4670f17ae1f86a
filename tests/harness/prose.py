"""The prose of a page, and the numbers it states.

Prose is what a reader reads as sentences: Markdown outside front matter, fenced code,
snippet includes, HTML comments and the References list; for a notebook, its Markdown
cells. It is flattened to one line of text (so that a phrase may wrap) that remembers, for
every character, the line of the file it came from.

A number is a run of digits (with thousands commas, decimals, or an `x` between sizes such
as 5x5x16) or a number word ("six", "sixty", "million", "half"). Numbers that are part of a
name or a reference are recognised by their form and never need a claim: section, figure,
table, equation, exercise, chapter and fragment numbers; heading and list numbering;
version strings; arXiv ids and DOIs; model names such as LeNet-5 or ResNet-50; citations
that link to the References list; inline code, HTML tags, link targets and attribute lists.
"""

import bisect
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

NUMBER_WORDS = (
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million billion dozen half twice"
).split()
_DIGITS = r"\d+(?:[,.]\d+)*"
NUMBER = re.compile(
    rf"(?<![A-Za-z0-9_]){_DIGITS}(?:x{_DIGITS})*(?![A-Za-z0-9_])"
    rf"|\b(?:{'|'.join(NUMBER_WORDS)})s?\b",
    re.IGNORECASE,
)

# Spans whose digits are names or references, not stated quantities.
NOT_A_QUANTITY = [re.compile(p) for p in (
    r"\b(?:[Ss]ections?|[Ss]ubsections?|[Ff]igures?|[Tt]ables?|[Ee]quations?|[Ee]xercises?"
    r"|[Cc]hapters?|[Pp]art|[Cc]ode [Ff]ragments?|[Ff]ragments?)\s+\d+(?:\.\d+)*",
    r"\b(?:[Ss]ections|[Ff]igures|[Tt]ables|[Cc]hapters)\s+\d+(?:\.\d+)*\s+and\s+\d+(?:\.\d+)*",
    r"\b\d+\.\d+\.\d+(?:\.\d+)*\b",  # version strings and three-part section numbers
    r"\b(?:Python|torch|torchvision|PyTorch|MkDocs|version|v)\s?\d+(?:\.\d+)+",
    r"\barXiv:\S+", r"\bdoi:\S+",
    r"\[[^\]]*\]\(#ref-[^)]*\)",  # a citation: its year is the reference's, not a claim
    r"`[^`]*`",  # inline code
    r"<[^>]*>",  # HTML tags and their attributes
    r"\]\([^)]*\)",  # link targets
    r"\{\s*(?:width|\.|#)[^}]*\}",  # attribute lists
    r"[A-Za-z]-\d+\w*",  # names with a number: LeNet-5, ResNet-50, CIFAR-10, top-5
)]
LINE_START = [re.compile(p) for p in (
    r"^#+\s+\d+(?:\.\d+)*\.?",  # numbered headings
    r"^\s*\d+\.\s",  # ordered-list markers
)]


@dataclass(frozen=True)
class Prose:
    """A page's prose, flattened, with where each character came from."""

    page: str
    text: str
    origins: tuple  # (offset where a source line starts in text, its label), ascending
    paragraph_starts: frozenset = frozenset()  # offsets where a paragraph or a cell begins

    def line_of(self, offset: int) -> str:
        label = self.origins[0][1]
        for start, where in self.origins:
            if start > offset:
                break
            label = where
        return label

    def excluded(self) -> list[tuple[int, int]]:
        spans = [m.span() for pattern in NOT_A_QUANTITY for m in pattern.finditer(self.text)]
        return spans + list(self._line_start_spans)

    @property
    def _line_start_spans(self):
        for index, (start, _) in enumerate(self.origins):
            end = self.origins[index + 1][0] if index + 1 < len(self.origins) else len(self.text)
            line = self.text[start:end]
            for pattern in LINE_START:
                match = pattern.match(line)
                if match:
                    yield start + match.start(), start + match.end()

    def numbers(self) -> list[tuple[int, int, str]]:
        """(start, end, text) of every number in the prose that states a quantity."""
        excluded = self.excluded()
        found = []
        for match in NUMBER.finditer(self.text):
            start, end = match.span()
            if any(a <= start and end <= b for a, b in excluded):
                continue
            found.append((start, end, match.group()))
        return found


def _markdown_lines(text: str):
    """(line number, line) of the prose lines of a Markdown text."""
    lines = text.splitlines()
    index = 0
    if lines and lines[0].strip() == "---":  # front matter
        index = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0) + 1
    fence, comment, references = None, False, False
    for number, line in enumerate(lines[index:], index + 1):
        stripped = line.strip()
        heading = re.match(r"^(#+)\s", stripped)
        if heading and fence is None:
            references = stripped.lstrip("#").strip().lower() == "references"
        if references:
            continue
        opener = re.match(r"^(`{3,}|~{3,})", stripped)
        if opener:
            if fence is None:
                fence = opener.group(1)
            elif stripped.startswith(fence) and stripped.strip("`~") == "":
                fence = None
            continue
        if fence is not None or "--8<--" in stripped:
            continue
        if comment or stripped.startswith("<!--"):
            comment = "-->" not in stripped
            continue
        yield number, line


def read_prose(path: Path, page: str) -> Prose:
    """The prose of a Markdown page or of a notebook's Markdown cells."""
    raw = Path(path).read_text(encoding="utf-8")
    labelled = []  # (label, line, where: (cell, line number))
    if page.endswith(".ipynb"):
        for cell_no, cell in enumerate(json.loads(raw)["cells"], 1):
            if cell["cell_type"] == "markdown":
                for line_no, line in _markdown_lines("".join(cell["source"])):
                    labelled.append((f"cell {cell_no} line {line_no}", line, (cell_no, line_no)))
    else:
        labelled = [(f"line {n}", line, (0, n)) for n, line in _markdown_lines(raw)]
    text, origins, paragraph_starts, previous = "", [], set(), None
    for label, line, where in labelled:
        flat = " ".join(line.split())
        if not flat:
            continue
        # A line that does not follow the previous prose line directly opens a paragraph.
        if previous is None or where != (previous[0], previous[1] + 1):
            paragraph_starts.add(len(text))
        previous = where
        origins.append((len(text), label))
        text += flat + " "
    return Prose(page, text, tuple(origins) or ((0, "line 1"),), frozenset(paragraph_starts))


BRACKETED = re.compile(r"\[([^\]]+)\]")


@lru_cache(maxsize=4096)  # a row is looked up by its own test and by the page's coverage test
def locate(prose: Prose, phrase: str) -> tuple[tuple[int, int], ...]:
    """Spans of the words a page has where the phrase has [brackets], found by the words
    around them; one span per place the phrase occurs."""
    before, after = (" ".join(part.split()) for part in BRACKETED.split(phrase, maxsplit=1)[::2])
    # Without words after the brackets, the number is the next word, less its punctuation.
    # With them, the bracketed words never run on past the end of a sentence.
    middle = re.compile(r"\s*((?:(?!\. [A-Z#*-]).){1,400}?)\s*" + re.escape(after) if after
                        else r"\s*([\w,.%/-]*[\w%])")
    closest = {}  # where the phrase ends -> the span, from the last `before` that reaches it
    for found in re.finditer(f"(?={re.escape(before)})", prose.text):
        match = middle.match(prose.text, found.start() + len(before))
        if match:
            closest[match.end()] = match.span(1)
    return tuple(sorted(closest.values()))


def references_on(path: Path, page: str) -> dict[str, str]:
    """The References list of a page: anchor key -> the entry's text."""
    raw = Path(path).read_text(encoding="utf-8")
    if page.endswith(".ipynb"):
        raw = "\n".join("".join(c["source"]) for c in json.loads(raw)["cells"] if c["cell_type"] == "markdown")
    section = re.split(r"^#+\s+References\s*$", raw, flags=re.MULTILINE)
    if len(section) < 2:
        return {}
    body = re.split(r"^#+\s", section[1], flags=re.MULTILINE)[0]
    return {key: re.sub(r"<[^>]+>", "", entry).strip()
            for key, entry in re.findall(r'<li id="ref-([\w-]+)">(.*?)</li>', body, flags=re.DOTALL)}


# A sentence reports a source when it cites one (a link to the References list) or says what
# a source did, found, argued, measured or states.
REPORTS_A_SOURCE = re.compile(
    r"\]\(#ref-"
    r"|\b(?:the|its|their|this|that|whose|a) (?:paper|papers|authors|documentation|maintainers|footnote)\b"
    r"|\bpaper's\b|\bauthors'|\b(?:reports?|reported|found|showed|measured|observed|argues|argued"
    r"|describes|described)\b"
    r"|\baccording to\b|\bdocuments\b",
    re.IGNORECASE,
)
# Where a sentence ends: terminal punctuation before a capital or markup, or a new block.
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[A-Z\"*(\[!|#-])")
_BLOCK_START = re.compile(r"^(?:#+\s|[-*]\s|\d+\.\s|\||!!!|\?\?\?|<figure|<figcaption|\*\*)")


def sentences(prose: Prose) -> list[tuple[int, int]]:
    """(start, end) of each sentence of the prose: split after terminal punctuation, at every
    paragraph, and before every line that opens a block (heading, list item, table row,
    callout, figure)."""
    cuts = {0, len(prose.text)} | prose.paragraph_starts
    cuts.update(match.end() for match in _SENTENCE_END.finditer(prose.text))
    for index, (start, _) in enumerate(prose.origins):
        end = prose.origins[index + 1][0] if index + 1 < len(prose.origins) else len(prose.text)
        if _BLOCK_START.match(prose.text[start:end]):
            cuts.add(start)
    ordered = sorted(cuts)
    spans = []
    for start, end in zip(ordered, ordered[1:]):
        while end > start and prose.text[end - 1] == " ":
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


@lru_cache(maxsize=64)  # many parametrised tests ask about the same page
def source_reporting_sentences(prose: Prose) -> tuple[tuple[int, int], ...]:
    """The sentences that cite a source or report what one did, found or states."""
    starts = [start for start, _ in prose.origins]
    return tuple((a, b) for a, b in sentences(prose)
                 if not _in_heading(prose, starts, a) and REPORTS_A_SOURCE.search(prose.text[a:b]))


def _in_heading(prose: Prose, line_starts: list[int], offset: int) -> bool:
    line_start = line_starts[max(bisect.bisect_right(line_starts, offset) - 1, 0)]
    return prose.text.startswith("#", line_start)
