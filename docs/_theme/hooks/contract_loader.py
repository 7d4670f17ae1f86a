"""The snippet contract (tests/harness/contract.py) for the build hooks: what a snippet, its
output, its stamp and an include are, read from the same module the test harness uses. It is
loaded by path, once per build, because the repository is not an installed package. (Not a
hook itself: snippet_downloads.py and notebook_pages.py import it.)"""

import importlib.util
from functools import lru_cache
from pathlib import Path


def root(config) -> Path:
    return Path(config.config_file_path).parent


@lru_cache(maxsize=None)
def _load(path: Path):
    spec = importlib.util.spec_from_file_location("snippet_contract", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def contract(config):
    return _load(root(config) / "tests" / "harness" / "contract.py")
