"""The command the section page gives readers to compare their own run of a downloaded
fragment with the page. Every fragment and output the site publishes is byte for byte the
file the harness verifies (so each prints what the page shows, proven by the one run of each
snippet); the command itself is run as written, as a reader would, on one fragment: it passes
on the recorded output, and fails when the output differs."""

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from harness.paths import REPO, rel
from snippet_contract import discover_snippets

pytestmark = [pytest.mark.proof, pytest.mark.slow]

COMMAND_TITLE = "compare-with-the-page"
COMMAND = re.compile(rf'<span class="filename">{COMMAND_TITLE}</span>.*?<code>(?P<code>.*?)</code>', re.S)


def command_on_the_page(site_dir: Path) -> str:
    """The command, from the page of the site that shows it."""
    for page in sorted(site_dir.rglob("*.html")):
        found = COMMAND.search(page.read_text(encoding="utf-8"))
        if found:
            return html.unescape(re.sub(r"<[^>]+>", "", found.group("code"))).strip()
    raise AssertionError(f"no page of the site shows a command titled {COMMAND_TITLE!r}")


def example_in(command: str) -> str:
    """The fragment the command compares, as it names it (NAME.py)."""
    names = {s.path.stem for s in discover_snippets(REPO)}
    named = [n for n in re.findall(r"([\w-]+)\.py\b", command) if n in names]
    assert named, f"the command names no published fragment: {command}"
    return named[0]


@pytest.fixture(scope="module")
def reader_folder(tmp_path_factory, built_site):
    """A reader's folder: every published fragment and output, downloaded from the built site."""
    assert built_site.returncode == 0, built_site.log
    folder = tmp_path_factory.mktemp("reader")
    for snippet in discover_snippets(REPO):
        published = built_site.site_dir / snippet.published_uri(Path.cwd())
        assert published.exists(), f"the site does not publish {rel(snippet.path)}"
        published_output = built_site.site_dir / snippet.published_output_uri(Path.cwd())
        for source, offered in ((snippet.path, published), (snippet.out_path, published_output)):
            assert offered.read_bytes() == source.read_bytes(), (
                f"the site publishes a {offered.name} that differs from {rel(source)}")
        shutil.copy(published, folder / snippet.path.name)
        shutil.copy(published_output, folder / snippet.out_path.name)
    return folder


def run_as_reader(command: str, folder: Path) -> subprocess.CompletedProcess:
    venv_bin = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": venv_bin + os.pathsep + os.environ.get("PATH", ""),
           "TORCH_HOME": str(folder / ".torch"), "HOME": str(folder)}
    return subprocess.run(["bash", "-c", command], cwd=folder, env=env, capture_output=True, text=True,
                          timeout=600)


def test_the_pages_command_confirms_a_downloaded_fragment(reader_folder, built_site):
    command = command_on_the_page(built_site.site_dir)
    assert (reader_folder / f"{example_in(command)}.py").exists()
    result = run_as_reader(command, reader_folder)
    assert result.returncode == 0 and "same output" in result.stdout, (
        f"`{command}` failed (exit {result.returncode}):\n{result.stdout}{result.stderr}")


def test_the_pages_command_catches_a_different_output(reader_folder, built_site, tmp_path):
    folder = tmp_path / "changed"
    shutil.copytree(reader_folder, folder)
    command = command_on_the_page(built_site.site_dir)
    expected = folder / f"{example_in(command)}.out"
    text = expected.read_text(encoding="utf-8")
    digit = re.search(r"\d", text)  # the first digit of the recorded output, changed
    changed = text[:digit.start()] + str((int(digit.group()) + 1) % 10) + text[digit.end():]
    expected.write_text(changed, encoding="utf-8")
    result = run_as_reader(command, folder)
    assert result.returncode != 0 and "same output" not in result.stdout, result.stdout
    line = changed.splitlines()[text[:digit.start()].count("\n")]
    assert line in result.stdout, f"the diff does not show the line that differs ({line!r}):\n{result.stdout}"
