"""The generated figures: output file name -> function drawing its SVG from the run of the
snippet it depicts (what inspectors.py read from it). Drawing needs no torch and no cache of
its own: the snippet runs are cached, and a drawing is cheap.

Every figure on the pages, drawn by hand or from a model, also has a dark twin derived from
its light drawing (docs/_theme/figure_drawing/svg.py, dark_variant); the page build shows the one that suits the
reader's palette."""

from harness.paths import FIGURES as FIGURES_DIR

from figure_drawing.lenet_alexnet import alexnet_parameters, alexnet_plan, ilsvrc_error, lenet5_pipeline
from figure_drawing.svg import dark_name, dark_variant

from .facts import exports

MODULES = (lenet5_pipeline, alexnet_plan, alexnet_parameters, ilsvrc_error)
# Figures drawn by hand: committed as they are; only their dark twins are generated.
HAND_DRAWN = ("bottleneck-relay.svg",)

_DRAWN = [module.FILE_NAME for module in MODULES]
FILE_NAMES = sorted(_DRAWN + [dark_name(name) for name in _DRAWN + list(HAND_DRAWN)])


def drawings(runner) -> dict:
    """{file name: function returning the SVG text}, each reading its snippet's run from `runner`."""
    light = {module.FILE_NAME: (lambda module=module: module.build(exports(runner, module.SNIPPET)))
             for module in MODULES}
    light.update({name: (lambda name=name: (FIGURES_DIR / name).read_text(encoding="utf-8")) for name in HAND_DRAWN})
    twins = {dark_name(name): (lambda draw=draw: dark_variant(draw())) for name, draw in light.items()}
    return {**{n: d for n, d in light.items() if n not in HAND_DRAWN}, **twins}


# What the section declares (section.py): {file name: function(runner) -> SVG text}.
FIGURES = {name: (lambda runner, name=name: drawings(runner)[name]()) for name in FILE_NAMES}
