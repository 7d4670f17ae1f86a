"""Each checked number on a page becomes a quiet link to its evidence: a computed number to
the output of the fragment that computes it (or the notebook that measures it), a sourced
number to its entry under References, with a note that shows on hover and on keyboard focus.

Which numbers, and where they lead, comes from the page's evidence index,
docs/_theme/evidence/<page>.json, generated with the site's checks (`pytest
--update-outputs`) and checked against its claims rows; a page without one is left as it
is. A Markdown page is linked on its Markdown as written: a number in running text, a
heading or an admonition title links itself; one inside inline math links the whole formula;
one inside display math links the whole displayed formula (after the mathml hook has drawn
it, so this hook runs after that one). A notebook page, which mkdocs-jupyter renders without
Markdown hooks, is linked in the text of its rendered Markdown cells. Numbers inside code, a
link, a collapsible block's title or an image's alternative text are never wrapped: a
figure's numbers are followed through the fragment its caption names."""

import html
import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from contract_loader import contract

BRACKETED = re.compile(r"\[([^\]]+)\]")
DISPLAY_MATH = re.compile(r"\$\$([\s\S]*?)\$\$")
INLINE_MATH = re.compile(r"\\\([\s\S]*?\\\)")
# Regions never wrapped. Code first (fenced, snippet includes, inline), where even math is text;
# then the title of a collapsible block (a <summary>, where a link would fight the toggle),
# images, links and HTML tags.
CODE = re.compile(r"^[ \t]*```[\s\S]*?^[ \t]*```|^[ \t]*--8<--.*$|`[^`\n]*`", re.MULTILINE)
OTHER = re.compile(r"^[ \t]*\?{3}.*$|!\[[^\]]*\]\([^)]*\)|\[[^\]]*\]\([^)]*\)|<[^>\n]*>", re.MULTILINE)
# The title of an always-open admonition is quoted: a link inside uses single quotes.
ADMONITION_TITLE = re.compile(r"^[ \t]*!{3}.*$", re.MULTILINE)

# Display formulas to link on the HTML of a page: its source path -> [(TeX, index entry)].
_DISPLAYED: dict[str, list] = {}


def _pattern(phrase: str) -> re.Pattern:
    before, value, after = BRACKETED.split(phrase, maxsplit=1)  # every row has its brackets
    words = lambda part: r"\s+".join(map(re.escape, part.split()))  # noqa: E731 (a wrap may fall anywhere)
    return re.compile(words(before) + (r"\s*" if before else "") + f"({words(value)})"
                      + (r"\s*" + words(after) if after.strip() else ""))


def _entries(page, config) -> list | None:
    index = Path(config.docs_dir) / "_theme" / "evidence" / Path(page.file.src_uri).with_suffix(".json")
    if not index.exists():
        return None
    try:
        return json.loads(index.read_text(encoding="utf-8"))
    except ValueError as error:
        raise PluginError(f"{index}: not a readable evidence index ({error}); "
                          "regenerate it with `pytest --update-outputs`") from error


def _attributes(entry, quote='"') -> str:
    def attribute(name, value):
        return f"{name}={quote}{html.escape(value, quote=True)}{quote}"
    return f'{attribute("class", "evidence")} {attribute("href", entry["href"])} {attribute("data-note", entry["note"])}'


def _longest_first(spans: dict) -> list:
    """Where two rows cover overlapping words, the longer span links and the other does not."""
    chosen = []
    for (start, end), entry in sorted(spans.items(), key=lambda item: (item[0][0], -item[0][1])):
        if not any(a < end and start < b for (a, b), _ in chosen):
            chosen.append(((start, end), entry))
    return chosen


def on_page_markdown(markdown, page, config, **kwargs):
    _DISPLAYED.pop(page.file.src_uri, None)
    entries = _entries(page, config)
    if entries is None:
        return markdown
    code = [m.span() for m in CODE.finditer(markdown)]
    protected = [m.span() for m in OTHER.finditer(markdown)]
    inline_math = [m.span() for m in INLINE_MATH.finditer(markdown)]
    display_math = [m.span() for m in DISPLAY_MATH.finditer(markdown)]
    titles = [m.span() for m in ADMONITION_TITLE.finditer(markdown)]
    spans, displayed = {}, {}
    for entry in entries:
        for match in _pattern(entry["phrase"]).finditer(markdown):
            start, end = match.span(1)
            if any(a < end and start < b for a, b in code):
                continue
            formula = next(((a, b) for a, b in display_math if a <= start and end <= b), None)
            if formula is not None:
                displayed.setdefault(formula, entry)
                continue
            around = next(((a, b) for a, b in inline_math if a <= start and end <= b), None)
            if around is not None:  # a number inside inline math links the whole formula
                start, end = around
            elif any(a < end and start < b for a, b in protected):
                continue
            spans.setdefault((start, end), entry)
    _DISPLAYED[page.file.src_uri] = [(" ".join(markdown[a + 2:b - 2].split()), entry)
                                     for (a, b), entry in displayed.items()]
    for (start, end), entry in sorted(_longest_first(spans), reverse=True):
        words = markdown[start:end]
        in_title = any(a <= start and end <= b for a, b in titles)
        link = _attributes(entry, quote="'" if in_title else '"')
        markdown = f"{markdown[:start]}<a {link}>{words}</a>{markdown[end:]}"
    return markdown


