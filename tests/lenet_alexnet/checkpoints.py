"""Stand-in checkpoints for torchvision's pretrained loaders, written to a temporary
TORCH_HOME so the real loading code runs offline and the user's cache is never touched."""

import hashlib
from pathlib import Path

from harness import cache


def alexnet_checkpoint_name() -> str:
    """The file name torchvision caches IMAGENET1K_V1 under (alexnet-owt-7be5be79.pth); for
    authors cached with the installed versions, so that asking costs no torchvision import."""
    entry = cache.load("facts", ("alexnet checkpoint name",), required={"name": str})
    if entry is not None:
        return entry["name"]
    name = _checkpoint_name_from_torchvision()
    cache.store("facts", ("alexnet checkpoint name",), {"name": name})
    return name


def _checkpoint_name_from_torchvision() -> str:
    from torchvision.models import AlexNet_Weights

    return AlexNet_Weights.IMAGENET1K_V1.url.rsplit("/", 1)[-1]


def checkpoint_path(torch_home: Path, file_name: str) -> Path:
    return Path(torch_home) / "hub" / "checkpoints" / file_name


def write_stand_in_alexnet(torch_home: Path, seed: int = 0) -> Path:
    """A randomly initialised AlexNet state dict, saved where the cache keeps the real one.
    Written once per folder; the file is deterministic for a given seed and torch version."""
    import torch
    from torchvision.models import alexnet

    # In a contained worker, where torchvision is imported already and the cache is not writable.
    path = checkpoint_path(torch_home, _checkpoint_name_from_torchvision())
    if path.exists():
        return path
    generator_state = torch.get_rng_state()
    torch.manual_seed(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(alexnet().state_dict(), path)
    torch.set_rng_state(generator_state)
    return path


def write_stand_in_alexnet_in(torch_home: Path, runner) -> None:
    """write_stand_in_alexnet, run in the runner's worker where torch is imported already."""
    code = (f"import sys\nsys.path.insert(0, {str(Path(__file__).resolve().parents[1])!r})\n"
            "from pathlib import Path\nfrom lenet_alexnet.checkpoints import write_stand_in_alexnet\n"
            f"write_stand_in_alexnet(Path({str(torch_home)!r}))\n")
    result = runner.run_uncached(code, f"writing the stand-in AlexNet checkpoint into {torch_home}")
    if not result.ok:
        raise RuntimeError(f"could not write the stand-in AlexNet checkpoint into {torch_home}:\n{result.stderr}")


_CHECK = """
import sys, torch
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob("hub/checkpoints/*")):
    try:
        torch.load(path, map_location="cpu", weights_only=True)
        print(f"{path}: readable ({path.stat().st_size:,} bytes)")
    except Exception as error:  # torch raises several types for damaged files
        print(f"{path}: CORRUPT or truncated ({path.stat().st_size:,} bytes): {error}")
"""


def check_checkpoints(torch_home: Path, runner) -> list[str]:
    """Each checkpoint file in a torch cache, and whether torch can read it. Runs in the
    runner's fork server, where torch is already imported."""
    code = _CHECK.replace("sys.argv[1]", repr(str(torch_home)))
    result = runner.run_uncached(code, f"checking the checkpoints in {torch_home}")
    return result.stdout.splitlines() or [f"could not check {torch_home}: {result.stderr.strip()}"]


def hash_prefix(file_name: str) -> str:
    """torchvision file names end in the first hex digits of the file's SHA-256."""
    return Path(file_name).stem.rsplit("-", 1)[-1]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class WeightsRefused(Exception):
    pass


def verify_genuine(path: Path) -> Path:
    """torchvision checks the hash only when it downloads; a cached file is checked here."""
    digest, prefix = sha256_of(path), hash_prefix(path.name)
    if not digest.startswith(prefix):
        raise WeightsRefused(
            f"{path}: SHA-256 {digest[:16]}... does not start with {prefix}, the prefix in its file "
            "name; the file is corrupt or not the genuine weights, and the test refuses to use it"
        )
    return path
