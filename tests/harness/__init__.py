"""The verification harness: ties pages, snippets and recorded outputs together.

What a snippet, its output, its stamp and an include are is the build's: the contract module
lives in docs/_theme/contract (the site builds without tests/), and is importable from here
as `snippet_contract`."""

import sys
from pathlib import Path

_CONTRACT_DIR = str(Path(__file__).resolve().parents[2] / "docs" / "_theme" / "contract")
if _CONTRACT_DIR not in sys.path:
    sys.path.append(_CONTRACT_DIR)
