"""The library shortcut runs torchvision's real loading code, offline, from a temporary cache;
a damaged or false checkpoint in that cache is named."""

import os
import shutil
from pathlib import Path

import pytest

from harness.checks import describe_failure
from harness.paths import SNIPPETS
from harness.runner import SnippetRunner
from lenet_alexnet.checkpoints import WeightsRefused, check_checkpoints, checkpoint_path, verify_genuine

PRETRAINED = SNIPPETS / "lenet_alexnet" / "pretrained_alexnet.py"


def test_stand_in_sits_where_torchvision_caches_the_weights(facts):
    # Where torchvision, offline, found the weights when the snippet ran (its inspector read
    # it): the stand-in was written there, or the snippet would have failed on the network.
    assert facts["lenet_alexnet"]["pretrained.cached_at"] == "hub/checkpoints/alexnet-owt-7be5be79.pth"


def test_shortcut_loads_the_cached_weights_without_the_network(snippet_runner):
    """If the stand-in were not picked up, torchvision would try to download and hit the block."""
    result = snippet_runner.run_file(PRETRAINED, "lenet_alexnet/pretrained_alexnet")
    assert result.ok, result.stderr
    assert "network access is blocked" not in result.stderr
    assert "Downloading" not in result.stderr


def genuine_weights(checkpoint_name: str) -> Path:
    """The real IMAGENET1K_V1 file in the user's own torch cache (read, never written),
    found the way torch.hub documents: $TORCH_HOME, else $XDG_CACHE_HOME/torch, else ~/.cache/torch."""
    cache_home = os.environ.get("XDG_CACHE_HOME", os.path.join(os.path.expanduser("~"), ".cache"))
    torch_home = os.environ.get("TORCH_HOME", os.path.join(cache_home, "torch"))
    return Path(torch_home) / "hub" / "checkpoints" / checkpoint_name


def test_genuine_weights_predict_sensibly(tmp_path, snippet_runner, facts):
    real = genuine_weights(Path(facts["lenet_alexnet"]["pretrained.cached_at"]).name)
    if not real.is_file():
        pytest.skip(f"genuine AlexNet weights are not in the torch cache ({real}); "
                    "only the stand-in checkpoint was tested")
    try:
        verify_genuine(real)
    except WeightsRefused as error:
        pytest.fail(str(error), pytrace=False)
    home = tmp_path / "torch-home"
    target = checkpoint_path(home, real.name)
    target.parent.mkdir(parents=True)
    shutil.copyfile(real, target)
    # The fragment itself, on the genuine weights: every line but its top classes is the page's.
    check = f"""
import os
os.environ["TORCH_HOME"] = {str(home)!r}
import runpy
runpy.run_path({str(PRETRAINED)!r})
"""
    result = snippet_runner.run(check, "the shortcut on genuine AlexNet weights")
    assert result.ok, result.stderr
    shown = facts["lenet_alexnet"]["pretrained.top_shown"]
    recorded = PRETRAINED.with_suffix(".out").read_text(encoding="utf-8").splitlines()
    printed = result.stdout.splitlines()
    assert printed[:-shown] == recorded[:-shown], (
        "snippets/lenet_alexnet/pretrained_alexnet.py: on the genuine weights, a line that does not "
        "depend on the weights differs from the recorded output:\n" + "\n".join(printed))
    top = [line.split("%", 1)[1].strip() for line in printed[-shown:]]
    buildings = {"palace", "monastery", "pagoda", "bell cote", "church", "mosque", "stupa",
                 "dome", "castle", "boathouse", "triumphal arch", "library", "cinema"}
    assert buildings & set(top), f"the genuine weights' top classes for china.jpg: {top}"


@pytest.mark.proof
@pytest.mark.parametrize("damage", ["truncated", "corrupt"])
def test_a_damaged_checkpoint_in_the_torch_cache_is_named(tmp_path, damage, facts):
    home = tmp_path / "torch"
    path = home / facts["lenet_alexnet"]["pretrained.cached_at"]
    path.parent.mkdir(parents=True)
    path.write_bytes(b"PK\x03\x04" + b"\0" * 64 if damage == "truncated" else b"not a checkpoint at all")
    runner = SnippetRunner(env={"TORCH_HOME": str(home), "HOME": str(tmp_path)}, use_cache=False)
    result = runner.run(PRETRAINED.read_text(encoding="utf-8") + f"\n# {damage}\n",
                        "snippets/lenet_alexnet/pretrained_alexnet.py")
    assert not result.ok
    message = describe_failure("snippets/lenet_alexnet/pretrained_alexnet.py", result, [], check_checkpoints(home, runner))
    assert f"{path}: CORRUPT or truncated" in message


@pytest.mark.proof
def test_genuine_weights_with_the_wrong_hash_are_refused(tmp_path):
    fake = tmp_path / "alexnet-owt-7be5be79.pth"  # the name, not the content, of the genuine file
    fake.write_bytes(b"these are not the ImageNet weights")
    with pytest.raises(WeightsRefused, match="does not start with 7be5be79"):
        verify_genuine(fake)
