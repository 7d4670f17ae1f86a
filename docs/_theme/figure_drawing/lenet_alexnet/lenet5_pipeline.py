"""Figure 20.1.1: LeNet-5's layer plan, traced from the lenet5 snippet's model."""

from .layer_plan import render, stages_from

SNIPPET = "lenet5"
FILE_NAME = "lenet5-pipeline.svg"


def build(exported: dict) -> str:
    return render(stages_from(exported["figure.lenet5_stages"]), "Figure 20.1.1: the LeNet-5 pipeline", "LeNet-5")
