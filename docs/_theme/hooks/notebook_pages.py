"""Notebook pages: refuse a notebook whose recorded outputs contain an error, drop the
loaders mkdocs-jupyter adds for MathJax and mermaid from a CDN (the site serves nothing from
outside itself), and drop the JupyterLab theme it inlines into every notebook page.

A notebook page then looks like the other pages: the title first, with the download, Colab and
Binder links under it; heading anchors that appear on hover; code cells as Material code
blocks titled "Cell N" with Material's copy button; text outputs titled "Output" and stamped
with the versions they were recorded with, as snippet outputs are."""

import base64
import html as html_lib
import itertools
import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from contract_loader import contract

_REMOTE_MATHJAX = re.compile(r'<script[^>]*\bsrc="https?://[^"]*mathjax[^"]*"[^>]*>\s*</script>', re.I)
_MATHJAX_CONFIG = re.compile(r'<script type="text/x-mathjax-config">.*?</script>', re.S)
# JupyterLab's full theme (about 580 KB, inlined into every notebook page) and the mermaid
# styles; stylesheets/notebook.css styles the few classes the pages use, in Material's colours.
_JUPYTER_THEME_CSS = re.compile(r'<style type="text/css">\s*(?:@charset "UTF-8";)?\s*\.jupyter-wrapper\{.*?</style>', re.S)
_MERMAID_CSS = re.compile(r'<style[^>]*>(?:(?!</style>).)*jp-Mermaid(?:(?!</style>).)*</style>', re.S)
# Pygments colours for the notebook's code; notebook.css maps them onto Material's palette.
_PYGMENTS_CSS = re.compile(r'<style type="text/css">\s*pre \{ line-height: 125%; \}.*?</style>', re.S)
# Leftovers of mkdocs-jupyter's own copy buttons (replaced by Material-style blocks below): the
# clipboard-copy element and its listener, an empty script tag, and a Pygments stylesheet
# written out as a Python list.
_CLIPBOARD_SCRIPTS = re.compile(r'<script>(?:(?!</script>).)*clipboard-copy(?:(?!</script>).)*</script>', re.S)
_EMPTY_SCRIPT = re.compile(r'<script src="">\s*</script>')
_LISTED_PYGMENTS_CSS = re.compile(r"<style>\s*\['pre \{ line-height: 125%; \}.*?</style>", re.S)
# matplotlib's plot-wide stroke style, a universal rule that would apply to the whole page.
_PLOT_STROKE_STYLE = re.compile(r'<defs><style type="text/css">\*\{stroke-linejoin: round; stroke-linecap: butt\}</style></defs>')
_MERMAID_LOADER = re.compile(r'<script type="module">(?:(?!</script>).)*?mermaid(?:(?!</script>).)*</script>', re.S)


_SVG_IMAGE = re.compile(r'<img alt="[^"]*" src="data:image/svg\+xml;base64,(?P<data>[A-Za-z0-9+/=]+)"\s*/?>')
_SVG_TITLE = re.compile(r'<text[^>]*>(?:(?!</text>).)*?</text>', re.S)


_DECIMALS = re.compile(r"-?\d+\.\d{2,}")


def _round(match) -> str:
    return f"{float(match.group(0)):.1f}"


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
    svg = _PLOT_STROKE_STYLE.sub("", svg)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" stroke-linejoin="round" stroke-linecap="butt" ', 1)


