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

from .pages import includes_on, resolve_include
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


def entries_for(page: str, computed: list, sourced: list, sources: dict) -> list[dict]:
    """One entry per row of the page whose number can link somewhere: its phrase, where the
    link goes and what hovering or focusing it says."""
    text = (DOCS / page).read_text(encoding="utf-8")
    if page.endswith(".ipynb"):  # a notebook's citations stand in its Markdown cells
        text = "\n\n".join("".join(cell["source"]) for cell in json.loads(text)["cells"]
                           if cell["cell_type"] == "markdown")
    shown = {rel(target) for target in map(resolve_include, includes_on(DOCS / page)) if target is not None}
    entries = []
    for row in computed:
        if row[0] != page:
            continue
        source = sources.get(row[2])
        if source is None:
            continue
        if source.endswith(".py") and source not in shown:  # shown on another page: link there
            elsewhere = next((other for other in sorted(DOCS.rglob("*.md"))
                              if source in {rel(target) for target in map(resolve_include, includes_on(other))
                                            if target is not None}), None)
            if elsewhere is not None:
                target = posixpath.relpath(elsewhere.relative_to(DOCS).with_suffix(".html").as_posix(),
                                           posixpath.dirname(page) or ".")
                entries.append({"phrase": row[1], "href": f"{target}#{Snippet(REPO / source).output_anchor}",
                                "note": f"computed by {Path(source).name}, shown in {page_title(elsewhere)}"})
        elif source.endswith(".py"):
            line = output_line(source, row[1])
            snippet = Snippet(REPO / source)
            # A number the output prints as written leads to its line, any other to the output.
            anchor = snippet.output_line_anchor(line) if line else snippet.output_anchor
            entries.append({"phrase": row[1], "href": "#" + anchor,
                            "note": f"computed by {Path(source).name}" + (f", output line {line}" if line else ""),
                            "output": Path(source).with_suffix(".out").as_posix(), "line": line})
        elif ".md#" in source:  # counted from a page: the link leads to what was counted
            path, anchor = source.split("#", 1)
            target = posixpath.relpath(Path(path).relative_to("docs").with_suffix(".html").as_posix(),
                                       posixpath.dirname(page) or ".")
            href = f"#{anchor}" if target == Path(page).with_suffix(".html").name else f"{target}#{anchor}"
            entries.append({"phrase": row[1], "href": href, "note": f"counted in {anchor_label(anchor)}"})
        elif source.endswith(".ipynb"):
            target = posixpath.relpath(Path(source).relative_to("docs").with_suffix(".html").as_posix(),
                                       posixpath.dirname(page) or ".")
            if target != Path(page).with_suffix(".html").name:
                entries.append({"phrase": row[1], "href": target,
                                "note": f"measured in the notebook {Path(source).name}"})
    # A source is named as the page cites it: "Krizhevsky et al., 2012".
    labels = {key: " ".join(label.split()) for label, key in CITATION.findall(text)}
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
