# Exercise 20.1.1, checked: four layers counted by hand, then by PyTorch.
# The layers are built on the "meta" device: shapes only, no memory.
from torch import nn

# The names this file exports to code that imports it.
__all__ = ["counts"]


def count(layer: nn.Module) -> int:
    return sum(tensor.numel() for tensor in layer.parameters())


# A convolution: per output channel, one 5x5 kernel for each input channel
# it sees (with two groups, half of the 96), plus one bias.
grouped = 256 * (96 // 2) * 5 * 5 + 256
ungrouped = 256 * 96 * 5 * 5 + 256
# A dense layer: per output unit, one weight per input value, one bias.
after_pool = (256 * 6 * 6) * 4096 + 4096
without_pool = (256 * 13 * 13) * 4096 + 4096

layers = {
    "conv2, two groups": (grouped, nn.Conv2d(96, 256, 5, groups=2,
                                             device="meta")),
    "conv2, one group": (ungrouped, nn.Conv2d(96, 256, 5, device="meta")),
    "fc6 on 6x6x256": (after_pool, nn.Linear(256 * 6 * 6, 4096,
                                             device="meta")),
    "fc6 on 13x13x256": (without_pool, nn.Linear(256 * 13 * 13, 4096,
                                                 device="meta")),
}
counts = {}
for label, (by_hand, layer) in layers.items():
    assert by_hand == count(layer), \
        f"{label}: hand count {by_hand:,} != model count {count(layer):,}"
    counts[label] = by_hand
    print(f"{label:<18}{by_hand:>13,} parameters")
print(f"two groups save {ungrouped - grouped:,} parameters")
print(f"the last pooling saves {without_pool - after_pool:,} parameters")
