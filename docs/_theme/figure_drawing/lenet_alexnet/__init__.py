"""Section 20.1's figures whose numbers come from its code: each module traces a snippet's
model (or reads its table) and returns SVG text."""
