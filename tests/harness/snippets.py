"""The snippet files of this repository, and the versions that decide what they print.
What a snippet is, and where its output and stamp live, is the contract's (contract.py)."""

import platform
from importlib import metadata
from pathlib import Path

from . import contract
from .contract import STAMP_NAME, Snippet, describe_versions  # noqa: F401 (re-exported)
from .paths import REPO


def discover_snippets(root: Path = REPO) -> list[Snippet]:
    """Every runnable fragment: `snippets/<section>/<name>.py`."""
    return contract.discover_snippets(root)


def orphan_outputs(root: Path = REPO) -> list[Path]:
    """Recorded outputs whose snippet is gone."""
    return contract.orphan_outputs(root)


def current_versions() -> dict:
    """The versions that decide what a snippet prints."""
    return {
        "python": platform.python_version(),
        "torch": metadata.version("torch"),
        "torchvision": metadata.version("torchvision"),
    }
