"""Sections, discovered: every package `tests/<name>/` with a `section.py` is one. The harness
never names a section; it finds them here and runs the generic checks over each.

A section's `section.py` declares, as module attributes:

    SNIPPETS      the folder of its fragments, under snippets/
    CLAIMS_FILE   where its rows live, for messages (tests/<name>/claims.py)
    COMPUTED, SOURCED, QUOTED, NO_SOURCE
                  its rows (README.md, "Writing a number on a page", gives their form)
    FIGURES       {file name under docs/figures: function(runner) -> SVG text}
    NOTEBOOKS     its notebooks, as paths under docs/
    facts(runner) optional: the facts its COMPUTED rows are checked against, as a dict.
                  Without it, the facts are what its fragments and notebooks publish: a
                  fragment that defines a module-level dict `FACTS` publishes each entry as
                  "<fragment>.<key>", read after its one run (a renamed local changes
                  nothing); a notebook publishes the dict its cell tagged `facts` shows, each
                  entry as "<notebook>.<key>" (harness/notebooks.py, published_facts)

and may implement the hooks of harness/hookspecs.py: it is registered as a pytest plugin of
its own, under its own name, so two sections' hooks never shadow each other."""

import importlib
from dataclasses import dataclass
from functools import lru_cache

from .paths import REPO

TESTS = REPO / "tests"


class FactsUnavailable(Exception):
    """A section's facts could not be read (a fragment failed, an output lost a line)."""


@dataclass(frozen=True)
class Section:
    name: str  # the package: tests/<name>/
    module: object  # its section.py

    def rows(self, kind: str) -> list:
        return list(getattr(self.module, kind, []))

    @property
    def claims_file(self) -> str:
        return getattr(self.module, "CLAIMS_FILE", f"tests/{self.name}/section.py")

    def figures(self, runner) -> dict:
        """{file name: function returning the SVG text}."""
        return {name: (lambda draw=draw: draw(runner)) for name, draw in getattr(self.module, "FIGURES", {}).items()}

    @property
    def notebooks(self) -> list:
        return [REPO / "docs" / path for path in getattr(self.module, "NOTEBOOKS", [])]

    def fact_sources(self, runner) -> dict:
        """{fact name: the file that computes it, repository-relative}: the section's own
        fact_sources(runner) if it declares one, else read from the names of published facts
        ("<fragment>.<key>", "<notebook>.<key>")."""
        if hasattr(self.module, "fact_sources"):
            return self.module.fact_sources(runner)
        folder = REPO / "snippets" / self.module.SNIPPETS
        owners = {path.stem: path for path in folder.glob("*.py")}
        owners.update({path.stem: path for path in self.notebooks})
        return {name: owners[name.split(".", 1)[0]].relative_to(REPO).as_posix()
                for name in self.facts(runner) if name.split(".", 1)[0] in owners}

    def facts(self, runner) -> dict:
        if hasattr(self.module, "facts"):
            return self.module.facts(runner)
        from .notebooks import published_facts as published_by_notebook

        found = published_facts_of(REPO / "snippets" / self.module.SNIPPETS, runner)
        for notebook in self.notebooks:
            found.update({f"{notebook.stem}.{key}": value for key, value in published_by_notebook(notebook).items()})
        return found


def published_facts(namespace: dict) -> dict:
    """The inspector every fragment gets unless its section names its own: the `FACTS` mapping
    the fragment defines on purpose (harness/plugin.py's pytest_harness_snippet_inspector)."""
    declared = namespace.get("FACTS", {})
    return dict(declared) if isinstance(declared, dict) else {}


PUBLISHED_FACTS = (str(TESTS), "harness.sections", "published_facts")


def published_facts_of(folder, runner) -> dict:
    """{"<fragment>.<key>": value} for every fragment of `folder` that publishes FACTS."""
    from snippet_contract import discover_snippets

    found = {}
    for snippet in discover_snippets(REPO):
        if snippet.path.parent != folder:
            continue
        result = runner.run_file(snippet.path, f"{folder.name}/{snippet.path.stem}")
        if not result.ok:
            raise FactsUnavailable(f"{snippet.path.relative_to(REPO).as_posix()} did not run cleanly, so the "
                                   f"facts it publishes are unknown:\n{result.stderr.strip()}")
        found.update({f"{snippet.path.stem}.{key}": value for key, value in (result.exports or {}).items()})
    return found


@lru_cache(maxsize=None)
def discover_sections() -> tuple[Section, ...]:
    found = []
    for declaration in sorted(TESTS.glob("*/section.py")):
        package = declaration.parent.name
        found.append(Section(package, importlib.import_module(f"{package}.section")))
    return tuple(found)


def rows(kind: str) -> list[tuple]:
    """(section, row) for every row of `kind` in every section."""
    return [(section, row) for section in discover_sections() for row in section.rows(kind)]
