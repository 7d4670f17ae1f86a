"""Figures on a page: each SVG figure under docs/figures/ is shown at its drawn size (width and
height from its viewBox, so the page does not shift while it loads), in the twin that suits
the reader's palette (NAME.svg in light mode, NAME-dark.svg in dark mode), and as a link to
the file itself, which the browser opens full screen and zooms, from disk too.

A figure without its dark twin stops the build, naming both files."""

import html
import posixpath
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from contract_loader import contract

_IMAGE = re.compile(r"<img\b(?P<attrs>[^>]*?)\s*/?>")
_ATTRIBUTE = re.compile(r'(?P<name>[\w-]+)="(?P<value>[^"]*)"')
_VIEWBOX = re.compile(r'viewBox="0 0 (?P<width>[\d.]+) (?P<height>[\d.]+)"')


def _tag(attributes: dict) -> str:
    return "<img " + " ".join(f'{k}="{html.escape(v, quote=True)}"' for k, v in attributes.items()) + " />"


def on_page_content(content, page, config, **kwargs):
    docs = Path(config.docs_dir)
    dark_suffix = contract(config).DARK_FIGURE_SUFFIX
    figures_before = []  # the first figure is usually in view at once: it is not loaded lazily
    page_dir = posixpath.dirname(page.file.src_uri)

    def replace(match):
        attributes = {m.group("name"): html.unescape(m.group("value")) for m in _ATTRIBUTE.finditer(match.group("attrs"))}
        src = attributes.get("src", "")
        if not src.endswith(".svg") or "://" in src or src.startswith("data:"):
            return match.group(0)
        source = docs / posixpath.normpath(posixpath.join(page_dir, src))
        if not source.is_file():
            return match.group(0)  # MkDocs' own link validation names a missing file
        if source.stem.endswith(dark_suffix):
            raise PluginError(f"{page.file.src_path}: show {source.name} through its light twin; the build pairs them")
        found = _VIEWBOX.search(source.read_text(encoding="utf-8"))
        if not found:
            raise PluginError(f"{page.file.src_path}: {source.relative_to(docs)} has no viewBox to size it by")
        dark_source = source.with_name(source.stem + dark_suffix + ".svg")
        if not dark_source.is_file():
            raise PluginError(
                f"{page.file.src_path}: {source.relative_to(docs)} has no dark twin "
                f"{dark_source.relative_to(docs)} (generate it with `pytest --update-outputs`)"
            )
        dark_src = src[: -len(".svg")] + dark_suffix + ".svg"
        sized = {**attributes, "width": found.group("width"), "height": found.group("height"), "decoding": "async"}
        if figures_before:
            sized["loading"] = "lazy"
        figures_before.append(source)
        shown = []
        for palette, href in (("light", src), ("dark", dark_src)):
            image = _tag({**sized, "src": f"{href}#only-{palette}"})
            shown.append(f'<a class="figure-zoom figure-zoom--{palette}" href="{html.escape(href)}" '
                         f'title="Open the figure full size">{image}</a>')
        return "".join(shown)

    return _IMAGE.sub(replace, content)
