"""A snippet can neither fool, escape nor hang the verification: it cannot write into the
repository, reach the network or start programs; a timeout kills everything it started; and
a cached result goes stale when anything it read changes."""

import json
import os
import time
import warnings
from pathlib import Path

import pytest

from harness import cache
from harness.paths import REPO
from harness.runner import SnippetRunner, declared_timeout

pytestmark = pytest.mark.proof


@pytest.fixture
def runner(tmp_path):
    return SnippetRunner(env={"HOME": str(tmp_path / "home"), "TORCH_HOME": str(tmp_path / "torch"),
                              "XDG_CACHE_HOME": str(tmp_path / "cache"), "MPLCONFIGDIR": str(tmp_path / "mpl")},
                         use_cache=False)


def run(runner, tmp_path, code: str, name: str = "probe.py", **kwargs):
    path = tmp_path / "section" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(code, encoding="utf-8")
    return runner.run(code, f"section/{path.stem}", str(path))


PROBE = "snippets/.containment-probe"


@pytest.mark.parametrize("how", [
    f"open({PROBE!r}, 'w').write('x')",
    "open('docs/index.md', 'a').write('one more line')",
    f"import pathlib; pathlib.Path({str(REPO / PROBE)!r}).write_text('x')",
    "import os; os.remove('README.md')",
    "import os; os.rename('README.md', 'README.old')",
    f"import os; os.mkdir({PROBE!r})",
    "import shutil; shutil.copyfile('README.md', 'docs/copied.md')",
])
def test_a_snippet_cannot_write_into_the_repository(runner, tmp_path, how):
    before = {p: (REPO / p).read_bytes() for p in ("README.md", "docs/index.md")}
    try:
        result = run(runner, tmp_path, f"print('started')\n{how}\n")
    finally:
        leftover = [p for p in (REPO / PROBE, REPO / "docs/copied.md", REPO / "README.old") if p.exists()]
        for path in leftover:
            path.unlink() if path.is_file() else path.rmdir()
    assert not leftover, f"the snippet wrote {leftover} into the repository"
    assert {p: (REPO / p).read_bytes() for p in before} == before
    assert not result.ok
    assert "inside the repository" in result.stderr, result.stderr


def test_a_snippet_may_write_in_its_scratch_folder_and_read_the_repository(runner, tmp_path):
    result = run(runner, tmp_path, (
        "from pathlib import Path\n"
        "Path('model-notes.txt').write_text('kept in the scratch folder')\n"
        "print(Path('model-notes.txt').read_text())\n"
        "print(Path('mkdocs.yml').read_text().splitlines()[0][:9])\n"
    ))
    assert result.ok, result.stderr
    assert result.stdout.splitlines() == ["kept in the scratch folder", "site_name"]
    assert not (REPO / "model-notes.txt").exists()


@pytest.mark.parametrize("how", [
    "import socket; socket.socket().connect(('192.0.2.1', 80))",
    "import socket; print(socket.socket().connect_ex(('192.0.2.1', 80)))",
    "import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'x', ('192.0.2.1', 53))",
    "import socket; socket.getaddrinfo('example.org', 443)",
    "import urllib.request; urllib.request.urlopen('https://example.org/weights.pth', timeout=5)",
])
def test_the_network_is_blocked_with_the_harness_message(runner, tmp_path, how):
    result = run(runner, tmp_path, how + "\n")
    assert not result.ok
    assert "network access is blocked while verifying snippets" in result.stderr, result.stderr


def test_loopback_stays_open(runner, tmp_path):
    result = run(runner, tmp_path, (
        "import socket\nserver = socket.socket(); server.bind(('127.0.0.1', 0)); server.listen()\n"
        "client = socket.socket(); client.connect(server.getsockname()); print('connected')\n"
    ))
    assert result.ok and result.stdout == "connected\n", result.stderr


def test_loopback_is_closed_to_services_the_snippet_did_not_start(runner, tmp_path):
    import socket

    service = socket.socket()  # a local service of the machine's, not the snippet's
    service.bind(("127.0.0.1", 0))
    service.listen()
    try:
        port = service.getsockname()[1]
        result = run(runner, tmp_path, f"import socket\nsocket.socket().connect(('127.0.0.1', {port}))\n")
    finally:
        service.close()
    assert not result.ok
    assert "a local service the snippet did not start" in result.stderr, result.stderr


