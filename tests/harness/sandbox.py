"""A throwaway copy of the repository, for proving that the checks fail when they should."""

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import cache
from .containment import PROTECTED_VARIABLE
from .paths import REPO, TOOLING_FOLDERS, is_tooling_folder

IGNORED = shutil.ignore_patterns(*TOOLING_FOLDERS, "*.egg-info")


@dataclass(frozen=True)
class PytestRun:
    returncode: int
    output: str


class RepositoryCopy:
    def __init__(self, destination: Path):
        self.root = Path(destination)
        shutil.copytree(REPO, self.root, ignore=IGNORED)

    def path(self, relative: str) -> Path:
        return self.root / relative

    def replace(self, relative: str, old: str, new: str) -> None:
        """Edit one file of the copy; the edit must apply exactly once."""
        path = self.path(relative)
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{relative}: expected exactly one {old!r} to replace"
        path.write_text(text.replace(old, new), encoding="utf-8")

    def snapshot(self) -> dict[str, str]:
        """Every file of the copy (not caches) with its hash."""
        return {
            path.relative_to(self.root).as_posix(): cache.file_digest(path)
            for path in sorted(self.root.rglob("*"))
            if path.is_file() and not any(is_tooling_folder(part) for part in path.relative_to(self.root).parts[:-1])
        }

    def pytest(self, *args: str, env: dict | None = None, timeout: float = 900) -> PytestRun:
        """Run pytest in the copy. For authors, an identical earlier run (same files, arguments,
        settings and installed versions) is replayed from the cache: its output, the files it
        wrote into the copy, and its execution log."""
        environment = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_ADDOPTS")}
        environment.update(env or {})
        # The copy's snippets may not write into this repository, nor into the ones it came from.
        protected = [p for p in os.environ.get(PROTECTED_VARIABLE, "").split(os.pathsep) if p] + [str(REPO)]
        environment[PROTECTED_VARIABLE] = os.pathsep.join(protected)
        # Unchanged snippets may come from this repository's cache; changed ones never do.
        environment.setdefault("HARNESS_CACHE_DIR", str(cache.cache_dir()))
        log = Path(env["HARNESS_EXECUTION_LOG"]) if env and "HARNESS_EXECUTION_LOG" in env else None
        settings = sorted((k, v) for k, v in (env or {}).items() if k != "HARNESS_EXECUTION_LOG")
        before = self.snapshot()
        parts = (repr(sorted(before.items())), repr(args), repr(settings))

        hit = cache.load("copy-runs", parts, required={"returncode": int, "output": str, "written": dict, "log": str})
        if hit is not None:
            for relative, text in hit["written"].items():
                self.path(relative).write_text(text, encoding="utf-8")
            if log is not None:
                log.write_text(hit["log"], encoding="utf-8")
            return PytestRun(hit["returncode"], hit["output"])

        from .runner import run_pytest_in_fork

        # Its own temporary folder, so that it never prunes the folders of the run that made it.
        basetemp = self.root.parent / f"{self.root.name}-pytest-{len(list(self.root.parent.glob('*-pytest-*')))}"
        returncode, output = run_pytest_in_fork(
            self.root, ["-p", "no:cacheprovider", "-q", f"--basetemp={basetemp}", *args], environment, timeout)
        run = PytestRun(returncode, output)
        after = self.snapshot()
        written = {p: self.path(p).read_text(encoding="utf-8") for p, d in after.items() if before.get(p) != d}
        cache.store("copy-runs", parts, {
            "returncode": run.returncode, "output": run.output, "written": written,
            "log": log.read_text(encoding="utf-8") if log is not None and log.exists() else "",
        })
        return run


SYNTHETIC_CODE = """\
# A fragment of the synthetic section {name}: a sum and a shape, nothing that varies.
import torch

__all__ = ["values"]

values = torch.arange({size}).reshape({rows}, -1)
print("sum:", int(values.sum()))
print("shape:", tuple(values.shape))
"""


