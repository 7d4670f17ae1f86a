"""The generated figures: output file name -> function returning its SVG text."""

import inspect
from pathlib import Path

from .figures import alexnet_parameters, ilsvrc_error, lenet5_pipeline, svg

from harness import cache

MODULES = (lenet5_pipeline, alexnet_parameters, ilsvrc_error)


def _cached(module):
    """Build the figure, or for authors take it from the cache while its snippet, its drawing
    code and the installed versions are unchanged."""

    def build() -> str:
        key = cache.digest(
            cache.file_digest(module.SNIPPET), cache.file_digest(Path(inspect.getfile(module))),
            cache.file_digest(Path(inspect.getfile(svg))), cache.environment_fingerprint(),
        )
        entry = cache.load("figures", key)
        if entry is not None:
            return entry["svg"]
        text = module.build()
        cache.store("figures", key, {"svg": text})
        return text

    return build


FIGURES = {module.FILE_NAME: _cached(module) for module in MODULES}
