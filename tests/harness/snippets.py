"""The snippet files, their recorded outputs and the versions those outputs came from."""

import json
import platform
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .paths import SNIPPETS, rel

STAMP_NAME = "recorded-with.json"


@dataclass(frozen=True)
class Snippet:
    path: Path

    @property
    def name(self) -> str:
        """`section/name`, the id used in test names and messages."""
        return f"{self.path.parent.name}/{self.path.stem}"

    @property
    def out_path(self) -> Path:
        return self.path.with_suffix(".out")

    @property
    def stamp_path(self) -> Path:
        return self.path.parent / STAMP_NAME

    @property
    def code(self) -> str:
        return self.path.read_text(encoding="utf-8")

    def recorded_output(self) -> str | None:
        if not self.out_path.exists():
            return None
        return self.out_path.read_text(encoding="utf-8")

    def recorded_with(self) -> dict:
        """Versions stamped beside the `.out` files when they were last recorded."""
        try:
            return json.loads(self.stamp_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except ValueError as error:
            raise ValueError(f"{rel(self.stamp_path)} is not valid JSON: {error}") from error


def discover_snippets(root: Path = SNIPPETS) -> list[Snippet]:
    """Every runnable fragment: `snippets/<section>/<name>.py`."""
    return [
        Snippet(path)
        for path in sorted(root.glob("*/*.py"))
        if not path.name.startswith("_")
    ]


def orphan_outputs(root: Path = SNIPPETS) -> list[Path]:
    """Recorded outputs whose snippet is gone."""
    return [out for out in sorted(root.glob("*/*.out")) if not out.with_suffix(".py").exists()]


def current_versions() -> dict:
    """The versions that decide what a snippet prints."""
    return {
        "python": platform.python_version(),
        "torch": metadata.version("torch"),
        "torchvision": metadata.version("torchvision"),
    }


def describe_versions(versions: dict) -> str:
    if not versions:
        return "unknown versions"
    return ", ".join(f"{name} {versions.get(name, '?')}" for name in ("python", "torch", "torchvision"))
