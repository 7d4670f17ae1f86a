"""`mkdocs serve`, the author's loop: it serves the section and rebuilds when a snippet changes."""

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from harness.sandbox import RepositoryCopy

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, condition, seconds: float) -> str | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = fetch(url)
        if body is not None and condition(body):
            return body
        time.sleep(0.1)
    return None


def build_times(log: list[str]) -> list[float]:
    return [float(s) for line in list(log) for s in re.findall(r"Documentation built in ([\d.]+) seconds", line)]


def test_serve_shows_the_section_and_reloads_when_an_output_changes(tmp_path):
    copy = RepositoryCopy(tmp_path / "repo")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=copy.root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    log: list[str] = []  # read as it comes, so that the test waits for the build, not a clock
    threading.Thread(target=lambda: log.extend(server.stdout), daemon=True).start()
    url = f"http://127.0.0.1:{port}/chapter-20/lenet-alexnet.html"
    try:
        page = wait_for(url, lambda body: "LeNet-5 parameters: 61,706" in body, 120)
        assert page is not None, "mkdocs serve did not serve the section page"

        out = copy.path("snippets/lenet_alexnet/lenet5.out")
        out.write_text(out.read_text() + "edited while serving\n")
        reloaded = wait_for(url, lambda body: "edited while serving" in body, 60)
        assert reloaded is not None, "mkdocs serve did not rebuild after a snippet output changed"
        # The page is on disk a moment before MkDocs logs how long the build took.
        deadline = time.monotonic() + 30
        while len(build_times(log)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    builds = build_times(log)
    log = "".join(log)
    assert len(builds) >= 2, log
    # The rebuild an author waits for after an edit: notebooks are never executed by a build.
    assert builds[-1] <= 2.0, f"rebuild after one edit took {builds[-1]:.2f} s (limit 2 s)\n{log}"
