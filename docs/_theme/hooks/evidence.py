"""Each checked number on a page becomes a quiet link to its evidence: a computed number to
the output of the fragment that computes it (or the notebook that measures it), a sourced
number to its entry under References, with a note that shows on hover and on keyboard focus.

Which numbers, and where they lead, comes from the page's evidence index,
docs/_theme/evidence/<page>.json, generated with the site's checks (`pytest
--update-outputs`) and checked against its claims rows; a page without one is left as it
is. Runs before the other hooks, on the Markdown as written: a number inside inline math
links the whole formula; one inside code, display math, a heading, an admonition title, an
image or a link is never wrapped."""

import html
import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

BRACKETED = re.compile(r"\[([^\]]+)\]")
PROTECTED = re.compile(
    r"^[ \t]*```[\s\S]*?^[ \t]*```"  # fenced code
    r"|^[ \t]*--8<--.*$"  # snippet includes
    r"|\$\$[\s\S]*?\$\$|\\\([\s\S]*?\\\)"  # math, which may wrap
    r"|`[^`\n]*`"  # inline code
    r"|^[ \t]*#.*$|^[ \t]*[!?]{3}.*$"  # headings and admonition titles
    r"|!\[[^\]]*\]\([^)]*\)"  # images
    r"|\[[^\]]*\]\([^)]*\)"  # links
    r"|<[^>\n]*>",  # HTML tags
    re.MULTILINE)


INLINE_MATH = re.compile(r"\\\([\s\S]*?\\\)")


SPOKEN = {r"\times": "×", r"\cdot": "·", r"\left": "", r"\right": "", r"\lfloor": "⌊", r"\rfloor": "⌋"}


def _spoken(formula: str) -> str:
    """Inline TeX as plain text: '\\(5 \\times 5\\)' -> '5×5'."""
    text = formula[2:-2]
    for tex, plain in SPOKEN.items():
        text = text.replace(tex, plain)
    # Without spaces, as the MathML's own text reads, so the name holds what is shown.
    return "".join(re.sub(r"\\[A-Za-z]+|[{}]", " ", text).split())


def _pattern(phrase: str) -> re.Pattern:
    before, value, after = BRACKETED.split(phrase, maxsplit=1)  # every row has its brackets
    words = lambda part: r"\s+".join(map(re.escape, part.split()))  # noqa: E731 (a wrap may fall anywhere)
    return re.compile(words(before) + (r"\s*" if before else "") + f"({words(value)})"
                      + (r"\s*" + words(after) if after.strip() else ""))


def on_page_markdown(markdown, page, config, **kwargs):
    index = Path(config.docs_dir) / "_theme" / "evidence" / Path(page.file.src_uri).with_suffix(".json")
    if not index.exists():
        return markdown
    try:
        entries = json.loads(index.read_text(encoding="utf-8"))
    except ValueError as error:
        raise PluginError(f"{index}: not a readable evidence index ({error}); "
                          "regenerate it with `pytest --update-outputs`") from error
    protected = [m.span() for m in PROTECTED.finditer(markdown)]
    inline_math = [m.span() for m in INLINE_MATH.finditer(markdown)]
    spans = {}
    for entry in entries:
        for match in _pattern(entry["phrase"]).finditer(markdown):
            start, end = match.span(1)
            # A number inside inline math links the whole formula, which stays math.
            around = next(((a, b) for a, b in inline_math if a <= start and end <= b), None)
            if around is not None:
                start, end = around
            elif any(a < end and start < b for a, b in protected):
                continue
            spans.setdefault((start, end), entry)
    # Where two rows cover overlapping words, the longer span links and the other does not.
    chosen = []
    for (start, end), entry in sorted(spans.items(), key=lambda item: (item[0][0], -item[0][1])):
        if not any(a < end and start < b for (a, b), _ in chosen):
            chosen.append(((start, end), entry))
    for (start, end), entry in sorted(chosen, reverse=True):
        note = html.escape(entry["note"], quote=True)
        words = markdown[start:end]
        # A link around a formula is named by the formula read as text (MathML alone names none).
        label = f' aria-label="{html.escape(_spoken(words), quote=True)}"' if words.startswith("\\(") else ""
        markdown = (f'{markdown[:start]}<a class="evidence" href="{html.escape(entry["href"], quote=True)}" '
                    f'data-note="{note}"{label}>{words}</a>{markdown[end:]}')
    return markdown
