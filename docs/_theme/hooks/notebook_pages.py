"""Notebook pages: refuse a notebook whose recorded outputs contain an error, drop the
loaders mkdocs-jupyter adds for MathJax and mermaid from a CDN (the site serves nothing from
outside itself), and drop the JupyterLab theme it inlines into every notebook page."""

import base64
import html as html_lib
import itertools
import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

_REMOTE_MATHJAX = re.compile(r'<script[^>]*\bsrc="https?://[^"]*mathjax[^"]*"[^>]*>\s*</script>', re.I)
_MATHJAX_CONFIG = re.compile(r'<script type="text/x-mathjax-config">.*?</script>', re.S)
# JupyterLab's full theme (about 580 KB, inlined into every notebook page) and the mermaid
# styles; stylesheets/notebook.css styles the few classes the pages use, in Material's colours.
_JUPYTER_THEME_CSS = re.compile(r'<style type="text/css">\s*(?:@charset "UTF-8";)?\s*\.jupyter-wrapper\{.*?</style>', re.S)
_MERMAID_CSS = re.compile(r'<style[^>]*>(?:(?!</style>).)*jp-Mermaid(?:(?!</style>).)*</style>', re.S)
# Pygments colours for the notebook's code; notebook.css maps them onto Material's palette.
_PYGMENTS_CSS = re.compile(r'<style type="text/css">\s*pre \{ line-height: 125%; \}.*?</style>', re.S)
_MERMAID_LOADER = re.compile(r'<script type="module">(?:(?!</script>).)*?mermaid(?:(?!</script>).)*</script>', re.S)


_SVG_IMAGE = re.compile(r'<img alt="[^"]*" src="data:image/svg\+xml;base64,(?P<data>[A-Za-z0-9+/=]+)"\s*/?>')
_SVG_TITLE = re.compile(r'<text[^>]*>(?:(?!</text>).)*?</text>', re.S)


_DECIMALS = re.compile(r"-?\d+\.\d{2,}")


def _round(match) -> str:
    return f"{float(match.group(0)):.1f}"


_UNSTYLED_TOKEN = re.compile(r'<span class="[nw]">([^<]*)</span>')
_METADATA = re.compile(r"<metadata>.*?</metadata>", re.S)


def _compact_path(data: str) -> str:
    data = _DECIMALS.sub(_round, data)
    data = re.sub(r"\s+", " ", data).strip()
    return re.sub(r" ?([MLCQZz]) ?", r"\1", data)


def _inline_svg(match, plot_numbers) -> str:
    """Put a plot's SVG in the page itself (a third smaller than base64), ids made unique per
    plot, and label it with its own axes title for screen readers."""
    svg = base64.b64decode(match.group("data")).decode("utf-8")
    svg = svg[svg.index("<svg"):]
    svg = _METADATA.sub("", svg)
    # matplotlib writes six decimals; a tenth of a point is finer than any screen shows.
    svg = re.sub(r'\bd="([^"]*)"', lambda m: 'd="' + _compact_path(m.group(1)) + '"', svg)
    svg = re.sub(r'\b(x|y|x1|y1|x2|y2)="(-?\d+\.\d{2,})"', lambda m: f'{m.group(1)}="{float(m.group(2)):.1f}"', svg)
    svg = re.sub(r">\s+<", "><", svg)  # indentation between tags
    prefix = f"plot{next(plot_numbers)}-"
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m.group(1)}"', svg)
    svg = re.sub(r'url\(#([^)]+)\)', lambda m: f"url(#{prefix}{m.group(1)})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}{m.group(1)}"', svg)
    texts = [re.sub(r"<[^>]+>", "", t).strip() for t in _SVG_TITLE.findall(svg)]
    title = max(texts, key=len) if texts else "plot"
    label = html_lib.escape(f"Plot: {title}", quote=True)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def notebook_errors(path: Path) -> list[str]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for number, cell in enumerate(notebook.get("cells", []), 1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append(f"cell {number}: {output.get('ename')}: {output.get('evalue')}")
    return found


def on_page_content(html, page, **kwargs):
    source = Path(page.file.abs_src_path or "")
    if source.suffix != ".ipynb":
        return html
    try:
        errors = notebook_errors(source)
    except ValueError as error:
        raise PluginError(f"{page.file.src_path}: not a readable notebook: {error}")
    if errors:
        raise PluginError(
            f"{page.file.src_path}: recorded outputs contain errors ({'; '.join(errors)}); "
            "fix the notebook and re-record it with `pytest --update-outputs`"
        )
    for pattern in (_REMOTE_MATHJAX, _MATHJAX_CONFIG, _MERMAID_LOADER, _JUPYTER_THEME_CSS, _MERMAID_CSS,
                    _PYGMENTS_CSS):
        html = pattern.sub("", html)
    # Plain names and whitespace get no colour in notebook.css: their token spans only add bytes.
    html = _UNSTYLED_TOKEN.sub(r"\1", html)
    plot_numbers = itertools.count(1)  # ids only need to be unique within one page
    return _SVG_IMAGE.sub(lambda match: _inline_svg(match, plot_numbers), html)
