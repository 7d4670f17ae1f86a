"""The verification harness: ties pages, snippets and recorded outputs together.

What a snippet, its output, its stamp and an include are is the build's: the contract module
lives in docs/_theme/contract (the site builds without tests/), and is importable from here
as `snippet_contract`. The code that draws the generated figures is the site's too:
docs/_theme/figure_drawing, importable as `figure_drawing`."""

import sys
from pathlib import Path

_THEME = Path(__file__).resolve().parents[2] / "docs" / "_theme"
for _folder in (str(_THEME / "contract"), str(_THEME)):
    if _folder not in sys.path:
        sys.path.append(_folder)
