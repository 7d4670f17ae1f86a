# What each AlexNet layer costs: parameters to store, and multiply-adds to
# compute for one 224x224 image. torchvision's alexnet() is the same layer
# plan as Code Fragment 2: the two load each other's weights.
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode
from torchvision.models import alexnet

# The names this file exports to code that imports it.
__all__ = ["layers", "params", "macs", "kinds"]

model = alexnet().eval()  # the architecture only; no weights are downloaded
layers = {name: layer for name, layer in model.named_modules()
          if isinstance(layer, (nn.Conv2d, nn.Linear))}

# FlopCounterMode counts a multiply-add as two floating-point operations,
# per module and per operator; a layer's own count sits under its full name.
counter = FlopCounterMode(display=False)
with counter, torch.no_grad():
    model(torch.zeros(1, 3, 224, 224))
per_module = counter.get_flop_counts()
macs = {name: sum(per_module[f"AlexNet.{name}"].values()) // 2
        for name in layers}
params = {name: sum(p.numel() for p in layer.parameters())
          for name, layer in layers.items()}
total_params, total_macs = sum(params.values()), sum(macs.values())
assert total_macs == counter.get_total_flops() // 2, \
    "some multiply-adds are outside these layers"

print(f"{'layer':<13}{'kind':<6}{'weights + biases':>18}{'parameters':>11}"
      f"{'share':>7}{'multiply-adds':>14}{'share':>7}")
kinds = {"conv": [0, 0], "dense": [0, 0]}
for name, layer in layers.items():
    kind = "conv" if isinstance(layer, nn.Conv2d) else "dense"
    kinds[kind][0] += params[name]
    kinds[kind][1] += macs[name]
    shape = "x".join(str(d) for d in layer.weight.shape)
    shape += f" + {layer.bias.numel()}"
    p, m = params[name], macs[name]
    print(f"{name:<13}{kind:<6}{shape:>18}{p:>11,}{p / total_params:>7.2%}"
          f"{m:>14,}{m / total_macs:>7.2%}")
for kind, (p, m) in kinds.items():
    print(f"{'all ' + kind:<19}{'':>18}{p:>11,}{p / total_params:>7.2%}"
          f"{m:>14,}{m / total_macs:>7.2%}")
print(f"{'total':<19}{'':>18}{total_params:>11,}{'':>7}{total_macs:>14,}")
