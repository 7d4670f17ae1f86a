"""Pages as MkDocs sees them: includes expanded with the site's own pymdownx.snippets
settings, then read with pytest-codeblocks' parser."""

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pytest_codeblocks.main import CodeBlock, extract_from_buffer

from . import cache
from snippet_contract import INCLUDE, INCLUDE_BLOCK_DELIMITER, base_paths, resolve
from .paths import DOCS, MKDOCS_YML, rel



class PageError(Exception):
    """A page that cannot be read the way the site reads it."""


@dataclass(frozen=True)
class Include:
    page: Path
    line: int
    target: str  # as written on the page, relative to the snippets base path


@lru_cache(maxsize=None)
def raw_config() -> dict:
    """mkdocs.yml as MkDocs parses it, tags included, without loading theme or plugins
    (which collecting the tests does not need)."""
    from types import SimpleNamespace

    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    config = SimpleNamespace(config_file_path=str(MKDOCS_YML), docs_dir=str(DOCS))
    with open(MKDOCS_YML, encoding="utf-8") as handle:
        return yaml_load(handle, loader=get_yaml_loader(config=config))


def discover_pages(docs: Path = DOCS) -> list[Path]:
    """The Markdown pages the site builds, honouring exclude_docs."""
    import pathspec

    raw = raw_config()
    excluded = pathspec.GitIgnoreSpec.from_lines((raw.get("exclude_docs") or "").splitlines())
    return [p for p in sorted(docs.rglob("*.md")) if not excluded.match_file(p.relative_to(docs).as_posix())]


def built_path(source: Path, docs: Path = DOCS) -> str:
    """The HTML file the build makes of a page or notebook, relative to the site."""
    return re.sub(r"\.(md|ipynb)$", ".html", Path(source).relative_to(docs).as_posix())


def pages_with_snippets() -> list[Path]:
    """The pages that show at least one fragment."""
    return [page for page in discover_pages() if includes_on(page)]


def pages_with_figures() -> list[Path]:
    """The pages that show at least one image."""
    return [page for page in discover_pages() if re.search(r"!\[|<img\b", page.read_text(encoding="utf-8"))]


def includes_on(page: Path) -> list[Include]:
    """Every include on the page: the one-line form, and each file of the block form
    (`--8<--` alone, one file per line, `--8<--` alone; a line starting with ; is skipped)."""
    found, in_block = [], False
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
        if INCLUDE_BLOCK_DELIMITER.match(line):
            in_block = not in_block
            continue
        if in_block:
            target = line.strip()
            if target and not target.startswith(";"):
                found.append(Include(page, number, target))
            continue
        match = INCLUDE.match(line)
        if match:
            found.append(Include(page, number, match.group("target")))
    return found


@lru_cache(maxsize=None)
def snippet_base_paths() -> list[Path]:
    return base_paths(snippet_settings(), MKDOCS_YML.parent)


def resolve_include(include: Include) -> Path | None:
    return resolve(include.target, snippet_base_paths())


def expand(page: Path) -> str:
    """The page text after pymdownx.snippets, configured as in mkdocs.yml. Cached for authors
    by the page, every file it includes, mkdocs.yml and the installed versions."""
    included = [resolve_include(i) for i in includes_on(page)]
    parts = None
    if all(included):
        parts = (cache.file_digest(page), cache.file_digest(MKDOCS_YML),
                 *(f"{p}:{cache.file_digest(p)}" for p in included))
        entry = cache.load("expanded-pages", parts, required={"text": str})
        if entry is not None:
            return entry["text"]
    text = _expand(page)
    if parts is not None:
        cache.store("expanded-pages", parts, {"text": text})
    return text


def snippet_settings() -> dict:
    """pymdownx.snippets' settings exactly as mkdocs.yml gives them."""
    extensions = raw_config()["markdown_extensions"]
    return next(e["pymdownx.snippets"] for e in extensions if isinstance(e, dict) and "pymdownx.snippets" in e)


def _expand(page: Path) -> str:
    # Only the include step of the site's Markdown pipeline runs, with the site's settings.
    import markdown

    md = markdown.Markdown(extensions=["pymdownx.snippets"],
                           extension_configs={"pymdownx.snippets": snippet_settings()})
    lines = page.read_text(encoding="utf-8").split("\n")
    try:
        return "\n".join(md.preprocessors["snippet"].run(lines))
    except Exception as error:  # pymdownx raises SnippetMissingError and friends
        raise PageError(f"{rel(page)}: an include does not resolve: {error}") from error


def code_blocks(page: Path) -> list[CodeBlock]:
    """The page's fenced blocks as pytest-codeblocks reads them, after expansion."""
    expanded = expand(page)
    try:
        # The parser's line limit follows the page, however long.
        return extract_from_buffer(io.StringIO(expanded + "\n"), max_num_lines=expanded.count("\n") + 10)
    except RuntimeError as error:
        raise PageError(f"{rel(page)}: pytest-codeblocks cannot read this page: {error}") from error


def is_python(block: CodeBlock) -> bool:
    language = (block.syntax or "").split()[0:1]
    return language in (["python"], ["py"], ["python3"])


def as_rendered(text: str) -> str:
    """Block text as a reader sees it: an included file's final newline, and the indented
    blank line pymdownx.snippets adds after a file included inside an admonition, vanish."""
    return text.rstrip("\n") + "\n" if text.strip() else text


def block_title(block: CodeBlock) -> str:
    match = re.search(r'title="([^"]*)"', block.syntax or "")
    return match.group(1) if match else f"block at line {block.lineno} of the expanded page"
