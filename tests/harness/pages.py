"""Pages as MkDocs sees them: includes expanded with the site's own pymdownx.snippets
settings, then read with pytest-codeblocks' parser."""

import io
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import markdown
from mkdocs.config import load_config
from pytest_codeblocks.main import CodeBlock, extract_from_buffer

from .paths import DOCS, MKDOCS_YML, REPO, rel

# The include line of pymdownx.snippets: --8<-- "path" (scissors of any length).
INCLUDE = re.compile(r"""^(?P<indent>\s*)-{1,}8<-{1,}\s+(?P<quote>["'])(?P<target>[^"']+)(?P=quote)\s*$""")


class PageError(Exception):
    """A page that cannot be read the way the site reads it."""


@dataclass(frozen=True)
class Include:
    page: Path
    line: int
    target: str  # as written on the page, relative to the snippets base path


@lru_cache(maxsize=None)
def site_config(config_file: Path = MKDOCS_YML):
    """The loaded mkdocs.yml, so the harness uses exactly the site's extension settings."""
    return load_config(str(config_file))


def discover_pages(docs: Path = DOCS) -> list[Path]:
    config = site_config()
    excluded = config["exclude_docs"]
    pages = []
    for path in sorted(docs.rglob("*.md")):
        relative = path.relative_to(docs).as_posix()
        if excluded is not None and excluded.match_file(relative):
            continue
        pages.append(path)
    return pages


def includes_on(page: Path) -> list[Include]:
    found = []
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
        match = INCLUDE.match(line)
        if match:
            found.append(Include(page, number, match.group("target")))
    return found


def snippet_base_paths() -> list[Path]:
    base = site_config()["mdx_configs"]["pymdownx.snippets"].get("base_path", ["."])
    bases = [base] if isinstance(base, (str, os.PathLike)) else list(base)
    return [Path(os.fspath(b)) if Path(os.fspath(b)).is_absolute() else REPO / os.fspath(b) for b in bases]


def resolve_include(include: Include) -> Path | None:
    for base in snippet_base_paths():
        candidate = (base / include.target).resolve()
        if candidate.is_file():
            return candidate
    return None


def expand(page: Path) -> str:
    """The page text after pymdownx.snippets, configured as in mkdocs.yml."""
    config = site_config()
    md = markdown.Markdown(
        extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"]
    )
    lines = page.read_text(encoding="utf-8").split("\n")
    try:
        return "\n".join(md.preprocessors["snippet"].run(lines))
    except Exception as error:  # pymdownx raises SnippetMissingError and friends
        raise PageError(f"{rel(page)}: an include does not resolve: {error}") from error


def code_blocks(page: Path) -> list[CodeBlock]:
    """The page's fenced blocks as pytest-codeblocks reads them, after expansion."""
    expanded = expand(page)
    try:
        return extract_from_buffer(io.StringIO(expanded + "\n"))
    except RuntimeError as error:
        raise PageError(f"{rel(page)}: pytest-codeblocks cannot read this page: {error}") from error


def is_python(block: CodeBlock) -> bool:
    language = (block.syntax or "").split()[0:1]
    return language in (["python"], ["py"], ["python3"])


def visible(text: str) -> str:
    """Block text as a reader sees it: an included file's final newline, and the indented
    blank line pymdownx.snippets adds after a file included inside an admonition, vanish."""
    return text.rstrip("\n") + "\n" if text.strip() else text


def block_title(block: CodeBlock) -> str:
    match = re.search(r'title="([^"]*)"', block.syntax or "")
    return match.group(1) if match else f"block at line {block.lineno} of the expanded page"
