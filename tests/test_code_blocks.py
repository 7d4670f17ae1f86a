"""Highlighted code keeps the colours the stylesheets give it and nothing more: the build hook
(docs/_theme/hooks/code_blocks.py) drops the token spans drawn in the plain code colour and
joins neighbouring spans of one colour. Its table of colours is checked here against the
installed Material stylesheet and site.css, so an upgrade that colours another token, or a
colour change in site.css, fails here instead of losing a colour on the page."""

import importlib.util
import re
from pathlib import Path

import material
import pytest

from harness.paths import DOCS

HOOK = DOCS / "_theme" / "hooks" / "code_blocks.py"
SITE_CSS = DOCS / "stylesheets" / "site.css"
MATERIAL_CSS = next((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css"))

# `.highlight .a,.highlight .b{color:var(--md-code-hl-NAME-color)}` in Material's stylesheet.
_COLOUR_RULE = re.compile(r"(?P<selectors>(?:\.highlight \.[a-z0-9]+,?)+)\{color:var\(--md-code-hl-(?P<name>[a-z]+)-color\)\}")
_PLAIN_VARIABLE = re.compile(r"--md-code-hl-(?P<name>[a-z]+)-color:\s*var\(--md-code-fg-color\)")


@pytest.fixture(scope="module")
def hook():
    spec = importlib.util.spec_from_file_location("code_blocks_hook", HOOK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def material_token_colours() -> dict[str, str]:
    colours = {}
    for rule in _COLOUR_RULE.finditer(MATERIAL_CSS.read_text(encoding="utf-8")):
        for cls in re.findall(r"\.highlight \.([a-z0-9]+)", rule.group("selectors")):
            colours[cls] = rule.group("name")
    return colours


def plain_colour_names() -> set[str]:
    """The --md-code-hl-*-color variables that are the plain code colour, in Material or site.css."""
    texts = MATERIAL_CSS.read_text(encoding="utf-8") + SITE_CSS.read_text(encoding="utf-8")
    return {m.group("name") for m in _PLAIN_VARIABLE.finditer(texts)}


def test_the_colour_table_matches_the_stylesheets(hook):
    material_colours = material_token_colours()
    assert len(material_colours) > 40, f"could not read Material's token colours from {MATERIAL_CSS}"
    plain = plain_colour_names()
    assert {"name", "operator", "punctuation"} <= plain, plain
    expected = {cls: name for cls, name in material_colours.items() if name not in plain}
    table = {cls: name for cls, name in hook.TOKEN_COLOURS.items() if name is not None}
    missing = {cls: name for cls, name in expected.items() if table.get(cls) != name}
    extra = {cls: name for cls, name in table.items() if cls not in expected}
    assert not missing, f"coloured by the stylesheets, but the hook drops or misnames them: {missing}"
    assert not extra, f"the hook keeps spans the stylesheets draw plain: {extra}"


@pytest.mark.parametrize("highlighted,lean", [
    # Names, whitespace, operators and punctuation carry no colour of their own.
    ('<span class="n">x</span><span class="w"> </span><span class="o">=</span><span class="w"> </span>'
     '<span class="mi">1</span><span class="p">)</span>',
     'x = <span class="mi">1</span>)'),
    # An f-string's pieces are one string colour: one span.
    ('<span class="sa">f</span><span class="s2">&quot;a </span><span class="si">{</span>'
     '<span class="n">x</span><span class="si">}</span><span class="s2"> b&quot;</span>',
     'f<span class="s2">&quot;a {</span>x<span class="si">} b&quot;</span>'),
    # Different colours side by side stay apart; a background (inserted line) stays as it is.
    ('<span class="k">import</span><span class="w"> </span><span class="nn">torch</span><span class="c1"># c</span>'
     '<span class="gi">+ added</span><span class="gi">+ again</span>',
     '<span class="k">import</span> <span class="nn">torch</span><span class="c1"># c</span>'
     '<span class="gi">+ added</span><span class="gi">+ again</span>'),
    # Spans that are not Pygments tokens are not touched.
    ('<span class="md-ellipsis">x</span><span class="filename">a.py</span>',
     '<span class="md-ellipsis">x</span><span class="filename">a.py</span>'),
])
def test_tokens_keep_only_their_colours(hook, highlighted, lean):
    assert hook.lean_tokens(highlighted) == lean


def test_the_text_of_the_code_is_unchanged(hook):
    code = ('<span class="k">for</span><span class="w"> </span><span class="n">i</span><span class="w"> </span>'
            '<span class="ow">in</span><span class="w"> </span><span class="nb">range</span><span class="p">(</span>'
            '<span class="mi">3</span><span class="p">):</span><span class="w">  </span><span class="c1"># why</span>\n')
    strip = lambda html: re.sub(r"<[^>]+>", "", html)
    assert strip(hook.lean_tokens(code)) == strip(code)
