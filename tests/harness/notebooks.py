"""Exercise notebooks: executed with nbclient, compared by their text outputs."""

import contextlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .paths import DOCS

EXECUTION_TIMEOUT_S = 600


def discover_notebooks(docs: Path = DOCS) -> list[Path]:
    return sorted(p for p in docs.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


# A code cell with this tag publishes facts: its result (the value of its last expression, a
# dict of Python literals) is read by name, never by matching the text the notebook prints.
FACTS_TAG = "facts"


def on_the_page(cell: dict) -> bool:
    """Whether the notebook's page shows `cell`, as mkdocs.yml configures mkdocs-jupyter."""
    from snippet_contract import shown_on_notebook_page

    from .pages import raw_config

    settings = next((plugin["mkdocs-jupyter"] for plugin in raw_config().get("plugins", [])
                     if isinstance(plugin, dict) and "mkdocs-jupyter" in plugin), {})
    return shown_on_notebook_page(cell, settings)


def published_facts(path: Path) -> dict:
    """The facts a notebook publishes on purpose, from its recorded outputs: the merged results
    of its code cells tagged `facts`. Fails naming the notebook and cell when a tagged cell has
    no result or one that is not a dict of literals."""
    import ast
    import json

    from .paths import rel
    from .sections import FactsUnavailable

    found = {}
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    for number, cell in enumerate(cells, 1):
        if cell["cell_type"] != "code" or FACTS_TAG not in cell.get("metadata", {}).get("tags", []):
            continue
        results = [o for o in cell.get("outputs", []) if o.get("output_type") == "execute_result"]
        where = f"{rel(path)} cell {number} (tagged {FACTS_TAG!r})"
        if not results:
            raise FactsUnavailable(f"{where} has no recorded result: its last line must be the dict it publishes")
        text = "".join(results[-1].get("data", {}).get("text/plain", ""))
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError) as error:
            raise FactsUnavailable(f"{where}: its result is not a dict of literals ({error})") from None
        if not isinstance(value, dict):
            raise FactsUnavailable(f"{where}: its result is a {type(value).__name__}, not a dict")
        found.update(value)
    return found


@dataclass(frozen=True)
class CellText:
    cell: int  # 1-based index among all cells, as a reader counts them
    text: str  # every stream and text/plain result, in order
    images: int  # how many images the cell displays
    source: str = ""  # the cell's code, where a tolerance may be declared


class NotebookFailed(Exception):
    pass


@contextlib.contextmanager
def _environment(overrides: dict):
    saved = dict(os.environ)
    os.environ.update(overrides)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def execute(path: Path, env: dict | None = None):
    """Run every cell in a fresh kernel, in the notebook's folder; errors stop the run."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=EXECUTION_TIMEOUT_S, kernel_name="python3", allow_errors=False,
        record_timing=False, resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        with _environment(env or {}):
            client.execute()
    except CellExecutionError as error:
        plain = re.sub(r"\x1b\[[0-9;]*m", "", str(error))  # IPython colours its tracebacks
        raise NotebookFailed(f"{path}: a cell raised an error:\n{plain}") from error
    return notebook


_EXECUTED: dict = {}


def execute_once(path: Path, env: dict | None = None):
    """The notebook executed once per test run: when --update-outputs records it, its test
    compares the recording with that same execution instead of running it a second time."""
    key = Path(path).resolve()
    if key not in _EXECUTED:
        _EXECUTED[key] = execute(path, env)
    return _EXECUTED[key]


def fresh_text_outputs(path: Path, env: dict | None, share_dir: str | None) -> list["CellText"]:
    """The text outputs of this run's one execution of the notebook, shared by every test that
    compares with them, in any pytest-xdist worker (harness/once.py)."""
    from dataclasses import asdict

    from . import cache
    from .once import once_per_run

    rows = once_per_run(share_dir, f"notebook-{cache.file_digest(Path(path))}",
                        lambda: [asdict(cell) for cell in text_outputs(execute_once(path, env))])
    return [CellText(**row) for row in rows]


def text_outputs(notebook) -> list[CellText]:
    cells = []
    for number, cell in enumerate(notebook.cells, 1):
        if cell.cell_type != "code":
            continue
        parts, images = [], 0
        for output in cell.get("outputs", []):
            kind = output.get("output_type")
            if kind == "stream":
                parts.append(output.get("text", ""))
            elif kind == "execute_result":
                parts.append(output.get("data", {}).get("text/plain", "") + "\n")
            elif kind == "display_data":
                images += sum(1 for mime in output.get("data", {}) if mime.startswith("image/"))
            elif kind == "error":
                parts.append(f"ERROR {output.get('ename')}: {output.get('evalue')}\n")
        cells.append(CellText(number, "".join(parts), images, cell.get("source", "")))
    return cells


def as_text(notebook) -> str:
    return nbformat.writes(notebook) + "\n"


def compare_cells(path, recorded: list[CellText], fresh: list[CellText]) -> tuple[list[str], list[str]]:
    """What differs between a notebook's recorded and fresh outputs, cell by cell (exact, or
    within the tolerance a cell declares), and which cells were compared with a tolerance."""
    from .paths import rel
    from .report import unified
    from .tolerance import DeclarationError, declared, judge

    problems, toleranced = [], []
    for old, new in zip(recorded, fresh):
        where = f"{rel(path)} cell {old.cell}"
        try:
            tolerance = declared(new.source, where)
        except DeclarationError as error:
            problems.append(str(error))
            tolerance = None
        if tolerance is not None:
            toleranced.append(where)
        agrees, beyond, declaration_problems = judge(old.text, new.text, tolerance, where)
        problems += declaration_problems
        if not agrees:
            problems.append(beyond + unified(old.text, new.text, f"{where} (recorded)", f"{where} (fresh run)"))
        if old.images != new.images:
            problems.append(f"{where}: {old.images} image(s) recorded, {new.images} now")
    if len(recorded) != len(fresh):
        problems.append(f"{rel(path)}: {len(recorded)} code cells recorded, {len(fresh)} now")
    return problems, toleranced
