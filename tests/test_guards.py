"""Proof of what the suite guards (harness/guards.py): every number and a word of every line in
each recorded output, a line added to and removed from each, every number in the prose, every
label of every generated figure, each changed as a reader would notice and handed to the check
that reads it, with this run's results (no fragment runs again). Each test fails on an item
that survives, naming it; all of them write the per-page table to .harness/guards.md.

    pytest --prove-guards     these proofs alone, with the table printed at the end
"""

import json
import re
import time
from contextlib import contextmanager

import nbformat
import pytest

from harness import guards
from harness.notebooks import discover_notebooks, fresh_text_outputs, text_outputs
from harness.paths import DOCS, REPO, rel
from harness.prose import read_prose
from harness.sections import discover_sections
from snippet_contract import discover_snippets

pytestmark = [pytest.mark.proof, pytest.mark.guards]

REPORT = REPO / ".harness" / "guards.md"
SNIPPETS = discover_snippets(REPO)
SECTIONS = discover_sections()


@contextmanager
def timed():
    """Time spent proving, apart from getting this run's results."""
    clock = {"seconds": 0.0}
    started = time.perf_counter()
    yield clock
    clock["seconds"] = time.perf_counter() - started


def record(verdicts: list, group: str, seconds: float) -> None:
    """Each group's verdicts go to .harness/guards/<group>.json; the table is rebuilt from the
    latest verdicts of every group whose file still exists (a run with -k refreshes its own),
    under a lock: pytest-xdist's workers record too."""
    import fcntl

    folder = REPORT.parent / "guards"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        write_group_and_table(folder, verdicts, group, seconds)


def write_group_and_table(folder, verdicts: list, group: str, seconds: float) -> None:
    rows = [{"kind": v.item.kind, "file": v.item.file, "line": v.item.line, "text": v.item.text,
             "page": v.item.page, "check": v.item.check, "failed": v.failed, "names_place": v.names_place}
            for v in verdicts]
    group_file = folder / f"{re.sub(r'[^A-Za-z0-9_.-]', '_', group)}.json"
    group_file.write_text(json.dumps({"seconds": seconds, "rows": rows}), encoding="utf-8")
    every, total = [], 0.0
    for path in sorted(folder.glob("*.json")):
        saved = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(saved, dict):  # written by an older harness: proved again next run
            path.unlink()
            continue
        rows = saved["rows"]
        if rows and not (REPO / rows[0]["file"].split(" cell ")[0]).exists():
            path.unlink()  # the verdicts of a file that is gone
            continue
        total += saved["seconds"]
        for row in rows:
            item = guards.Item(row["kind"], row["file"], row["line"], row["text"], row["page"], row["check"])
            every.append(guards.Verdict(item, row["failed"], row["names_place"], ""))
    REPORT.write_text(guards.report(every, total), encoding="utf-8")


def assert_all_caught(verdicts: list) -> None:
    survivors = [v for v in verdicts if not v.caught]
    assert not survivors, f"{len(survivors)} of {len(verdicts)} guarded items survived a change:\n" + "\n".join(
        f"  {v.item.kind} {v.item.text!r} at {v.item.file}:{v.item.line} ({v.item.check}): "
        + ("no check failed" if not v.failed else "the failure does not name its file and line")
        for v in survivors)


@pytest.mark.parametrize("snippet", [s for s in SNIPPETS if s.out_path.exists()], ids=lambda s: rel(s.path))
def test_every_item_of_a_recorded_output_is_guarded(snippet, snippet_runner, pages_showing):
    result = snippet_runner.run_file(snippet.path, snippet.name)
    assert result.ok, f"{rel(snippet.path)} failed in this run; its own test says why"
    pages = [page.removeprefix("docs/") for page in pages_showing.get(snippet.path.resolve(), [])]
    items = guards.output_items(snippet, pages)
    with timed() as clock:
        verdicts = guards.prove_output(snippet, result.stdout, items)
    record(verdicts, rel(snippet.out_path), clock["seconds"])
    assert_all_caught(verdicts)


