"""The contract between a page, a snippet and its recorded output, in one place.

The MkDocs build hooks (docs/_theme/hooks) and the test harness (tests/harness) both import
this module; it lives with the build, so that the site builds without tests/, and it uses
the standard library only.

- A snippet is `snippets/<section>/<name>.py`, runnable on its own from the repository root.
- Its recorded stdout is `<name>.out` beside it; the versions the section's outputs were
  recorded with are in `recorded-with.json` in the same folder.
- A page shows both by inclusion: a fenced block holding only a `--8<-- "..."` line naming
  the `.py`, the `<!--pytest-codeblocks:expected-output-->` marker, then a fenced block
  holding only the include of the `.out`. Include targets resolve against the
  `base_path` of `pymdownx.snippets` in mkdocs.yml, as MkDocs resolves them.
- Every snippet is published with the site at its repository path, so a page can link to
  the exact file.
"""

import json
import os
import platform
import re
from importlib import metadata
from dataclasses import dataclass
from pathlib import Path

SNIPPETS_DIR = "snippets"
STAMP_NAME = "recorded-with.json"
# A notebook keeps the versions its outputs were recorded with in its own metadata, here.
NOTEBOOK_STAMP_KEY = "recorded_with"


def shown_on_notebook_page(cell: dict, jupyter_settings) -> bool:
    """Whether the site's notebook page shows `cell`: mkdocs-jupyter leaves off the cells whose
    tags its remove_tag_config lists under remove_cell_tags (`jupyter_settings` is that
    plugin's configuration, as mkdocs.yml gives it)."""
    removal = (jupyter_settings or {}).get("remove_tag_config") or {}
    return not set(removal.get("remove_cell_tags") or ()) & set(cell.get("metadata", {}).get("tags", []))


# A figure NAME.svg has a twin for the dark palette, NAME-dark.svg; the build pairs them.
DARK_FIGURE_SUFFIX = "-dark"
# The longest code or output line a page shows without scrolling in a 1280 px window
# (Material's text column inside a callout, 13.6 px monospace); tests/test_line_width.py
# holds every snippet, output and notebook cell to it.
LONGEST_LINE = 76
EXPECTED_OUTPUT_MARKER = "<!--pytest-codeblocks:expected-output-->"

# The one-line include of pymdownx.snippets: --8<-- "path" (scissors of any length).
INCLUDE = re.compile(r"""^(?P<indent>\s*)-{1,}8<-{1,}\s+(?P<quote>["'])(?P<target>[^"']+)(?P=quote)\s*$""")

# The block form: a line of scissors alone opens and closes a list of files, one per line.
INCLUDE_BLOCK_DELIMITER = re.compile(r"^\s*-{1,}8<-{1,}\s*$")
# What pymdownx.snippets accepts after a file name: a named section (file.py:name) or line
# ranges (file.py:1:4, file.py:3:, file.py:1:2,5:6).
SELECTOR = re.compile(r"^(?P<file>.+?):(?P<selector>[A-Za-z_][\w-]*|\d*(?::\d*)?(?:,\d*(?::\d*)?)*)$")
# The marker lines of a named section, which pymdownx.snippets leaves out of every include.
SECTION_MARKER = re.compile(r"^.*-{1,}8<-{1,}\s*\[(?:start|end):[\w-]+\].*\n?", re.MULTILINE)

# A snippet's (or notebook cell's) declaration that its decimal numbers vary between
# processors and are compared within a tolerance (harness/tolerance.py reads it in full).
TOLERANCE_DIRECTIVE = re.compile(
    r"^[ \t]*#[ \t]*harness:[ \t]*tolerance[ \t]+(?P<kind>rel|abs|sig)[ \t]*=[ \t]*(?P<value>[0-9.eE+-]+)"
    r"(?:[ \t]+because[ \t]+(?P<reason>\S.*?))?[ \t]*$",
    re.MULTILINE,
)

# A fenced block that holds nothing but one include.
INCLUDE_BLOCK = re.compile(
    r'^(?P<indent>[ \t]*)(?P<fence>`{3,})[^\n]*\n'
    r'[ \t]*-{1,}8<-{1,}\s+(?P<quote>["\'])(?P<target>[^"\']+)(?P=quote)\s*\n'
    r'(?P=indent)(?P=fence)[ \t]*$',
    re.M,
)


def output_line_anchor(output_anchor: str, line: int) -> str:
    """The id of line `line` (from 1) of the output whose stamp has the id `output_anchor`."""
    return f"{output_anchor}-line-{line}"


