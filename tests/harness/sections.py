"""Sections, discovered: every package `tests/<name>/` with a `section.py` is one. The harness
never names a section; it finds them here and runs the generic checks over each.

A section's `section.py` declares, as module attributes:

    SNIPPETS      the folder of its fragments, under snippets/
    CLAIMS_FILE   where its rows live, for messages (tests/<name>/claims.py)
    COMPUTED, SOURCED, QUOTED, NO_SOURCE
                  its rows (see tests/lenet_alexnet/claims.py for their form)
    facts(runner) the facts its COMPUTED rows are checked against, as a dict
    FIGURES       {file name under docs/figures: function(runner) -> SVG text}

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

    def facts(self, runner) -> dict:
        return self.module.facts(runner) if hasattr(self.module, "facts") else {}


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
