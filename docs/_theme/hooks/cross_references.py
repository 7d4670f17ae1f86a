"""Numbered things and the references to them: every "Figure 20.1.2", "Table 20.1.1", "Code
Fragment 3" or "Exercise 20.1.2" written in a page's text becomes a link to what it names, on
the same page or another.

What is numbered is read from the sources before any page is rendered: a figure or table by
its caption label (`<strong>Figure 20.1.1:</strong>`, `**Table 20.1.1:**`), a code fragment by
its caption (`**Code Fragment 3:**`), an exercise by its heading (`### Exercise 20.1.1: ...`).
A reference in the site's own numbering (20.1.x) to nothing that exists, or a label defined
twice, stops the build. References to other works ("its Figure 1") are left as they are."""

import html
import json
import posixpath
import re

from markdown.extensions.toc import slugify
from mkdocs.exceptions import PluginError

_KINDS = r"Figure|Table|Code Fragment|Exercise"
_CAPTION = re.compile(r"(?:<strong>|\*\*)(?P<label>(?:Figure|Table|Code Fragment) \d+(?:\.\d+)*):(?:</strong>|\*\*)")
_EXERCISE_HEADING = re.compile(r"^#{1,6}\s+(?P<heading>(?P<label>Exercise \d+(?:\.\d+)+):.*?)\s*$", re.M)
_MENTION = re.compile(rf"\b(?P<label>(?:{_KINDS})\s(?P<number>\d+(?:\.\d+)*))\b(?!:)")
_OWN_NUMBERING = re.compile(r"\d+\.\d+\.\d+")
# Text inside these is never linked: links, headings, code, drawings, bold caption labels, and
# the summary line of a collapsible block (a link inside the control that opens it is a trap).
_SKIP = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "code", "script", "style", "svg", "strong", "title",
         "summary"}
_TAG = re.compile(r"(<[^>]+>)")

_targets: dict[str, list[tuple[object, str]]] = {}  # label -> [(file, anchor)]


def anchor_of(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def _sources(file) -> str:
    text = open(file.abs_src_path, encoding="utf-8").read()
    if file.src_uri.endswith(".ipynb"):
        cells = json.loads(text).get("cells", [])
        return "\n\n".join("".join(c.get("source", "")) for c in cells if c.get("cell_type") == "markdown")
    return text


def on_files(files, config, **kwargs):
    _targets.clear()
    for file in files:
        if not file.src_uri.endswith((".md", ".ipynb")) or file.src_uri.startswith("_theme/"):
            continue
        text = _sources(file)
        for match in _CAPTION.finditer(text):
            _targets.setdefault(match.group("label"), []).append((file, anchor_of(match.group("label"))))
        for match in _EXERCISE_HEADING.finditer(text):
            heading = re.sub(r"[*_`]", "", match.group("heading"))
            _targets.setdefault(match.group("label"), []).append((file, slugify(heading, "-")))
    return files


def _resolve(label: str, page):
    found = _targets.get(label, [])
    here = [t for t in found if t[0].src_uri == page.file.src_uri]
    if len(here) > 1:
        raise PluginError(f"{page.file.src_path}: {label} is defined {len(here)} times on the page")
    if here:
        return f"#{here[0][1]}"
    if len(found) == 1:
        target_file, anchor = found[0]
        link = posixpath.relpath(target_file.dest_uri, posixpath.dirname(page.file.dest_uri) or ".")
        return f"{link}#{anchor}"
    if len(found) > 1:
        pages = ", ".join(f.src_uri for f, _ in found)
        raise PluginError(f"{page.file.src_path}: {label} is defined on several pages ({pages}); "
                          "it cannot be linked")
    return None


def _add_ids(content: str) -> str:
    """Give each captioned figure, table caption and code fragment caption its anchor."""
    def figure(match):
        label = _CAPTION.search(match.group(0))
        if not label or " id=" in match.group("open"):
            return match.group(0)
        return match.group(0).replace(match.group("open"), f'{match.group("open")[:-1]} id="{anchor_of(label.group("label"))}">', 1)

    content = re.sub(r"(?P<open><figure[^>]*>).*?</figure>", figure, content, flags=re.S)
    return re.sub(r"<p><strong>(?P<label>(?:Table|Code Fragment) \d+(?:\.\d+)*):</strong>",
                  lambda m: f'<p id="{anchor_of(m.group("label"))}"><strong>{m.group("label")}:</strong>', content)


def on_page_content(content, page, config, **kwargs):
    content = _add_ids(content)
    parts = _TAG.split(content)
    depth = {name: 0 for name in _SKIP}
    for index, part in enumerate(parts):
        if part.startswith("<"):
            name = re.match(r"</?([a-zA-Z0-9]+)", part)
            if name and name.group(1).lower() in _SKIP and not part.endswith("/>"):
                depth[name.group(1).lower()] += -1 if part.startswith("</") else 1
            continue
        if any(depth.values()) or not part.strip():
            continue

        def link(match):
            label = re.sub(r"\s+", " ", match.group("label"))
            href = _resolve(label, page)
            if href is None:
                if _OWN_NUMBERING.fullmatch(match.group("number")) or label.startswith("Code Fragment"):
                    raise PluginError(f"{page.file.src_path}: \"{label}\" refers to nothing on the site")
                return match.group(0)  # another work's numbering
            return f'<a class="cross-reference" href="{html.escape(href)}">{match.group(0)}</a>'

        parts[index] = _MENTION.sub(link, part)
    return "".join(parts)
