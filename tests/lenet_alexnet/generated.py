"""The generated figures: output file name -> function drawing its SVG from the run of the
snippet it depicts (what inspectors.py read from it). Drawing needs no torch and no cache of
its own: the snippet runs are cached, and a drawing is cheap."""

from .facts import exports
from .figures import alexnet_parameters, ilsvrc_error, lenet5_pipeline

MODULES = (lenet5_pipeline, alexnet_parameters, ilsvrc_error)


def drawings(runner) -> dict:
    """{file name: function returning the SVG text}, each reading its snippet's run from `runner`."""
    return {module.FILE_NAME: (lambda module=module: module.build(exports(runner, module.SNIPPET)))
            for module in MODULES}
