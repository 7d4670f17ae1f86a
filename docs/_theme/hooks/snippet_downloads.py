"""Under every recorded output, a stamp of the versions it was recorded with and links to
download the exact snippet file and the output it must print; both are published with the
site, so a reader can compare their own run with the page (the section page shows how).

What a snippet, its output and its stamp are, and how a page includes them, comes from the
same contract module the test harness uses (docs/_theme/contract/snippet_contract.py)."""

import posixpath
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from contract_loader import contract as _contract, root as _root


def _bases(config) -> list[Path]:
    return _contract(config).base_paths(config.mdx_configs.get("pymdownx.snippets", {}), _root(config))


def on_files(files, config, **kwargs):
    contract = _contract(config)
    for snippet in contract.discover_snippets(_root(config)):
        files.append(File.generated(config, snippet.published_uri(_root(config)), abs_src_path=str(snippet.path)))
        if snippet.out_path.exists():
            files.append(File.generated(config, snippet.published_output_uri(_root(config)),
                                        abs_src_path=str(snippet.out_path)))
    return files


def _versions(contract, snippet, page) -> str:
    try:
        stamp = snippet.recorded_with()
        missing = [key for key in contract.VERSIONS if key not in stamp]
        if missing:
            raise ValueError(f"it names no {', '.join(missing)} version")
    except ValueError as error:
        raise PluginError(f"{page.file.src_path}: cannot read {snippet.stamp_path.name} for {snippet.section}: {error}")
    return contract.describe_versions(stamp)


def on_page_markdown(markdown, page, config, **kwargs):
    page_dir = posixpath.dirname(page.file.src_uri)
    contract, bases = _contract(config), _bases(config)

    def add_stamp(match):
        target = contract.resolve(match.group("target"), bases)
        snippet = contract.snippet_of_output(target) if target is not None else None
        if snippet is None:  # an included file that is not a recorded output
            return match.group(0)
        indent, name = match.group("indent"), snippet.path.name
        link = posixpath.relpath(snippet.published_uri(_root(config)), page_dir or ".")
        output_name = snippet.out_path.name
        output_link = posixpath.relpath(snippet.published_output_uri(_root(config)), page_dir or ".")
        tolerance = contract.TOLERANCE_DIRECTIVE.search(snippet.code)
        varies = (f"decimal numbers vary slightly between processors (checked within "
                  f"{tolerance.group('kind')}={tolerance.group('value')}) · " if tolerance else "")
        stamp = (
            f"{indent}Recorded with {_versions(contract, snippet, page)} · {varies}"
            f"[:material-download: {name}]({link}){{ download=\"{name}\" }} · "
            f"[:material-download: {output_name}]({output_link}){{ download=\"{output_name}\" "
            f"title=\"The output {name} must print\" }}\n"
            # The id numbers on the page link to (hooks/evidence.py).
            f"{indent}{{ .snippet-stamp #{snippet.output_anchor} }}"
        )
        return f"{match.group(0)}\n\n{stamp}"

    return contract.INCLUDE_BLOCK.sub(add_stamp, markdown)
