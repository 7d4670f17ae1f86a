"""Turn the TeX that pymdownx.arithmatex leaves in a page into MathML at build time.

Browsers render MathML natively, so formulas need no script and no CDN, work offline and
from file://, and a formula that latex2mathml cannot parse stops the build with its page.
"""

import html
import re

from latex2mathml.converter import convert
from mkdocs.exceptions import PluginError

# arithmatex (generic mode) wraps inline TeX as \( \) in a span and display TeX as \[ \] in a div.
_FORMULA = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*\\(?P<open>[(\[])(?P<tex>.+?)\\[)\]]\s*</(?P=tag)>',
    re.DOTALL,
)


# latex2mathml writes \max and friends as operators (<mo>), which browsers pad as if they were
# a plus sign: "max (0, x)". A function name is an identifier followed by function application.
_FUNCTION_NAME = re.compile(r"<mo>(?P<name>max|min|log|ln|exp|sin|cos|tan|tanh|sup|inf|arg|det)</mo>")


def tex_to_mathml(tex: str, display: bool) -> str:
    mathml = convert(tex, display="block" if display else "inline")
    return _FUNCTION_NAME.sub(r'<mi mathvariant="normal">\g<name></mi><mo>&#x2061;</mo>', mathml)


def on_page_content(content, page, **kwargs):
    def replace(match):
        tex = html.unescape(match.group("tex")).strip()
        display = match.group("open") == "["
        try:
            mathml = tex_to_mathml(tex, display)
        except Exception as error:  # latex2mathml raises several unrelated types
            raise PluginError(f"{page.file.src_path}: cannot convert formula {tex!r}: {error}")
        # Keep the TeX for screen readers and copy-paste; MathML carries the rendering.
        tag = match.group("tag")
        # A display formula scrolls sideways on a narrow screen: keyboard users must reach it.
        focusable = ' tabindex="0"' if display else ""
        return f'<{tag} class="arithmatex" data-tex="{html.escape(tex)}"{focusable}>{mathml}</{tag}>'

    return _FORMULA.sub(replace, content)
