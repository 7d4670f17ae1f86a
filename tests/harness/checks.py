"""The checks themselves, as functions that return what is wrong (empty when all is well),
so that the tests can also feed them broken input and read the messages."""

from dataclasses import dataclass, field
from pathlib import Path

from .pages import PageError, as_rendered, block_title, code_blocks, is_python
from .paths import rel
from .report import Drift, describe_pages, unified
from snippet_contract import VERSIONS, Snippet, current_versions, describe_versions, fence_lines, without_section_markers
from .tolerance import DeclarationError, declared, judge


@dataclass
class Findings:
    problems: list[str] = field(default_factory=list)
    drifts: list[Drift] = field(default_factory=list)
    toleranced: list[str] = field(default_factory=list)  # outputs compared within a declared tolerance


def tolerance_of(code: str, where: str, found: Findings):
    """The code's declared tolerance (None if it declares none); a bad declaration is a problem."""
    try:
        return declared(code, where)
    except DeclarationError as error:
        found.problems.append(str(error))
        return None


def within_tolerance(expected: str, actual: str, tolerance, where: str, found: Findings) -> tuple[bool, str]:
    """Whether two outputs agree under the declaration, and what to add to a drift report."""
    if tolerance is not None:
        found.toleranced.append(where)
    agrees, beyond, problems = judge(expected, actual, tolerance, where)
    found.problems += problems
    return agrees, beyond


def version_warning(recorded: dict) -> str:
    """A line saying which installed versions differ from those the outputs were recorded with."""
    running = current_versions()
    differing = [f"{name} {recorded.get(name, '?')} -> {running[name]}" for name in VERSIONS
                 if recorded.get(name) != running[name]]
    if not differing:
        return ""
    return ("  NOTE: the installed versions differ from the recorded ones (" + ", ".join(differing)
            + "); the drift may come from the upgrade\n")


def fence_problem(snippet, output: str) -> str:
    """What is wrong with an output line that would end the page's code block, or ''."""
    lines = ", ".join(str(n) for n in fence_lines(output))
    if not lines:
        return ""
    return (f"{rel(snippet.path)} prints a code fence (a line of ``` or ~~~, line {lines} of its output), "
            "which would end the code block its page shows the output in; print it differently")


def describe_failure(source: str, result, pages: list[str], torch_cache_report: list[str] = ()) -> str:
    lines = [
        f"{source} failed with exit code {result.returncode}",
        f"  shown on: {describe_pages(pages)}",
        f"  running:  {describe_versions(current_versions())}",
    ]
    if torch_cache_report:
        lines.append("  torch cache of the run:")
        lines += [f"    {line}" for line in torch_cache_report]
    lines.append(f"--- its stderr ---\n{result.stderr.rstrip()}")
    return "\n".join(lines)


def fresh_run_problem(snippet: Snippet, result, pages: list[str], torch_cache_report=lambda: []) -> str | None:
    """What keeps a fresh run from being compared or recorded: it failed, printed nothing, or
    printed a line that would close the fence around it on the page."""
    if not result.ok:
        return describe_failure(rel(snippet.path), result, pages, torch_cache_report())
    if not result.stdout.strip():
        return (f"{rel(snippet.path)} printed nothing: a fragment on the site must print what its page "
                f"shows (shown on: {describe_pages(pages)})")
    return fence_problem(snippet, result.stdout)


def check_snippet(snippet: Snippet, runner, pages: list[str], torch_cache_report=lambda: []) -> Findings:
    found = Findings()
    result = runner.run_file(snippet.path, snippet.name)
    if problem := fresh_run_problem(snippet, result, pages, torch_cache_report):
        found.problems.append(problem)
        return found
    recorded = snippet.recorded_output()
    tolerance = tolerance_of(snippet.code, rel(snippet.path), found)
    if recorded is None:
        found.problems.append(f"{rel(snippet.out_path)} is missing: record it with `pytest --update-outputs`")
        return found
    agrees, beyond = within_tolerance(recorded, result.stdout, tolerance, rel(snippet.path), found)
    if not agrees:
        diff = unified(recorded, result.stdout, f"{rel(snippet.out_path)} (recorded)",
                       f"{rel(snippet.path)} (fresh run)")
        found.drifts.append(Drift(rel(snippet.out_path), rel(snippet.path), pages, beyond + diff))
        found.problems.append(
            f"output drifted: {rel(snippet.path)} no longer prints {rel(snippet.out_path)}\n"
            f"  shown on: {describe_pages(pages)}\n"
            f"  recorded with: {describe_versions(snippet.recorded_with())}\n"
            f"  running with:  {describe_versions(current_versions())}\n"
            f"{version_warning(snippet.recorded_with())}"
            f"{beyond}"
            f"{diff}"
            "If the change is intended, re-record with: pytest --update-outputs"
        )
    return found


