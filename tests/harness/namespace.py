"""Load what a snippet defines (its classes and results) without showing its output."""

import contextlib
import io
from functools import lru_cache
from pathlib import Path


def load_snippet_namespace(path: Path) -> dict:
    """Cached per file and content: figures and claims share one execution."""
    path = Path(path)
    return _load(path, path.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _load(path: Path, code: str) -> dict:
    """Execute the snippet at `path` with stdout discarded and return its globals.

    Figures and claim checks use this to read the very model a page shows, so that a
    changed layer in the snippet changes the figure and the checked numbers with it.
    """
    namespace = {"__name__": "__snippet__", "__file__": str(path)}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(code, str(path), "exec"), namespace)
    return namespace
