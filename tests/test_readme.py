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
    assert command.startswith("python3 -m venv .venv") and "pytest" in command
    assert "test-command" in (REPO / ".ci" / "run").read_text()


def test_github_runs_the_same_ci():
    """One definition of how the project is installed and tested: the workflow's test job
    runs .ci/run and never a test command of its own."""
    workflow = (REPO / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")
    test_job = workflow.split("\n  test:", 1)[1].split("\n  publish:", 1)[0]
    assert "run: bash .ci/run" in test_job, ".github/workflows/site.yml: the test job must run `bash .ci/run`"
    assert "pytest" not in test_job, ".github/workflows/site.yml: the test job runs pytest itself, beside .ci/run"


def test_a_scheduled_workflow_reports_upstream_drift():
    import yaml

    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "upstream.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as True
    assert "schedule" in triggers and triggers["schedule"][0]["cron"]
    steps = workflow["jobs"]["drift-report"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "--upgrade torch torchvision" in runs and "--drift-report drift-report.md" in runs
    assert any(step.get("with", {}).get("path") == "drift-report.md" for step in steps)