def notebook_errors(path: Path) -> list[str]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for number, cell in enumerate(notebook.get("cells", []), 1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append(f"cell {number}: {output.get('ename')}: {output.get('evalue')}")
    return found


_ANCHOR_LINK = re.compile(r'<a class="anchor-link" href="(#[^"]+)">\xb6</a>')
_CLIPBOARD = re.compile(r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>', re.S)
_CLIPBOARD_TEXT = re.compile(r'<div class="clipboard-copy-txt"[^>]*>.*?</div>', re.S)
# mkdocs-jupyter wraps each cell twice; the inner wrapper carries the cell's id.
_CODE_CELL = re.compile(r'<div class="jp-Cell jp-CodeCell jp-Notebook-cell"(?= id=)')
_INPUT = re.compile(r'<div class="highlight-ipynb hl-python"><pre>(?P<code>.*?)</pre></div>', re.S)
_TEXT_OUTPUT = re.compile(
    r'<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain"[^>]*>\s*<pre>(?P<text>.*?)</pre>\s*</div>',
    re.S)
_FIRST_HEADING_END = re.compile(r"</h1>")


def _hosted_links(config, page) -> list[tuple[str, str]]:
    """Colab and Binder addresses of the notebook on GitHub, when mkdocs.yml names the repository."""
    repo_url = (config.repo_url or "").rstrip("/")
    found = re.fullmatch(r"https://github\.com/(?P<owner>[^/]+)/(?P<repo>[^/]+?)(?:\.git)?", repo_url)
    if not found:
        return []
    edit = re.match(r"(?:edit|blob)/(?P<branch>[^/]+)/", config.edit_uri or "")
    branch = edit.group("branch") if edit else "main"
    docs = Path(config.docs_dir).relative_to(Path(config.config_file_path).parent).as_posix()
    path = f"{docs}/{page.file.src_uri}"
    owner, repo = found.group("owner"), found.group("repo")
    return [
        ("Open in Colab", f"https://colab.research.google.com/github/{owner}/{repo}/blob/{branch}/{path}"),
        ("Open in Binder", f"https://mybinder.org/v2/gh/{owner}/{repo}/{branch}?labpath={path}"),
    ]


def _actions(config, page) -> str:
    name = page.file.src_uri.split("/")[-1]
    links = [f'<a href="{html_lib.escape(name)}" download="{html_lib.escape(name)}" class="md-button">'
             f"Download the notebook ({html_lib.escape(name)})</a>"]
    links += [f'<a href="{html_lib.escape(url)}" class="md-button" rel="noopener">{label}</a>'
              for label, url in _hosted_links(config, page)]
    return '<p class="notebook-actions">' + " ".join(links) + "</p>"


def _stamp(contract, notebook: dict, cell_source: str, path: str) -> str:
    versions = notebook.get("metadata", {}).get(contract.NOTEBOOK_STAMP_KEY)
    if not versions:
        raise PluginError(f"{path}: its metadata records no versions ({contract.NOTEBOOK_STAMP_KEY}); "
                          "re-record it with `pytest --update-outputs`")
    tolerance = contract.TOLERANCE_DIRECTIVE.search(cell_source)
    varies = (f" · decimal numbers vary slightly between processors (checked within "
              f"{tolerance.group('kind')}={tolerance.group('value')})" if tolerance else "")
    return (f'<p class="snippet-stamp">Recorded with {html_lib.escape(contract.describe_versions(versions))}'
            f"{html_lib.escape(varies)}</p>")


def _jupyter_settings(config):
    plugin = config["plugins"].get("mkdocs-jupyter")
    return plugin.config if plugin is not None else {}


def _restyle(html: str, notebook: dict, contract, path: str, jupyter_settings) -> str:
    """Code cells and their text outputs in Material's markup (see the module's docstring)."""
    html = _ANCHOR_LINK.sub(r'<a class="headerlink" href="\1" title="Permanent link">¶</a>', html)
    html = _CLIPBOARD.sub("", html)
    html = _CLIPBOARD_TEXT.sub("", html)
    html = html.replace('<div class="jp-Cell-inputWrapper" tabindex="0">', '<div class="jp-Cell-inputWrapper">')
    code_cells = [(number, cell) for number, cell in enumerate(notebook.get("cells", []), 1)
                  if cell.get("cell_type") == "code" and contract.shown_on_notebook_page(cell, jupyter_settings)]
    parts = _CODE_CELL.split(html)
    if len(parts) - 1 != len(code_cells):
        raise PluginError(f"{path}: {len(code_cells)} code cells, but {len(parts) - 1} on the page")
    out = [parts[0]]
    for (number, cell), part in zip(code_cells, parts[1:]):
        source = "".join(cell.get("source", ""))
        part = _INPUT.sub(lambda m: (f'<div class="language-python highlight"><span class="filename">Cell {number}</span>'
                                     f'<pre><code>{m.group("code")}</code></pre></div>'), part, count=1)
        outputs = list(_TEXT_OUTPUT.finditer(part))
        for index, match in reversed(list(enumerate(outputs))):
            stamp = _stamp(contract, notebook, source, path) if index == len(outputs) - 1 else ""
            block = (f'<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain">'
                     f'<div class="language-text highlight"><span class="filename">Output</span>'
                     f'<pre><code>{match.group("text")}</code></pre></div>{stamp}</div>')
            part = part[:match.start()] + block + part[match.end():]
        out.append('<div class="jp-Cell jp-CodeCell jp-Notebook-cell"' + part)
    return "".join(out)


def on_page_content(html, page, config, **kwargs):
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
                    _PYGMENTS_CSS, _CLIPBOARD_SCRIPTS, _EMPTY_SCRIPT, _LISTED_PYGMENTS_CSS):
        html = pattern.sub("", html)
    plot_numbers = itertools.count(1)  # ids only need to be unique within one page
    html = _SVG_IMAGE.sub(lambda match: _inline_svg(match, plot_numbers), html)
    notebook = json.loads(source.read_text(encoding="utf-8"))
    html = _restyle(html, notebook, contract(config), page.file.src_path, _jupyter_settings(config))
    return _FIRST_HEADING_END.sub(lambda m: m.group(0) + _actions(config, page), html, count=1)
