"""Building the site the way an author or CI does, and reading what it produced."""

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .paths import MKDOCS_YML, REPO


@dataclass(frozen=True)
class Build:
    site_dir: Path
    returncode: int
    log: str

    def warnings(self) -> list[str]:
        return [line for line in self.log.splitlines() if line.startswith(("WARNING", "ERROR"))]


def _command(site_dir: Path, config_file: Path) -> tuple[list[str], dict]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")  # the Material end-of-life banner
    return ([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_file),
             "--site-dir", str(site_dir)], env)


def build_site(site_dir: Path, config_file: Path = MKDOCS_YML) -> Build:
    """`mkdocs build --strict` into `site_dir`."""
    command, env = _command(site_dir, config_file)
    completed = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    return Build(site_dir, completed.returncode, completed.stdout + completed.stderr)


class BackgroundBuild:
    """`build_site`, started now and collected later, so that the build overlaps the tests
    that do not need it. `site_dir` sits in a folder of its own, which discard() removes."""

    def __init__(self, site_dir: Path, config_file: Path = MKDOCS_YML):
        command, env = _command(site_dir, config_file)
        self.site_dir = site_dir
        self._log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        self._process = subprocess.Popen(command, cwd=REPO, env=env, stdout=self._log,
                                         stderr=subprocess.STDOUT, text=True)
        self._build: Build | None = None

    def result(self) -> Build:
        if self._build is None:
            try:
                returncode = self._process.wait(timeout=600)
            except subprocess.TimeoutExpired:
                self._process.kill()
                raise
            self._log.seek(0)
            self._build = Build(self.site_dir, returncode, self._log.read())
            self._log.close()
        return self._build

    def discard(self) -> None:
        """Stop the build if it still runs, and remove what it wrote."""
        if self._build is None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        shutil.rmtree(self.site_dir.parent, ignore_errors=True)


def load_hook(name: str):
    """The build hook docs/_theme/hooks/<name>.py as a module, imported as MkDocs imports it
    (its folder on the path, so that it finds the modules beside it)."""
    import importlib

    from .paths import DOCS

    sys.path.insert(0, str(DOCS / "_theme" / "hooks"))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.pop(0)


_parsed: dict = {}


def parsed_page(path: Path):
    """A built page parsed once per run and build (BeautifulSoup): tests only read it, and a
    page is read by several tests and by every cross-reference that points into it."""
    from bs4 import BeautifulSoup

    key = (path, path.stat().st_mtime_ns)
    if key not in _parsed:
        _parsed[key] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return _parsed[key]
