"""A second section needs no change to the plugin: on a copy of the repository, a new folder
snippets/<section>/ and a page that includes its files are collected, verified, caught when
they drift, and re-recorded."""

import pytest

from harness.sandbox import RepositoryCopy, add_synthetic_section

pytestmark = [pytest.mark.proof, pytest.mark.slow, pytest.mark.copies_repository]

SECTION, PAGE = "snippets/synthetic_section", "docs/synthetic-section.md"


def test_a_new_section_is_verified_caught_and_re_recorded(tmp_path):
    copy = RepositoryCopy(tmp_path / "repo")
    assert add_synthetic_section(copy, "synthetic_section") == (SECTION, PAGE)
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
    # Only what the selected tests check is re-recorded: the other section is not even run.
    assert "snippets/lenet_alexnet" not in updated.output, updated.output
    assert copy.path(f"{SECTION}/tally.out").read_text(encoding="utf-8") == "sum: 66\nshape: (3, 4)\n"
