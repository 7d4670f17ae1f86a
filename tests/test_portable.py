"""Recorded outputs hold on other processors. The proof is the whole suite run with torch's
generic CPU kernels, the way a reader's machine or a CI runner without this machine's vector
units computes: a leg of the GitHub workflow, and here

    ATEN_CPU_CAPABILITY=default python -m pytest

It is not run a second time inside every run. This test makes sure that a run which names
its kernels really ran the snippets with them."""

import os

import pytest


def test_snippets_run_with_the_kernels_the_run_names(snippet_runner):
    wanted = os.environ.get("ATEN_CPU_CAPABILITY")
    if not wanted:
        pytest.skip("ATEN_CPU_CAPABILITY is not set: this run uses the machine's own kernels")
    probe = snippet_runner.run("import torch\nprint(torch.backends.cpu.get_cpu_capability())\n", "kernel probe")
    assert probe.ok, probe.stderr
    assert probe.stdout.strip() == wanted.upper(), (
        f"ATEN_CPU_CAPABILITY={wanted}, but the snippets ran with {probe.stdout.strip()} kernels"
    )
