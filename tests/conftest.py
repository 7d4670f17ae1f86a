"""What this site's section needs from the harness plugin (harness/plugin.py): a stand-in
for the pretrained AlexNet weights before the first snippet runs, the state of the torch
cache when a snippet fails, and the figures that --update-outputs redraws."""

from pathlib import Path


def pytest_harness_prepare_run(torch_home: Path) -> None:
    from lenet_alexnet.checkpoints import write_stand_in_alexnet

    write_stand_in_alexnet(torch_home)


def pytest_harness_failure_report(runner, env: dict) -> list:
    from lenet_alexnet.checkpoints import check_checkpoints

    return check_checkpoints(Path(env["TORCH_HOME"]), runner)


def pytest_harness_generated_files() -> dict:
    from harness.paths import FIGURES
    from lenet_alexnet.generated import FIGURES as DRAWINGS

    return {FIGURES / name: draw for name, draw in DRAWINGS.items()}