def add_synthetic_section(copy: RepositoryCopy, name: str, fragments: int = 1) -> tuple[str, str]:
    """A new section in the copy: snippets/<name>/ with `fragments` snippets and their recorded
    outputs, and a page docs/<name>.md that shows each with its output. Returns (folder, page)."""
    folder, page = f"snippets/{name}", f"docs/{name.replace('_', '-')}.md"
    copy.path(folder).mkdir(parents=True)
    fence = "```"
    blocks = []
    for number in range(1, fragments + 1):
        rows, size = number + 2, 4 * (number + 2)
        stem = "tally" if fragments == 1 else f"tally_{number}"
        copy.path(f"{folder}/{stem}.py").write_text(SYNTHETIC_CODE.format(name=name, size=size, rows=rows), encoding="utf-8")
        copy.path(f"{folder}/{stem}.out").write_text(
            f"sum: {size * (size - 1) // 2}\nshape: ({rows}, 4)\n", encoding="utf-8")
        blocks.append(f'{fence}python title="{stem}.py"\n--8<-- "{folder}/{stem}.py"\n{fence}\n\n'
                      "<!--pytest-codeblocks:expected-output-->\n\n"
                      f'{fence}text title="Output"\n--8<-- "{folder}/{stem}.out"\n{fence}\n')
    stamp = next(copy.path("snippets").glob("*/recorded-with.json"))
    copy.path(f"{folder}/recorded-with.json").write_text(stamp.read_text(encoding="utf-8"), encoding="utf-8")
    title = name.replace("_", " ").capitalize()
    copy.path(page).write_text(f"# {title}\n\n" + "\n".join(blocks), encoding="utf-8")
    return folder, page


def add_to_nav(copy: RepositoryCopy, title: str, page: str) -> None:
    """Add `page` (a path under docs/) to the end of the copy's navigation: mkdocs.yml is
    strict, so a page outside the navigation stops `mkdocs build` and `mkdocs serve`."""
    config = copy.path("mkdocs.yml")
    text = config.read_text(encoding="utf-8")
    start = text.index("\nnav:\n") + len("\nnav:\n")
    end = text.find("\n\n", start)
    end = len(text) if end < 0 else end
    entry = f"  - {title}: {page.removeprefix('docs/')}"
    config.write_text(text[:end].rstrip("\n") + "\n" + entry + text[end:], encoding="utf-8")


SYNTHETIC_SECTION = """\
# The synthetic section, declared as every section is (harness/sections.py): an inspector that
# reads a figure's data from the run of tally_1.py, and the figure drawn from it.
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = "{name}"
FOLDER = ROOT / "snippets" / SNIPPETS


def pytest_harness_snippet_inspector(path):
    if Path(path).resolve().parent == FOLDER:
        return (str(ROOT / "tests"), "{name}.section", "inspect")
    return None


def inspect(namespace):
    return {{"figure.tally": [["sum", int(namespace["values"].sum())]]}}


def draw(runner):
    rows = runner.run_file(FOLDER / "tally_1.py", "{name}/tally_1").exports["figure.tally"]
    text = "".join(f"<text>{{label}} {{value}}</text>" for label, value in rows)
    return f"<svg><title>Tally of the {name} section</title>{{text}}</svg>\\n"


FIGURES = {{"{name}-tally.svg": draw}}
"""


def add_generated_file(copy: RepositoryCopy, name: str) -> None:
    """For a synthetic section `name` (add_synthetic_section, with a tally_1.py): its
    declaration tests/<name>/section.py, which draws docs/figures/<name>-tally.svg from the
    fragment's run (tests/test_figures.py checks it; select it with `-k <name>`), and the
    drawn file."""
    copy.path(f"tests/{name}").mkdir(exist_ok=True)
    copy.path(f"tests/{name}/__init__.py").write_text("", encoding="utf-8")
    copy.path(f"tests/{name}/section.py").write_text(SYNTHETIC_SECTION.format(name=name), encoding="utf-8")
    rows = copy.path(f"snippets/{name}/tally_1.out").read_text(encoding="utf-8").split()[1]
    copy.path(f"docs/figures/{name}-tally.svg").write_text(
        f"<svg><title>Tally of the {name} section</title><text>sum {rows}</text></svg>\n", encoding="utf-8")
