"""Generated figures: every figure a section declares, committed, must be what its code draws
from the current snippets."""

import re

import pytest

from harness.paths import FIGURES as FIGURE_DIR, rel
from harness.report import figure_drift
from harness.sections import discover_sections

pytestmark = pytest.mark.checks_generated_files  # selected, they are redrawn by --update-outputs

DECLARED = [(section, name) for section in discover_sections() for name in sorted(getattr(section.module, "FIGURES", {}))]


def drawn(section, file_name: str, runner) -> str:
    return section.figures(runner)[file_name]()


def test_no_two_sections_draw_the_same_file():
    names = [name for _, name in DECLARED]
    assert len(names) == len(set(names)), sorted({n for n in names if names.count(n) > 1})


@pytest.mark.parametrize("section, file_name", DECLARED, ids=[f"{s.name}:{n}" for s, n in DECLARED])
def test_committed_figure_matches_the_code(section, file_name, snippet_runner):
    path = FIGURE_DIR / file_name
    assert path.exists(), f"{rel(path)} is missing: generate it with `pytest --update-outputs`"
    drift = figure_drift(path, path.read_text(encoding="utf-8"), drawn(section, file_name, snippet_runner))
    if drift:
        pytest.fail(drift, pytrace=False)


def test_a_changed_label_is_reported_naming_the_figure(snippet_runner):
    """The check above, given the first declared figure with the first of its labels edited."""
    section, file_name = DECLARED[0]
    path = FIGURE_DIR / file_name
    committed = path.read_text(encoding="utf-8")
    label = re.search(r">([^<>]*\w[^<>]*)</text>", committed).group(1)
    edited = committed.replace(f">{label}</text>", f">{label}9</text>", 1)
    drift = figure_drift(path, edited, drawn(section, file_name, snippet_runner))
    assert drift and drift.startswith(f"{rel(path)} no longer matches the model"), drift
    lines = drift.splitlines()
    assert any(line.startswith("-") and f">{label}9</text>" in line for line in lines), drift  # committed
    assert any(line.startswith("+") and f">{label}</text>" in line for line in lines), drift  # regenerated
