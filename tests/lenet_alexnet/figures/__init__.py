"""Figures whose numbers come from the code: each module traces a snippet's model and
returns SVG text. `pytest --update-outputs` rewrites them under docs/figures/; the tests
regenerate them and fail when a committed figure differs."""