# A displayed formula as the mathml hook leaves it (its TeX kept in data-tex).
_DISPLAYED_FORMULA = re.compile(
    r'<div class="arithmatex" data-tex="(?P<tex>[^"]*)" tabindex="0">(?P<math><math\b.*?</math>)</div>', re.S)
# Rendered Markdown of a notebook: the text between tags, outside code, links, math and titles.
_NOTEBOOK_SKIP = re.compile(r"<(pre|code|a|math|script|style|summary|h[1-6])\b.*?</\1>|<[^>]+>", re.S)
_NOTEBOOK_MARKDOWN = re.compile(r'<div class="[^"]*\bjp-RenderedMarkdown\b[^"]*"[^>]*>')


def _math_text(mathml: str) -> str:
    """What a browser reads as a formula's text: its MathML without tags."""
    return "".join(html.unescape(re.sub(r"<[^>]+>", "", mathml)).split())


def _link_displayed(content: str, displayed: list) -> str:
    def replace(match):
        tex = " ".join(html.unescape(match.group("tex")).split())
        entry = next((entry for formula, entry in displayed if formula == tex), None)
        if entry is None:
            return match.group(0)
        # The link inside the scrolling box makes it reachable by keyboard: the box needs no
        # tab stop of its own.
        return (f'<div class="arithmatex" data-tex="{match.group("tex")}">'
                f'<a {_attributes(entry)}>{match.group("math")}</a></div>')
    return _DISPLAYED_FORMULA.sub(replace, content)


# An evidence link that holds a formula and nothing else (either quoting: titles use single).
_FORMULA_LINK = re.compile(
    r"""(?P<open><a class=(?P<q>["'])evidence(?P=q)[^>]*)>(?P<inner>(?:<span class="arithmatex"[^>]*>)?"""
    r"""(?P<math><math\b.*?</math>)(?:</span>)?)</a>""", re.S)


def _name_formula_links(content: str) -> str:
    """A link around a formula is named by the formula read as text, as the MathML shows it:
    MathML alone gives a link no accessible name."""
    return _FORMULA_LINK.sub(lambda m: f'{m.group("open")} aria-label="'
                             f'{html.escape(_math_text(m.group("math")), quote=True)}">{m.group("inner")}</a>', content)


def _link_notebook_text(content: str, entries: list) -> str:
    starts = [m.end() for m in _NOTEBOOK_MARKDOWN.finditer(content)]
    if not starts:
        return content
    skipped = [m.span() for m in _NOTEBOOK_SKIP.finditer(content)]
    spans = {}
    for entry in entries:
        for match in _pattern(entry["phrase"]).finditer(content, starts[0]):
            start, end = match.span(1)
            if not any(a < end and start < b for a, b in skipped):
                spans.setdefault((start, end), entry)
    for (start, end), entry in sorted(_longest_first(spans), reverse=True):
        content = f"{content[:start]}<a {_attributes(entry)}>{content[start:end]}</a>{content[end:]}"
    return content


# A fragment's output as pymdownx.highlight writes it (plain text), and the stamp under it.
_OUTPUT_BLOCK = re.compile(
    r'(?P<head><code>(?:<span></span>)?)(?P<text>[^<]*)(?P<tail></code></pre></div>\s*'
    r'<p class="snippet-stamp" id="(?P<anchor>[^"]+)")')


def _anchor_output_lines(content: str, line_anchor) -> str:
    """Give each output line that a link leads to its id, so the link lands on the line."""
    targets = set(re.findall(r"""href=["']#([^"']+)["']""", content))

    def replace(match):
        lines = match.group("text").split("\n")
        for number, line in enumerate(lines, start=1):
            anchor = line_anchor(match.group("anchor"), number)
            if anchor in targets:
                lines[number - 1] = f'<span class="output-line" id="{anchor}">{line}</span>'
        return match.group("head") + "\n".join(lines) + match.group("tail")
    return _OUTPUT_BLOCK.sub(replace, content)


def on_page_content(content, page, config, **kwargs):
    if page.file.src_uri.endswith(".ipynb"):
        entries = _entries(page, config)
        return content if entries is None else _link_notebook_text(content, entries)
    displayed = _DISPLAYED.pop(page.file.src_uri, [])
    if displayed:
        content = _link_displayed(content, displayed)
    content = _name_formula_links(content)
    return _anchor_output_lines(content, contract(config).output_line_anchor)
