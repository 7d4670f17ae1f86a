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

from .paths import REPO, is_tooling_folder

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
    settings = repr([(name, os.environ.get(name)) for name in OUTPUT_ENVIRONMENT])
    return digest(kind, *(str(part) for part in parts), settings, environment_fingerprint())


def _entry_path(kind: str, parts) -> Path:
    return cache_dir() / kind / f"{key(kind, parts)}.json"


# What makes a result differ although code and files are the same: part of every key.
OUTPUT_ENVIRONMENT = ("ATEN_CPU_CAPABILITY", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                      "PYTHONHASHSEED", "CUBLAS_WORKSPACE_CONFIG", "MKL_CBWR", "DNNL_MAX_CPU_ISA",
                      "LC_ALL", "LANG", "TZ")


def load(kind: str, parts, required: dict | None = None) -> dict | None:
    """The entry, if there is one, it is well formed (a JSON object with the `required` keys of
    the given types, and `reads` mapping paths to hashes) and no file it read has changed. A
    damaged entry is named in a warning and deleted."""
    if not enabled():
        return None
    path = _entry_path(kind, parts)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    try:
        entry = json.loads(text)
        problem = _shape_problem(entry, required or {})
    except ValueError as error:
        problem = f"not JSON ({error})"
    if problem:
        import warnings

        warnings.warn(f"discarded a damaged cache entry {path}: {problem}", stacklevel=2)
        path.unlink(missing_ok=True)
        return None
    for relative, expected in entry.get("reads", {}).items():
        if file_digest(REPO / relative) != expected:
            return None  # a file the run read has changed since
    return entry


def _shape_problem(entry, required: dict) -> str | None:
    if not isinstance(entry, dict):
        return f"a {type(entry).__name__}, not an object"
    for name, kind in required.items():
        if not isinstance(entry.get(name), kind):
            return f"{name!r} is missing or not a {kind.__name__}"
    reads = entry.get("reads", {})
    if not isinstance(reads, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in reads.items()):
        return "'reads' is not a map of paths to hashes"
    return None


def store(kind: str, parts, entry: dict) -> None:
    if not enabled():
        return
    path = _entry_path(kind, parts)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(json.dumps(entry), encoding="utf-8")
    os.replace(temporary, path)


def relative_reads(hashed: dict) -> dict:
    """{absolute path: hash taken when the run opened it} -> the same, relative to the repository."""
    reads = {}
    for raw, digest_ in hashed.items():
        try:
            relative = Path(raw).relative_to(REPO.resolve())
        except ValueError:
            continue
        if relative.parts and not any(is_tooling_folder(part) for part in relative.parts[:-1]):
            reads[relative.as_posix()] = digest_
    return reads
