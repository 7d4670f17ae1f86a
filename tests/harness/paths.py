"""Where things live in the repository."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
SNIPPETS = REPO / "snippets"
FIGURES = DOCS / "figures"
MKDOCS_YML = REPO / "mkdocs.yml"


def rel(path: Path) -> str:
    """A repository-relative path for messages."""
    try:
        return Path(path).resolve().relative_to(REPO).as_posix()
    except ValueError:
        return str(path)