@dataclass(frozen=True)
class Snippet:
    path: Path

    @property
    def section(self) -> str:
        return self.path.parent.name

    @property
    def name(self) -> str:
        """`section/name`, the id used in test names and messages."""
        return f"{self.section}/{self.path.stem}"

    @property
    def out_path(self) -> Path:
        return self.path.with_suffix(".out")

    @property
    def stamp_path(self) -> Path:
        return self.path.parent / STAMP_NAME

    @property
    def code(self) -> str:
        return self.path.read_text(encoding="utf-8")

    def published_uri(self, root: Path) -> str:
        """Where the built site serves the file: its path in the repository."""
        return self.path.resolve().relative_to(Path(root).resolve()).as_posix()

    def published_output_uri(self, root: Path) -> str:
        """Where the built site serves the recorded output, next to the snippet."""
        return self.out_path.resolve().relative_to(Path(root).resolve()).as_posix()

    @property
    def output_anchor(self) -> str:
        """The id of the stamp under the fragment's output on a page, which numbers link to."""
        return "output-" + self.path.stem.replace("_", "-")

    def output_line_anchor(self, line: int) -> str:
        """The id of one line of the fragment's output on a page (1 is the first line)."""
        return output_line_anchor(self.output_anchor, line)

    def recorded_output(self) -> str | None:
        """The recorded bytes exactly (line endings untouched, any byte kept: decode_output)."""
        if not self.out_path.exists():
            return None
        return decode_output(self.out_path.read_bytes())

    def recorded_with(self) -> dict:
        return read_stamp(self.stamp_path)


def decode_output(data: bytes) -> str:
    """Printed bytes as text that encodes back to exactly the same bytes (bytes that are not
    UTF-8 survive as surrogate escapes), so that outputs are compared byte for byte."""
    return data.decode("utf-8", "surrogateescape")


def encode_output(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


FENCE_LINE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def fence_lines(output: str) -> list[int]:
    """Line numbers of an output that would end the code block the page shows it in."""
    return [n for n, line in enumerate(output.split("\n"), 1) if FENCE_LINE.match(line)]


def discover_snippets(root: Path) -> list[Snippet]:
    """Every runnable fragment under `<root>/snippets/<section>/<name>.py`."""
    return [Snippet(path) for path in sorted((Path(root) / SNIPPETS_DIR).glob("*/*.py"))
            if not path.name.startswith("_")]


def orphan_outputs(root: Path) -> list[Path]:
    """Recorded outputs whose snippet is gone."""
    return [out for out in sorted((Path(root) / SNIPPETS_DIR).glob("*/*.out"))
            if not out.with_suffix(".py").exists()]


def snippet_of_output(path: Path) -> Snippet | None:
    """The snippet whose recorded output `path` is, if it is one."""
    path = Path(path)
    if path.suffix == ".out" and path.with_suffix(".py").is_file() and path.parent.parent.name == SNIPPETS_DIR:
        return Snippet(path.with_suffix(".py"))
    return None


def read_stamp(path: Path) -> dict:
    """The versions stamped beside a section's outputs; {} when there is no stamp yet."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except ValueError as error:
        raise ValueError(f"{path} is not valid JSON: {error}") from error


# The versions that decide what a snippet prints: the key in a stamp, and how a page names it.
VERSIONS = {"python": "Python", "torch": "torch", "torchvision": "torchvision"}


def describe_versions(versions: dict) -> str:
    if not versions:
        return "unknown versions"
    return ", ".join(f"{label} {versions.get(key, '?')}" for key, label in VERSIONS.items())


def base_paths(settings: dict, root: Path) -> list[Path]:
    """pymdownx.snippets' base_path setting as absolute folders (relative ones are taken
    from the folder of mkdocs.yml, `root`)."""
    base = settings.get("base_path", ["."])
    bases = [base] if isinstance(base, (str, os.PathLike)) else list(base)
    return [Path(os.fspath(b)) if Path(os.fspath(b)).is_absolute() else Path(root) / os.fspath(b) for b in bases]


def split_target(target: str) -> tuple[str, str | None]:
    """An include's file and its selector (a section name or line ranges), if any."""
    match = SELECTOR.match(target)
    return (match.group("file"), match.group("selector")) if match else (target, None)


def without_section_markers(code: str) -> str:
    return SECTION_MARKER.sub("", code)


def resolve(target: str, bases: list[Path]) -> Path | None:
    """The file an include names (a section or line range selects part of it), searched in
    the base paths in order, as MkDocs does."""
    for name in dict.fromkeys((target, split_target(target)[0])):
        for base in bases:
            candidate = (Path(base) / name).resolve()
            if candidate.is_file():
                return candidate
    return None


def current_versions() -> dict:
    """The installed versions of VERSIONS."""
    return {key: platform.python_version() if key == "python" else metadata.version(key) for key in VERSIONS}