PROSE_PAGES = sorted({(section.name, row[0]) for section in SECTIONS for kind in ("COMPUTED", "SOURCED")
                      for row in section.rows(kind)})


@pytest.mark.parametrize("section_name, page", PROSE_PAGES, ids=[p for _, p in PROSE_PAGES])
def test_every_number_in_the_prose_is_guarded(section_name, page, facts):
    section = next(s for s in SECTIONS if s.name == section_name)
    computed = [tuple(r) for r in section.rows("COMPUTED") if r[0] == page]
    sourced = [tuple(r) for r in section.rows("SOURCED") if r[0] == page]
    text = read_prose(DOCS / page, page)
    with timed() as clock:
        verdicts = guards.prove_prose(text, page, computed, sourced, facts[section_name], section.claims_file)
    record(verdicts, f"prose-{page}", clock["seconds"])
    assert_all_caught(verdicts)


FIGURES = [(section, name) for section in SECTIONS for name in sorted(getattr(section.module, "FIGURES", {}))]


@pytest.mark.parametrize("section, file_name", FIGURES, ids=[n for _, n in FIGURES])
def test_every_label_of_a_generated_figure_is_guarded(section, file_name, snippet_runner):
    from harness.paths import FIGURES as FIGURE_DIR

    path = FIGURE_DIR / file_name
    committed = path.read_text(encoding="utf-8")
    fresh = section.figures(snippet_runner)[file_name]()
    page = next((p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")
                 if file_name.replace("-dark", "") in p.read_text(encoding="utf-8")), "(no page)")
    with timed() as clock:
        verdicts = guards.prove_figure(path, committed, fresh, guards.figure_items(path, committed, page))
    record(verdicts, file_name, clock["seconds"])
    assert_all_caught(verdicts)



@pytest.mark.notebook
@pytest.mark.parametrize("path", discover_notebooks(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_item_of_a_notebook_output_is_guarded(path, notebook_env, request):
    """With this run's one execution of the notebook (shared with tests/test_notebooks.py)."""
    recorded = text_outputs(nbformat.read(path, as_version=4))
    fresh = fresh_text_outputs(path, notebook_env, getattr(request.config, "workerinput", {}).get("harness_share_dir"))
    items = guards.notebook_items(path, recorded, path.relative_to(DOCS).as_posix())
    with timed() as clock:
        verdicts = guards.prove_notebook(path, recorded, fresh, items)
    record(verdicts, rel(path), clock["seconds"])
    assert_all_caught(verdicts)


@pytest.mark.slow
@pytest.mark.copies_repository
def test_on_a_copy_with_a_check_disabled_the_report_names_what_it_guarded(tmp_path):
    """On a repository copy whose output comparison accepts anything, the proof fails and the
    table it prints names every item of the output as a survivor, with its file and line."""
    from harness.sandbox import RepositoryCopy

    snippet = next(s for s in SNIPPETS if s.out_path.exists())
    copy = RepositoryCopy(tmp_path / "repo")
    copy.replace("tests/harness/checks.py",
                 "def within_tolerance(expected: str, actual: str, tolerance, where: str, found: Findings) -> tuple[bool, str]:\n",
                 "def within_tolerance(expected: str, actual: str, tolerance, where: str, found: Findings) -> tuple[bool, str]:\n"
                 "    return True, ''  # disabled\n")
    run = copy.pytest("--prove-guards", "-k", rel(snippet.path))
    assert run.returncode == 1, run.output
    items = guards.output_items(snippet, [])
    # The table as --prove-guards prints it (a replayed run restores the output, not .harness/).
    table = run.output[run.output.index("# Guarded items"):]
    assert f"{len(items)} survived." in table, table
    missing = [f"{item.file}:{item.line}" for item in items if f"at {item.file}:{item.line} " not in table]
    assert not missing, f"survivors the table does not name: {missing}\n{table}"
