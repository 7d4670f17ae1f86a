"""Code blocks that cost the reader's browser little: highlighted code keeps only the token
spans its colours need, and every block carries its copy button from the build.

Pygments wraps every name (`n`) and every run of whitespace (`w`) in a span that Material
draws in the plain code colour: those are dropped. Material's script would otherwise visit
every `pre > code` when a page loads, measure it and insert a button, and each measurement
lays the whole page out again (on the section page, most of the time Lighthouse counts as
blocking). Here the code sits in a scrolling span (`pre > .md-code-block > code`, styled as
Material styles `pre > code` in site.css), the button is written into the page, and
javascripts/code-copy.js copies with one listener for the whole page."""

import itertools
import re

_UNSTYLED_TOKEN = re.compile(r'<span class="[nw]">([^<]*)</span>')
_BLOCK = re.compile(r'<pre(?P<attrs>[^>]*)>(?P<lead><span></span>)?<code>(?P<code>.*?)</code></pre>', re.S)
_ID = re.compile(r'\sid="([^"]+)"')


def on_page_content(html, page, **kwargs):
    html = _UNSTYLED_TOKEN.sub(r"\1", html)
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
                f'<code>{match.group("lead") or ""}{match.group("code")}</code></span></pre>')

    return _BLOCK.sub(block, html)
