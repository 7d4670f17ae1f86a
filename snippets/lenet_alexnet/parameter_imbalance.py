# Exercise 20.1.1, checked: count two AlexNet layers by hand, then ask the model.
from torchvision.models import alexnet

model = alexnet()
total = sum(p.numel() for p in model.parameters())

# By hand: every output channel has one kernel per input channel, plus one bias.
first_conv = 3 * 64 * 11 * 11 + 64
# By hand: every output unit is wired to every input activation, plus one bias.
first_dense = (256 * 6 * 6) * 4096 + 4096

from_model = {
    "first convolution": sum(p.numel() for p in model.features[0].parameters()),
    "first dense layer": sum(p.numel() for p in model.classifier[1].parameters()),
}
for (label, by_hand), counted in zip(
    [("first convolution", first_conv), ("first dense layer", first_dense)], from_model.values()
):
    assert by_hand == counted, f"{label}: hand count {by_hand:,} != model count {counted:,}"
    print(f"{label}: {by_hand:,} parameters, {by_hand / total:.3%} of {total:,}")
print(f"the first dense layer is {first_dense / first_conv:,.0f} times the first convolution")
