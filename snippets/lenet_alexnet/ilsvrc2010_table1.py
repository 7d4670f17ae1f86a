# Exercise 20.1.3: Table 1 of the AlexNet paper. All three systems were
# scored on one test set, ILSVRC-2010; error rates in %.

# The names this file exports to code that imports it.
__all__ = ["TABLE_1"]

TABLE_1 = [
    # system, top-1 error, top-5 error
    ("sparse coding (2010 winner)", 47.1, 28.2),
    ("SIFT + Fisher vectors", 45.7, 25.7),
    ("CNN (the paper's network)", 37.5, 17.0),
]

print(f"{'system':<29}{'top-1':>7}{'top-5':>7}")
for system, top1, top5 in TABLE_1:
    print(f"{system:<29}{top1:>6.1f}%{top5:>6.1f}%")
for (_, old1, old5), (system, new1, new5) in zip(TABLE_1, TABLE_1[1:]):
    print(f"to {system}: top-1 {old1 - new1:.1f} and "
          f"top-5 {old5 - new5:.1f} points lower")
