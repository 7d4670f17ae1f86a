"""Building the site the way an author or CI does, and reading what it produced."""

import os
import subprocess
import sys
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


def build_site(site_dir: Path, config_file: Path = MKDOCS_YML) -> Build:
    """`mkdocs build --strict` into `site_dir`; the Material end-of-life banner is silenced."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_file),
         "--site-dir", str(site_dir)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600,
    )
    return Build(site_dir, completed.returncode, completed.stdout + completed.stderr)
