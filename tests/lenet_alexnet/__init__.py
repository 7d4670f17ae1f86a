"""Section 20.1 (LeNet & AlexNet): its claims and the facts behind them, the stand-in AlexNet
checkpoint, and the figures drawn from its models. section.py declares it; the harness finds
it there (harness/sections.py) and never imports anything else of it."""
