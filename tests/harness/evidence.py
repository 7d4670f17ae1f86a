"""Where each checked number on a page comes from, for readers: the evidence index that
docs/_theme/hooks/evidence.py turns into quiet links. A computed number links to the output
of the fragment that computes it (or to the notebook that measures it); a sourced number to
its entry in the page's References, with the locator shown on hover and focus.

The index is a generated file per page, docs/_theme/evidence/<page>.json, written by
`pytest --update-outputs` from the sections' claims rows and facts, and checked against them
like the figures (tests/test_evidence.py): the build reads it and needs no test code.
"""

import json
import posixpath
import re
from pathlib import Path

from snippet_contract import Snippet

from .pages import built_path, discover_pages, includes_on, resolve_include
from .paths import DOCS, REPO, rel

EVIDENCE = DOCS / "_theme" / "evidence"
CITATION = re.compile(r"\[([^\[\]]+)\]\(#ref-([\w-]+)\)")


def index_path(page: str) -> Path:
    return EVIDENCE / Path(page).with_suffix(".json")


def output_line(source: str, phrase: str) -> int | None:
    """The line of the fragment's recorded output that prints the bracketed number as the page
    writes it, if a distinctive number (a short one, a 5 or a 64, turns up on many lines)."""
    value = " ".join(re.search(r"\[([^\]]+)\]", phrase).group(1).split())
    output = (REPO / source).with_suffix(".out")
    if not re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+\.\d+|\d{4,}", value) or not output.exists():
        return None
    for number, line in enumerate(output.read_text(encoding="utf-8").splitlines(), start=1):
        if re.search(rf"(?<![\w.,]){re.escape(value)}(?![\d]|[.,]\d)", line):
            return number
    return None


def page_title(path: Path) -> str:
    """A page's first heading, as a reader sees it in the navigation."""
    text = path.read_text(encoding="utf-8")
    return next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), path.stem)


def anchor_label(anchor: str) -> str:
    """The name a numbered anchor stands for: 'table-20-1-1' -> 'Table 20.1.1'."""
    words = anchor.split("-")
    first_number = next(i for i, word in enumerate(words) if word.isdigit())
    return " ".join(words[:first_number]).capitalize() + " " + ".".join(words[first_number:])


def page_text(page: str) -> str:
    """The text a page's links are made in: a Markdown page as written, a notebook's Markdown
    cells (mkdocs-jupyter renders only those as prose)."""
    text = (DOCS / page).read_text(encoding="utf-8")
    if page.endswith(".ipynb"):
        text = "\n\n".join("".join(cell["source"]) for cell in json.loads(text)["cells"]
                           if cell["cell_type"] == "markdown")
    return text


def fragments_shown_on(page: Path) -> set[str]:
    """The fragments a page includes, repository-relative."""
    return {rel(target) for target in map(resolve_include, includes_on(page)) if target is not None}


def href(page: str, target: Path, anchor: str = "") -> str:
    """A link from a page to an anchor of a page of the site (the page itself: the anchor alone)."""
    path = posixpath.relpath(built_path(target), posixpath.dirname(built_path(DOCS / page)) or ".")
    if anchor and path == posixpath.basename(built_path(DOCS / page)):
        return f"#{anchor}"
    return f"{path}#{anchor}" if anchor else path


def entries_for(page: str, computed: list, sourced: list, sources: dict) -> list[dict]:
    """One entry per row of the page whose number can link somewhere: its phrase, where the
    link goes and what hovering or focusing it says."""
    shown = fragments_shown_on(DOCS / page)
    # A fragment shown on another page is linked there, on the first page that shows it.
    shown_elsewhere = {}
    for other in reversed(discover_pages()):
        shown_elsewhere.update({fragment: other for fragment in fragments_shown_on(other)})
    entries = []
    for row in computed:
        source = sources.get(row[2])
        if row[0] != page or source is None:
            continue
        if source.endswith(".py") and source in shown:
            line = output_line(source, row[1])
            snippet = Snippet(REPO / source)
            # A number the output prints as written leads to its line, any other to the output.
            anchor = snippet.output_line_anchor(line) if line else snippet.output_anchor
            entries.append({"phrase": row[1], "href": "#" + anchor,
                            "note": f"computed by {Path(source).name}" + (f", output line {line}" if line else ""),
                            "output": Path(source).with_suffix(".out").as_posix(), "line": line})
        elif source.endswith(".py") and source in shown_elsewhere:
            other = shown_elsewhere[source]
            entries.append({"phrase": row[1], "href": href(page, other, Snippet(REPO / source).output_anchor),
                            "note": f"computed by {Path(source).name}, shown in {page_title(other)}"})
        elif ".md#" in source:  # counted from a page: the link leads to what was counted
            path, anchor = source.split("#", 1)
            entries.append({"phrase": row[1], "href": href(page, REPO / path, anchor),
                            "note": f"counted in {anchor_label(anchor)}"})
        elif source.endswith(".ipynb") and source != f"docs/{page}":
            entries.append({"phrase": row[1], "href": href(page, REPO / source),
                            "note": f"measured in the notebook {Path(source).name}"})
    # A source is named as the page cites it: "Krizhevsky et al., 2012".
    labels = {key: " ".join(label.split()) for label, key in CITATION.findall(page_text(page))}
    for row in sourced:
        if row[0] == page:
            entries.append({"phrase": row[1], "href": f"#ref-{row[3]}",
                            "note": f"{labels.get(row[3], row[3])}: {row[4]}"})
    return entries


def evidence_files(sections, runner) -> dict:
    """{path of a page's evidence index: function returning its JSON text}, for every page
    with claims rows."""
    files = {}
    for section in sections:
        pages = sorted({row[0] for kind in ("COMPUTED", "SOURCED") for row in section.rows(kind)})
        for page in pages:
            def draw(section=section, page=page):
                sources = section.fact_sources(runner)
                entries = entries_for(page, section.rows("COMPUTED"), section.rows("SOURCED"), sources)
                return json.dumps(entries, indent=1, ensure_ascii=False) + "\n"
            files[index_path(page)] = draw
    return files
