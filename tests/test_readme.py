"""The README's promises: the versions it names and the commands CI runs."""

import json
import re

from harness.paths import REPO, SNIPPETS


def readme() -> str:
    return (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_names_the_recorded_versions():
    text = " ".join(readme().split())
    for stamp in sorted(SNIPPETS.glob("*/recorded-with.json")):
        versions = json.loads(stamp.read_text(encoding="utf-8"))
        expected = (f"recorded with Python {versions['python']}, torch {versions['torch']} "
                    f"and torchvision {versions['torchvision']}")
        assert expected in text, f"README.md should say: {expected}"


def test_ci_runs_the_readme_test_command():
    text = readme()
    match = re.search(r"<!-- test-command.*?-->\s*```sh\n(?P<command>[^\n]+)\n```", text, re.DOTALL)
    assert match, "README.md: the test command must follow the test-command marker"
    command = match.group("command")
    assert command.startswith("python3.11 -m venv .venv") and "pytest" in command
    assert "test-command" in (REPO / ".ci" / "run").read_text()