@dataclass(frozen=True)
class PageBlock:
    """A Python block of an expanded page, and the name its test item carries."""

    name: str
    block: object  # pytest-codeblocks' CodeBlock


def page_blocks(page: Path) -> tuple[list[PageBlock], str | None]:
    """The page's Python blocks as pytest-codeblocks reads the expanded page, each named by
    its title (made unique), or the reason the page cannot be read."""
    try:
        blocks = code_blocks(page)
    except PageError as error:
        return [], str(error)
    named, seen = [], {}
    for block in blocks:
        if not is_python(block):
            continue
        title = block_title(block)
        seen[title] = seen.get(title, 0) + 1
        named.append(PageBlock(title if seen[title] == 1 else f"{title} ({seen[title]})", block))
    return named, None


def check_block(page: Path, named: PageBlock, runner, snippets: list[Snippet]) -> Findings:
    """A Python block must be followed by an expected-output block equal to its fresh output."""
    found = Findings()
    block, title = named.block, block_title(named.block)
    if block.expected_output is None:
        found.problems.append(
            f"{rel(page)}: the Python block '{title}' has no expected-output block after it "
            "(add <!--pytest-codeblocks:expected-output--> and a text block including its .out)"
        )
        return found
    snippet, part = snippet_in_block(block.code, snippets)
    if snippet is not None:
        result, source = runner.run_file(snippet.path, snippet.name), rel(snippet.path)
        if part:
            source += " (the page shows part of it; the output is the whole file's)"
    else:
        # Code typed into the page instead of included: still run and checked.
        source = f"{rel(page)} ('{title}', inline)"
        result = runner.run(block.code, source)
    if not result.ok:
        found.problems.append(describe_failure(f"{rel(page)}: '{title}' ({source})", result, [rel(page)]))
        return found
    tolerance = tolerance_of(snippet.code if snippet is not None else block.code, source, found)
    agrees, beyond = within_tolerance(as_rendered(block.expected_output), as_rendered(result.stdout), tolerance,
                                      f"{rel(page)} ('{title}')", found)
    if not agrees:
        diff = unified(block.expected_output, result.stdout,
                       f"{rel(page)}: output shown under '{title}'", f"{source} (fresh run)")
        found.drifts.append(Drift(rel(page), source, [rel(page)], beyond + diff))
        found.problems.append(f"{rel(page)}: the output shown under '{title}' drifted from {source}\n{beyond}{diff}")
    return found


def snippet_in_block(code: str, snippets: list[Snippet]) -> tuple[Snippet | None, bool]:
    """The snippet a page block shows, and whether it shows only part of it (a named section
    or a line range): the whole file, or else the one file that holds the block's lines."""
    shown = as_rendered(code)
    whole = {as_rendered(without_section_markers(s.code)): s for s in snippets}
    if shown in whole:
        return whole[shown], False
    if shown.strip():
        holders = [s for text, s in whole.items() if ("\n" + text).find("\n" + shown) >= 0]
        if len(holders) == 1:
            return holders[0], True
    return None, False


def check_page(page: Path, runner, snippets: list[Snippet]) -> Findings:
    """Every Python block of the page, checked as check_block does."""
    found = Findings()
    blocks, problem = page_blocks(page)
    if problem:
        found.problems.append(problem)
    for named in blocks:
        one = check_block(page, named, runner, snippets)
        found.problems += one.problems
        found.drifts += one.drifts
        found.toleranced += one.toleranced
    return found


def check_determinism(code: str, label: str, runner, filename: str | None = None) -> list[str]:
    """Run the code twice (the second time in a new interpreter); the lines that differ,
    numbered, or nothing."""
    first, second = runner.run_twice(code, label, filename)
    a, b = first.stdout.splitlines(), second.stdout.splitlines()
    differing = [
        f"  line {i + 1}: first run {x!r}, second run {y!r}"
        for i, (x, y) in enumerate(zip(a, b)) if x != y
    ]
    if len(a) != len(b):
        differing.append(f"  the first run printed {len(a)} lines, the second {len(b)}")
    if not differing:
        return []
    return [f"{label} prints different output from one run to the next:"] + differing
