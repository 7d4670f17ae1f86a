"""--update-outputs: re-record outputs and figures, all or nothing, each file atomically."""

import json
import os
import tempfile
from pathlib import Path

import pytest

from snippet_contract import current_versions, decode_output

from .checks import check_determinism as lines_that_differ, fresh_run_problem
from .paths import rel


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", errors="surrogateescape", newline="") as stream:
            stream.write(text)
        # mkstemp creates the file private; keep the mode the file had, or the usual one.
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def update_recordings(runner, snippets, generated: dict, notebooks=(), notebook_env=None,
                      check_determinism: bool = False) -> list[str]:
    """Run every snippet and notebook and draw every generated file first; write only if all
    succeed. `generated` maps a path to the function that returns its text."""
    from snippet_contract import NOTEBOOK_STAMP_KEY
    from .notebooks import NotebookFailed, as_text, execute_once

    failures, fresh = [], {}
    for snippet in snippets:
        result = runner.run_file(snippet.path, snippet.name)
        if problem := fresh_run_problem(snippet, result, []):
            failures.append(problem)
        elif check_determinism and (differing := lines_that_differ(snippet.code, rel(snippet.path), runner,
                                                                     str(snippet.path))):
            failures.append("\n".join(differing))
        else:
            fresh[snippet.out_path] = result.stdout
    for path, build in generated.items():
        try:
            fresh[Path(path)] = build()
        except Exception as error:
            failures.append(f"{rel(path)} could not be generated: {error!r}")
    for notebook in notebooks:
        try:
            executed = execute_once(notebook, notebook_env)
            # The page stamps the notebook's outputs with these, as it stamps a snippet's.
            executed.metadata[NOTEBOOK_STAMP_KEY] = current_versions()
            fresh[notebook] = as_text(executed)
        except NotebookFailed as error:
            failures.append(str(error))
    if failures:
        pytest.exit(
            "--update-outputs wrote nothing, because:\n" + "\n".join(failures), returncode=1
        )

    versions = json.dumps(current_versions(), indent=2) + "\n"
    for folder in sorted({snippet.stamp_path for snippet in snippets}):
        fresh[folder] = versions

    changes = []
    for path, text in sorted(fresh.items()):
        old = decode_output(path.read_bytes()) if path.exists() else None
        if old != text:
            write_atomically(path, text)
            changes.append(f"{'updated' if old is not None else 'created'} {rel(path)}")
    return changes
