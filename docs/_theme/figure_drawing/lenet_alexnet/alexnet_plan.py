"""Figure 20.1.2: AlexNet's layer plan, traced from the alexnet snippet's model at 224x224."""

from .layer_plan import render, stages_from

SNIPPET = "alexnet"
FILE_NAME = "alexnet-plan.svg"


def build(exported: dict) -> str:
    return render(stages_from(exported["figure.alexnet_stages"]), "Figure 20.1.2: the AlexNet pipeline", "AlexNet")
