# Exercise 20.1.3: the winning ILSVRC classification entries of 2010-2012.
# Top-5 error on the test set, from the challenge's published results
# (Russakovsky et al., IJCV 2015, and the ILSVRC 2012 results page).

# The names this file exports to code that imports it.
__all__ = ["WINNERS"]

HAND_ENGINEERED = "hand-designed descriptors"
WINNERS = [
    # year, team, kind of system, top-5 error in %
    (2010, "NEC-UIUC", HAND_ENGINEERED, 28.2),
    (2011, "XRCE", HAND_ENGINEERED, 25.8),
    (2012, "SuperVision", "deep CNN, learned end to end", 15.3),
]

print(f"{'year':<6}{'team':<12}{'top-5 error':>12}  kind")
for year, team, kind, error in WINNERS:
    print(f"{year:<6}{team:<12}{error:>11.1f}%  {kind}")

for before, after in zip(WINNERS, WINNERS[1:]):
    (year_a, _, _, error_a), (year_b, _, _, error_b) = before, after
    drop = error_a - error_b
    print(f"{year_a} -> {year_b}: {drop:.1f} points lower "
          f"({drop / error_a:.0%} of the error)")