def test_a_snippet_cannot_write_outside_its_temporary_folders(runner, tmp_path):
    """Outside the repository too: a repository copy's snippet could otherwise write into the
    repository it was copied from, which lies outside the copy."""
    import tempfile

    # Somewhere neither in the repository nor in the temporary folder, wherever the clone lives.
    target = Path(tempfile.gettempdir()).resolve().parent / f".containment-probe-{os.getpid()}"
    try:
        result = run(runner, tmp_path, f"open({str(target)!r}, 'w').write('x')\n")
        assert not target.exists(), f"the snippet wrote {target}"
    finally:
        if target.exists():
            target.unlink()
    assert not result.ok
    assert "outside the snippet's scratch and temporary folders" in result.stderr, result.stderr


@pytest.mark.slow
@pytest.mark.copies_repository
def test_a_snippet_on_a_repository_copy_cannot_write_the_original(tmp_path):
    from harness.sandbox import RepositoryCopy, add_synthetic_section

    copy = RepositoryCopy(tmp_path / "repo")
    folder, _ = add_synthetic_section(copy, "escape_probe")
    original = REPO / "docs" / "index.md"
    before = original.read_bytes()
    copy.path(f"{folder}/tally.py").write_text(
        f"open({str(original)!r}, 'a').write('written from a copy')\nprint('done')\n", encoding="utf-8")
    copy.path(f"{folder}/tally.out").write_text("done\n", encoding="utf-8")
    try:
        run = copy.pytest(f"{folder}/tally.py", env={"HARNESS_NO_CACHE": "1"})
    finally:
        changed = original.read_bytes() != before
        if changed:
            original.write_bytes(before)
    assert not changed, "a snippet run on a repository copy changed the original docs/index.md"
    assert run.returncode != 0 and "the snippet tried to write" in run.output, run.output


@pytest.mark.parametrize("how", [
    "import subprocess; subprocess.run(['true'])",
    "import os; os.system('true')",
])
def test_a_snippet_cannot_start_a_program(runner, tmp_path, how):
    result = run(runner, tmp_path, how + "\n")
    assert not result.ok
    assert "tried to start another program" in result.stderr, result.stderr


def test_a_timeout_kills_the_snippet_and_everything_it_started(tmp_path):
    runner = SnippetRunner(env={"HOME": str(tmp_path)}, use_cache=False, timeout_s=60)
    code = ("# harness: timeout=3\nimport os, sys, time\n"
            "child = os.fork()\n"
            "if child == 0:\n    time.sleep(600)\n"
            "print(child, flush=True)\ntime.sleep(600)\n")
    assert declared_timeout(code) == 3
    started = time.monotonic()
    result = run(runner, tmp_path, code)
    assert time.monotonic() - started < 30
    assert result.timed_out and "killed after 3 s" in result.stderr and "# harness: timeout" in result.stderr
    child = int(result.stdout.split()[0])
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"the snippet's child process {child} outlived the timeout")


def test_the_cache_key_covers_the_settings_that_change_output(monkeypatch):
    monkeypatch.delenv("ATEN_CPU_CAPABILITY", raising=False)
    plain = cache.key("snippets", ("print(1)",))
    monkeypatch.setenv("ATEN_CPU_CAPABILITY", "default")
    assert cache.key("snippets", ("print(1)",)) != plain
    assert "ATEN_CPU_CAPABILITY" in cache.OUTPUT_ENVIRONMENT and "PYTHONHASHSEED" in cache.OUTPUT_ENVIRONMENT


@pytest.mark.parametrize("damage", ['["a list"]', '{"stdout": 3, "stderr": "", "returncode": 0}',
                                    '{"stdout": "", "stderr": "", "returncode": 0, "reads": ["x"]}', "{not json"])
