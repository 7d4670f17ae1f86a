"""What only Section 20.1 (LeNet & AlexNet) needs: its claims and the facts behind them, the
stand-in AlexNet checkpoint, and the figures drawn from its models. The harness plugin never
imports this package; hooks.py, loaded as a pytest plugin of its own, connects the two."""
