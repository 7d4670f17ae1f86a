"""The contract across files (docs/_theme/contract/snippet_contract.py): what no single page or snippet item can see."""

from snippet_contract import discover_snippets, orphan_outputs
from harness.pages import discover_pages
from harness.paths import REPO, rel


def test_there_are_snippets_and_pages():
    assert discover_snippets(REPO), "no snippets found under snippets/<section>/*.py"
    assert discover_pages(), "no pages found under docs/"


def test_every_recorded_output_has_its_snippet():
    orphans = [rel(path) for path in orphan_outputs(REPO)]
    assert not orphans, f"recorded outputs without a snippet beside them: {orphans}"


def test_every_snippet_is_shown_on_a_page(pages_showing):
    unshown = [rel(s.path) for s in discover_snippets(REPO) if s.path.resolve() not in pages_showing]
    assert not unshown, f"snippets that no page shows: {unshown}"


def test_every_shown_snippet_shows_its_output(pages_showing):
    """A page that includes a snippet's .py also includes its .out."""
    missing = [
        f"{page} shows {rel(snippet.path)} but not {rel(snippet.out_path)}"
        for snippet in discover_snippets(REPO)
        for page in pages_showing.get(snippet.path.resolve(), [])
        if page not in pages_showing.get(snippet.out_path.resolve(), [])
    ]
    assert not missing, "\n".join(missing)


def test_recorded_versions_are_the_pinned_versions():
    """The stamp beside the outputs names the torch and torchvision pyproject.toml pins (the ones
    CI installs); --update-outputs is its only writer, from the versions it ran with."""
    import json
    import re
    import tomllib

    pins = {}
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for requirement in [r for group in project.get("optional-dependencies", {}).values() for r in group]:
        match = re.fullmatch(r"(torch|torchvision)==([\w.+]+)", requirement.strip())
        if match:
            pins[match.group(1)] = match.group(2)
    assert set(pins) == {"torch", "torchvision"}, f"pyproject.toml must pin torch and torchvision exactly: {pins}"
    stamps = sorted((REPO / "snippets").glob("*/recorded-with.json"))
    assert stamps
    disagreeing = [
        f"{rel(stamp)} says {name} {json.loads(stamp.read_text(encoding='utf-8')).get(name)}, pyproject.toml pins {pin}"
        for stamp in stamps for name, pin in pins.items()
        if json.loads(stamp.read_text(encoding="utf-8")).get(name) != pin
    ]
    assert not disagreeing, "\n".join(disagreeing)
