# Exercise 20.1.1, checked: count two AlexNet layers by hand, then ask
# the model.
from torchvision.models import alexnet

model = alexnet()
total = sum(p.numel() for p in model.parameters())

# By hand: each output channel has one kernel per input channel, one bias.
first_conv = 3 * 64 * 11 * 11 + 64
# By hand: each output unit is wired to every input activation, one bias.
first_dense = (256 * 6 * 6) * 4096 + 4096

checks = [
    ("first convolution", first_conv, model.features[0]),
    ("first dense layer", first_dense, model.classifier[1]),
]
for label, by_hand, layer in checks:
    counted = sum(p.numel() for p in layer.parameters())
    assert by_hand == counted, \
        f"{label}: hand count {by_hand:,} != model count {counted:,}"
    print(f"{label}: {by_hand:,} parameters, "
          f"{by_hand / total:.3%} of {total:,}")
ratio = first_dense / first_conv
print(f"the first dense layer is {ratio:,.0f} times the first convolution")
