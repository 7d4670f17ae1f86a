"""Every include form pymdownx.snippets accepts with the site's settings is understood: a
named section (file.py:name), a line range (file.py:2:3) and the block form are collected,
shown as part of their snippet, and checked against its recorded output, on a copy of the
repository (nothing is written into this one)."""

import pytest

from harness.sandbox import RepositoryCopy

pytestmark = [pytest.mark.proof, pytest.mark.slow, pytest.mark.copies_repository]

FENCE = "```"
FOLDER, PAGE = "snippets/include_forms", "docs/include-forms.md"
CODE = """\
# --8<-- [start:body]
total = sum(range(10))
print("total:", total)
# --8<-- [end:body]
print("done")
"""
FORMS = {
    "named section": f'{FENCE}python title="section.py"\n--8<-- "{FOLDER}/probe.py:body"\n{FENCE}\n',
    "line range": f'{FENCE}python title="lines.py"\n--8<-- "{FOLDER}/probe.py:2:3"\n{FENCE}\n',
    "block form": f'{FENCE}python title="block.py"\n--8<--\n{FOLDER}/probe.py\n--8<--\n{FENCE}\n',
}
OUTPUT = f'\n<!--pytest-codeblocks:expected-output-->\n\n{FENCE}text title="Output"\n--8<-- "{FOLDER}/probe.out"\n{FENCE}\n\n'


def test_each_include_form_is_collected_checked_and_caught_when_it_drifts(tmp_path):
    copy = RepositoryCopy(tmp_path / "repo")
    copy.path(FOLDER).mkdir()
    copy.path(f"{FOLDER}/probe.py").write_text(CODE, encoding="utf-8")
    copy.path(f"{FOLDER}/probe.out").write_text("total: 45\ndone\n", encoding="utf-8")
    stamp = next(copy.path("snippets").glob("*/recorded-with.json")).read_text(encoding="utf-8")
    copy.path(f"{FOLDER}/recorded-with.json").write_text(stamp, encoding="utf-8")
    copy.path(PAGE).write_text("# Include forms\n\n" + "".join(form + OUTPUT for form in FORMS.values()),
                               encoding="utf-8")
    env = {"HARNESS_NO_CACHE": "1"}

    verified = copy.pytest(FOLDER, PAGE, "-rA", env=env)
    assert verified.returncode == 0, verified.output
    for title in ("section.py", "lines.py", "block.py"):
        assert f"PASSED {PAGE}::{title}" in verified.output, verified.output
    assert f"PASSED {PAGE}::includes" in verified.output

    copy.replace(f"{FOLDER}/probe.out", "total: 45", "total: 46")
    drifted = copy.pytest(FOLDER, PAGE, "-rA", env=env)
    assert drifted.returncode == 1
    for title in ("section.py", "lines.py", "block.py"):
        assert f"FAILED {PAGE}::{title}" in drifted.output, drifted.output
        assert f"the output shown under '{title}' drifted from {FOLDER}/probe.py" in drifted.output
    assert "the page shows part of it" in drifted.output
