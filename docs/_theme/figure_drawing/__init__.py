"""The code that draws the site's generated figures, one package per section, and the SVG
helpers they share (svg.py). It is the figures' source, kept with the build's own code; the
build reads only the committed SVG files under docs/figures/, and the test suite redraws them
from each snippet's run and fails when a committed figure differs (`pytest --update-outputs`
rewrites them)."""
