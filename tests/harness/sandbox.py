"""A throwaway copy of the repository, for proving that the checks fail when they should."""

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .paths import REPO

IGNORED = shutil.ignore_patterns(
    ".git", ".venv", "venv", "site", "build", "*.egg-info", "__pycache__", ".pytest_cache", ".harness"
)


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

    def pytest(self, *args: str, env: dict | None = None, timeout: float = 900) -> PytestRun:
        environment = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_ADDOPTS")}
        environment.update(env or {})
        completed = subprocess.run(
            [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args],
            cwd=self.root, env=environment, capture_output=True, text=True, timeout=timeout,
        )
        return PytestRun(completed.returncode, completed.stdout + completed.stderr)
