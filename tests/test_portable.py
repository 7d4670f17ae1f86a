"""Recorded outputs hold on other processors: the snippets and the pages pass with torch's
generic CPU kernels (ATEN_CPU_CAPABILITY=default), the way a reader's machine or a CI runner
without this machine's vector units computes them."""

import pytest

from harness.sandbox import RepositoryCopy, add_synthetic_section

pytestmark = [pytest.mark.slow, pytest.mark.copies_repository]


def test_snippets_and_pages_hold_with_the_generic_kernels(tmp_path):
    copy = RepositoryCopy(tmp_path / "repo")
    # A probe that says which kernels the snippets really ran with.
    folder, page = add_synthetic_section(copy, "kernel_probe")
    copy.path(f"{folder}/tally.py").write_text(
        "import torch\nprint('kernels:', torch.backends.cpu.get_cpu_capability())\n", encoding="utf-8")
    copy.path(f"{folder}/tally.out").write_text("kernels: DEFAULT\n", encoding="utf-8")
    run = copy.pytest("snippets", "docs", env={"ATEN_CPU_CAPABILITY": "default", "HARNESS_NO_CACHE": "1"})
    assert run.returncode == 0, run.output


@pytest.mark.notebook
def test_the_notebook_holds_with_the_generic_kernels(notebook_env):
    """Its verdicts and counts reproduce exactly; its measured crossing points within the
    tolerance its code declares."""
    import nbformat

    from harness.notebooks import NotebookFailed, compare_cells, discover_notebooks, execute, text_outputs

    for path in discover_notebooks():
        recorded = text_outputs(nbformat.read(path, as_version=4))
        try:
            fresh = text_outputs(execute(path, {**notebook_env, "ATEN_CPU_CAPABILITY": "default"}))
        except NotebookFailed as error:
            pytest.fail(str(error), pytrace=False)
        problems, _ = compare_cells(path, recorded, fresh)
        assert not problems, "\n".join(problems)
