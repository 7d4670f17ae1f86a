"""The one results cache, for authors: a snippet's run, a page's expansion or a whole run on
a repository copy is not computed again while nothing it depends on has changed. With CI set
(or HARNESS_NO_CACHE, which --update-outputs and --check-determinism set) it is off.

Every entry is found by one key function, `key(kind, parts)`: the kind of result, what the
caller says it depends on, the Python version, the platform and the version of every
installed distribution. An entry may also record repository files it read, with their
hashes; it is reused only while all of them are unchanged."""

import hashlib
import json
import os
import platform
import sys
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .paths import REPO

DEFAULT_DIR = REPO / ".harness" / "cache"


def ci_is_set() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def enabled() -> bool:
    return not ci_is_set() and not os.environ.get("HARNESS_NO_CACHE")


def cache_dir() -> Path:
    return Path(os.environ.get("HARNESS_CACHE_DIR", DEFAULT_DIR))


@lru_cache(maxsize=None)
def environment_fingerprint() -> str:
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    text = "\n".join([sys.version, platform.platform(), *packages])
    return hashlib.sha256(text.encode()).hexdigest()


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def key(kind: str, parts) -> str:
    """The key of every entry of every kind."""
    return digest(kind, *(str(part) for part in parts), environment_fingerprint())


def _entry_path(kind: str, parts) -> Path:
    return cache_dir() / kind / f"{key(kind, parts)}.json"


def load(kind: str, parts) -> dict | None:
    if not enabled():
        return None
    try:
        entry = json.loads(_entry_path(kind, parts).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    for relative, expected in entry.get("reads", {}).items():
        if file_digest(REPO / relative) != expected:
            return None  # a file the run read has changed since
    return entry


def store(kind: str, parts, entry: dict) -> None:
    if not enabled():
        return
    path = _entry_path(kind, parts)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(json.dumps(entry), encoding="utf-8")
    os.replace(temporary, path)


def repository_reads(paths) -> dict:
    """Hashes of the files under the repository that a run read (others are covered by versions)."""
    reads = {}
    for raw in paths:
        path = Path(raw).resolve()
        try:
            relative = path.relative_to(REPO)
        except ValueError:
            continue
        if relative.parts and relative.parts[0] in (".harness", ".git", ".venv"):
            continue
        if path.is_file():
            reads[relative.as_posix()] = file_digest(path)
    return reads