def test_a_damaged_cache_entry_is_named_and_discarded(tmp_path, monkeypatch, damage):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("HARNESS_NO_CACHE", raising=False)
    monkeypatch.setenv("HARNESS_CACHE_DIR", str(tmp_path / "cache"))
    parts = ("print('x')",)
    cache.store("snippets", parts, {"stdout": "x\n", "stderr": "", "returncode": 0})
    entry = next((tmp_path / "cache" / "snippets").glob("*.json"))
    entry.write_text(damage, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert cache.load("snippets", parts, required={"stdout": str, "stderr": str, "returncode": int}) is None
    assert any(str(entry) in str(w.message) and "damaged cache entry" in str(w.message) for w in caught)
    assert not entry.exists()


def test_a_cached_run_is_stale_once_a_file_it_read_changes(tmp_path):
    """On a copy, with the cache on: a snippet importing a helper beside it passes and is
    cached; the helper is edited within the same second (its __pycache__ left as it was);
    the next run must see the edit, not replay the cache or the compiled helper."""
    from harness.sandbox import RepositoryCopy, add_synthetic_section

    copy = RepositoryCopy(tmp_path / "repo")
    folder, _ = add_synthetic_section(copy, "proof")
    copy.path(f"{folder}/_helper.py").write_text("VALUE = 1\n", encoding="utf-8")
    copy.replace(f"{folder}/tally.py", "import torch\n", "import torch\nimport _helper\nprint('helper', _helper.VALUE)\n")
    copy.path(f"{folder}/tally.out").write_text("helper 1\n" + copy.path(f"{folder}/tally.out").read_text())
    __import__("py_compile").compile(str(copy.path(f"{folder}/_helper.py")))
    env = {"HARNESS_CACHE_DIR": str(tmp_path / "cache"), "HARNESS_NO_CACHE": ""}
    first = copy.pytest(f"{folder}/tally.py", env=env)
    assert first.returncode == 0, first.output
    entry = json.loads(next((tmp_path / "cache" / "snippets").glob("*.json")).read_text())
    assert f"{folder}/_helper.py" in entry["reads"], entry["reads"]
    copy.replace(f"{folder}/_helper.py", "VALUE = 1", "VALUE = 2")
    second = copy.pytest(f"{folder}/tally.py", env=env)
    assert second.returncode == 1, "the cached result outlived an edit of the helper it imports"
    assert "-helper 1" in second.output and "+helper 2" in second.output


# --- bytes: what the snippet prints is compared, recorded and shown exactly ------------------

from harness.checks import check_snippet  # noqa: E402
from snippet_contract import Snippet  # noqa: E402


def snippet_with_output(tmp_path, code: str, recorded: bytes) -> Snippet:
    folder = tmp_path / "bytes"
    folder.mkdir(exist_ok=True)
    (folder / "probe.py").write_text(code, encoding="utf-8")
    (folder / "probe.out").write_bytes(recorded)
    return Snippet(folder / "probe.py")


@pytest.mark.parametrize("recorded, marker", [
    (b"width: 4096\r\nheight: 4096\r\n", "width: 4096\u240d"),        # CRLF line endings
    (b"width: 4096  \nheight: 4096\n", "width: 4096\u00b7\u00b7"),    # trailing spaces
    (b"width: 4096\nheight: 4096", "No newline at end of file"),     # no final newline
])
def test_invisible_differences_fail_and_are_shown(runner, tmp_path, recorded, marker):
    snippet = snippet_with_output(tmp_path, "print('width: 4096')\nprint('height: 4096')\n", recorded)
    found = check_snippet(snippet, runner, ["docs/some-page.md"])
    assert found.problems and "output drifted" in found.problems[0]
    assert marker in found.problems[0], found.problems[0]


def test_bytes_that_are_not_utf8_are_compared_and_recorded_exactly(runner, tmp_path):
    from harness.record import update_recordings

    code = "import sys\nsys.stdout.buffer.write(b'raw \\xff byte\\n')\n"
    snippet = snippet_with_output(tmp_path, code, b"raw \xff byte\n")
    assert not check_snippet(snippet, runner, ["docs/some-page.md"]).problems
    snippet.out_path.write_bytes(b"raw \xfe byte\n")
    problem = check_snippet(snippet, runner, ["docs/some-page.md"]).problems[0]
    assert "-raw \\xfe byte" in problem and "+raw \\xff byte" in problem
    update_recordings(runner, [snippet], {})
    assert snippet.out_path.read_bytes() == b"raw \xff byte\n"


def test_an_output_that_would_end_the_page_block_is_refused(runner, tmp_path):
    snippet = snippet_with_output(tmp_path, "print('a')\nprint('```')\n", b"a\n```\n")
    problem = check_snippet(snippet, runner, ["docs/some-page.md"]).problems[0]
    assert "bytes/probe.py prints a code fence" in problem and "line 2" in problem


def test_a_long_page_is_read_whatever_its_length(tmp_path):
    from harness.pages import code_blocks

    page = tmp_path / "long.md"
    page.write_text("# Long\n\n" + "A line of prose.\n" * 12000 + "\n```python\nprint(1)\n```\n", encoding="utf-8")
    assert [block.code for block in code_blocks(page)] == ["print(1)\n"]


def test_a_drift_after_an_upgrade_says_the_versions_differ(runner, tmp_path):
    import json as json_module

    snippet = snippet_with_output(tmp_path, "print('width: 4096')\n", b"width: 4095\n")
    snippet.stamp_path.write_text(json_module.dumps({"python": "3.11.7", "torch": "2.13.0", "torchvision": "0.29.1"}))
    problem = check_snippet(snippet, runner, ["docs/some-page.md"]).problems[0]
    assert "the installed versions differ from the recorded ones (torch 2.13.0 -> " in problem, problem
