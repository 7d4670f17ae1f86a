"""Under every recorded output, a stamp of the versions it was recorded with and a link to
download the exact snippet file; the snippet files are published with the site."""

import json
import posixpath
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

STAMP = "recorded-with.json"

# A fenced block that holds nothing but the include of a recorded output.
_OUTPUT_BLOCK = re.compile(
    r'^(?P<indent>[ \t]*)(?P<fence>`{3,})[^\n]*\n'
    r'[ \t]*-{1,}8<-{1,}\s+"(?P<out>snippets/(?P<section>[^"/]+)/(?P<name>[^"/]+)\.out)"\s*\n'
    r'(?P=indent)(?P=fence)[ \t]*$',
    re.M,
)


def _root(config) -> Path:
    return Path(config.config_file_path).parent


def on_files(files, config, **kwargs):
    for snippet in sorted((_root(config) / "snippets").glob("*/*.py")):
        uri = snippet.relative_to(_root(config)).as_posix()
        files.append(File.generated(config, uri, abs_src_path=str(snippet)))
    return files


def _versions(config, section: str, page) -> str:
    path = _root(config) / "snippets" / section / STAMP
    try:
        stamp = json.loads(path.read_text(encoding="utf-8"))
        return f"Python {stamp['python']}, torch {stamp['torch']}, torchvision {stamp['torchvision']}"
    except (OSError, ValueError, KeyError) as error:
        raise PluginError(f"{page.file.src_path}: cannot read {path.name} for {section}: {error}")


def on_page_markdown(markdown, page, config, **kwargs):
    page_dir = posixpath.dirname(page.file.src_uri)

    def add_stamp(match):
        indent, section, name = match.group("indent"), match.group("section"), match.group("name")
        link = posixpath.relpath(f"snippets/{section}/{name}.py", page_dir or ".")
        stamp = (
            f"{indent}Recorded with {_versions(config, section, page)} · "
            f"[:material-download: {name}.py]({link}){{ download=\"{name}.py\" }}\n"
            f"{indent}{{ .snippet-stamp }}"
        )
        return f"{match.group(0)}\n\n{stamp}"

    return _OUTPUT_BLOCK.sub(add_stamp, markdown)
