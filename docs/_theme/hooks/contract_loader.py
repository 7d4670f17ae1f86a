"""The snippet contract (docs/_theme/contract/snippet_contract.py) for the build hooks: what a
snippet, its output, its stamp and an include are, in the module the test harness imports
too. It is loaded by path, once per build, because the repository is not an installed
package. (Not a hook itself: the hooks import it.)"""

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
    return _load(root(config) / "docs" / "_theme" / "contract" / "snippet_contract.py")
