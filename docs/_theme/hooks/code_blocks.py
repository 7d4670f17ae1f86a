"""Code blocks that cost the reader's browser little: highlighted code keeps only the token
spans its colours need, and every block carries its copy button from the build.

Pygments wraps every token in a span, most of them drawn in the plain code colour (names,
whitespace, punctuation, operators; site.css draws the last two plain as well). Only spans
whose colour differs from the code's own stay, and neighbouring spans of one colour become
one. Material's script would otherwise visit every `pre > code` when a page loads, measure
it and insert a button, and each measurement lays the whole page out again (on the section
page, most of the time Lighthouse counts as blocking). Here the code sits in a scrolling
span (`pre > .md-code-block > code`, styled as Material styles `pre > code` in site.css),
the button is written into the page, and javascripts/code-copy.js copies with one listener
for the whole page."""

import itertools
import re

# Pygments token class -> the colour Material's stylesheet gives it (the --md-code-hl-*-color
# variable), for the classes whose colour is not the plain code colour. A class missing here is
# drawn plain and loses its span. tests/test_code_blocks.py checks this table against the
# installed Material stylesheet and site.css.
TOKEN_COLOURS = {
    **dict.fromkeys(("cpf", "l", "s", "s1", "s2", "sb", "sc", "si", "ss"), "string"),
    **dict.fromkeys(("cp", "se", "sh", "sr", "sx"), "special"),
    **dict.fromkeys(("il", "m", "mb", "mf", "mh", "mi", "mo"), "number"),
    **dict.fromkeys(("k", "kd", "kn", "kp", "kr", "kt", "nd", "ni", "nl", "nt"), "keyword"),
    **dict.fromkeys(("bp", "nb", "no"), "constant"),
    **dict.fromkeys(("nc", "ne", "nf", "nn"), "function"),
    **dict.fromkeys(("c", "c1", "ch", "cm", "cs", "sd"), "comment"),
    **dict.fromkeys(("na", "nv", "vc", "vg", "vi"), "variable"),
    **dict.fromkeys(("ge", "gh", "go", "gp", "gr", "gs", "gt", "gu"), "generic"),
    # Backgrounds, not colours: kept as they are.
    **dict.fromkeys(("gd", "gi", "hll"), None),
}
_TOKEN = re.compile(r'<span class="(?P<cls>[a-z0-9]{1,3})">(?P<text>[^<]*)</span>')
_BLOCK = re.compile(r'<pre(?P<attrs>[^>]*)>(?P<lead><span></span>)?<code>(?P<code>.*?)</code></pre>', re.S)
_ID = re.compile(r'\sid="([^"]+)"')


def lean_tokens(html: str) -> str:
    """Highlighted code with a span only where the colour changes."""
    out, pending = [], None  # pending: [class, colour, text] of a coloured token not yet written
    position = 0
    for match in _TOKEN.finditer(html):
        between = html[position:match.start()]
        position = match.end()
        cls, text = match.group("cls"), match.group("text")
        colour = TOKEN_COLOURS.get(cls, "plain")
        if pending and not between and colour is not None and colour == pending[1]:
            pending[2] += text
            continue
        if pending:
            out.append(f'<span class="{pending[0]}">{pending[2]}</span>')
            pending = None
        out.append(between)
        if colour == "plain":
            out.append(text)
        else:
            pending = [cls, colour, text]
    if pending:
        out.append(f'<span class="{pending[0]}">{pending[2]}</span>')
    out.append(html[position:])
    return "".join(out)

def on_page_content(html, page, **kwargs):
    numbers = itertools.count(1)

    def block(match):
        attrs = match.group("attrs")
        found = _ID.search(attrs)
        block_id = found.group(1) if found else f"__code_{next(numbers)}"
        if not found:
            attrs += f' id="{block_id}"'
        button = ('<nav class="md-code__nav"><button type="button" class="md-code__button" '
                  'title="Copy to clipboard" aria-label="Copy to clipboard" data-md-type="copy" '
                  f'data-copy="{block_id}"></button></nav>')
        # Pygments' empty leading span goes inside the code: beside the block it would take a line.
        return (f'<pre{attrs}>{button}<span class="md-code-block" tabindex="0">'
                f'<code>{match.group("lead") or ""}{lean_tokens(match.group("code"))}</code></span></pre>')

    return _BLOCK.sub(block, html)
