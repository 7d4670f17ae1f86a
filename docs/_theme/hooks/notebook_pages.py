"""Notebook pages: refuse a notebook whose recorded outputs contain an error, and drop the
loaders mkdocs-jupyter adds for MathJax and mermaid from a CDN (the site serves nothing from
outside itself; notebook formulas, if any, are not typeset by a remote script)."""

import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

_REMOTE_MATHJAX = re.compile(r'<script[^>]*\bsrc="https?://[^"]*mathjax[^"]*"[^>]*>\s*</script>', re.I)
_MATHJAX_CONFIG = re.compile(r'<script type="text/x-mathjax-config">.*?</script>', re.S)
_MERMAID_LOADER = re.compile(r'<script type="module">(?:(?!</script>).)*?mermaid(?:(?!</script>).)*</script>', re.S)


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
    for pattern in (_REMOTE_MATHJAX, _MATHJAX_CONFIG, _MERMAID_LOADER):
        html = pattern.sub("", html)
    return html
