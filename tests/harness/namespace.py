"""Load what a snippet defines (its classes and results) without showing its output."""

import contextlib
import io
from pathlib import Path


def load_snippet_namespace(path: Path) -> dict:
    """Execute the snippet at `path` with stdout discarded and return its globals.

    Figures and claim checks use this to read the very model a page shows, so that a
    changed layer in the snippet changes the figure and the checked numbers with it.
    """
    namespace = {"__name__": "__snippet__", "__file__": str(path)}
    code = compile(Path(path).read_text(encoding="utf-8"), str(path), "exec")
    with contextlib.redirect_stdout(io.StringIO()):
        exec(code, namespace)
    return namespace
