# Where AlexNet keeps its parameters, layer by layer. torchvision's alexnet() has
# the same layers as the hand-written class on the page (the tests check this).
from torch import nn
from torchvision.models import alexnet

model = alexnet()  # architecture only: no weights are downloaded
total = sum(p.numel() for p in model.parameters())

print(f"{'layer':<14}{'kind':<7}{'weights + biases':>22}{'parameters':>13}{'share':>9}")
per_kind = {"conv": 0, "dense": 0}
for name, layer in model.named_modules():
    if not isinstance(layer, (nn.Conv2d, nn.Linear)):
        continue
    kind = "conv" if isinstance(layer, nn.Conv2d) else "dense"
    shape = "x".join(str(d) for d in layer.weight.shape)
    count = sum(p.numel() for p in layer.parameters())
    per_kind[kind] += count
    print(f"{name:<14}{kind:<7}{shape + ' + ' + str(layer.bias.numel()):>22}{count:>13,}{count / total:>8.2%}")

for kind, count in per_kind.items():
    print(f"all {kind} layers: {count:,} ({count / total:.2%})")
print(f"total: {total:,}")
