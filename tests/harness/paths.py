"""Where things live in the repository."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
SNIPPETS = REPO / "snippets"
FIGURES = DOCS / "figures"
MKDOCS_YML = REPO / "mkdocs.yml"

# Folders of tooling state, not of the repository's content: version control, environments,
# builds and caches (.cache is mkdocs-jupyter's, written by every build). Repository copies
# leave them out; the CI guard, the snippets' working folder and the results cache ignore them.
TOOLING_FOLDERS = frozenset({".git", ".venv", "venv", "site", "build", "__pycache__", ".pytest_cache",
                             ".harness", "node_modules", ".cache"})


def is_tooling_folder(name: str) -> bool:
    return name in TOOLING_FOLDERS or name.endswith(".egg-info")


def rel(path: Path) -> str:
    """A repository-relative path for messages."""
    try:
        return Path(path).resolve().relative_to(REPO).as_posix()
    except ValueError:
        return str(path)
