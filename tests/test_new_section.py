"""A second section needs no change to the plugin: on a copy of the repository, a new folder
snippets/<section>/ and a page that includes its files are collected, verified, caught when
they drift, and re-recorded."""

import pytest

from harness.sandbox import RepositoryCopy

pytestmark = [pytest.mark.slow, pytest.mark.copies_repository]

SECTION = "snippets/synthetic_section"
PAGE = "docs/synthetic-section.md"
CODE = """\
# A fragment of a synthetic section: a sum and a shape, nothing that varies.
import torch

values = torch.arange(12).reshape(3, 4)
print("sum:", int(values.sum()))
print("shape:", tuple(values.shape))
"""
FENCE = "```"


def add_section(copy: RepositoryCopy) -> None:
    folder = copy.path(SECTION)
    folder.mkdir()
    (folder / "tally.py").write_text(CODE, encoding="utf-8")
    (folder / "tally.out").write_text("sum: 66\nshape: (3, 4)\n", encoding="utf-8")
    (folder / "recorded-with.json").write_text(
        copy.path("snippets/lenet_alexnet/recorded-with.json").read_text(encoding="utf-8"), encoding="utf-8")
    copy.path(PAGE).write_text(
        "# A synthetic section\n\n"
        f'{FENCE}python title="tally.py"\n--8<-- "{SECTION}/tally.py"\n{FENCE}\n\n'
        "<!--pytest-codeblocks:expected-output-->\n\n"
        f'{FENCE}text title="Output"\n--8<-- "{SECTION}/tally.out"\n{FENCE}\n',
        encoding="utf-8",
    )


def test_a_new_section_is_verified_caught_and_re_recorded(tmp_path):
    copy = RepositoryCopy(tmp_path / "repo")
    add_section(copy)
    args = (SECTION, PAGE, "-vv")  # only the new section; the copy runs with -q
    env = {"HARNESS_NO_CACHE": "1"}

    verified = copy.pytest(*args, env=env)
    assert verified.returncode == 0, verified.output
    assert f"{SECTION}/tally.py::recorded-output PASSED" in verified.output
    assert f"{PAGE}::tally.py PASSED" in verified.output

    copy.replace(f"{SECTION}/tally.out", "sum: 66", "sum: 67")
    drifted = copy.pytest(*args, env=env)
    assert drifted.returncode == 1, drifted.output
    assert f"output drifted: {SECTION}/tally.py no longer prints {SECTION}/tally.out" in drifted.output
    assert f"shown on: {PAGE}" in drifted.output
    assert f"{PAGE}: the output shown under 'tally.py' drifted from {SECTION}/tally.py" in drifted.output

    updated = copy.pytest("--update-outputs", "-m", "not notebook", *args, env=env)
    assert updated.returncode == 0, updated.output
    assert f"[update-outputs] updated {SECTION}/tally.out" in updated.output
    assert copy.path(f"{SECTION}/tally.out").read_text(encoding="utf-8") == "sum: 66\nshape: (3, 4)\n"
