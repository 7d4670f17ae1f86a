"""The split the folders promise: the harness plugin never imports a section, and no test
module imports another test module or a conftest."""

import ast

from harness.paths import REPO

TESTS = REPO / "tests"
SECTIONS = {path.name for path in TESTS.iterdir() if path.is_dir() and (path / "hooks.py").exists()}


def imported_modules(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_the_plugin_imports_no_section():
    assert SECTIONS, "no section folder with a hooks.py under tests/"
    offending = {
        path.relative_to(REPO).as_posix(): sorted(m for m in imported_modules(path) if m.split(".")[0] in SECTIONS)
        for path in sorted((TESTS / "harness").glob("*.py"))
    }
    assert not {k: v for k, v in offending.items() if v}, offending


def test_no_test_module_imports_another_or_a_conftest():
    offending = {}
    for path in sorted(TESTS.glob("test_*.py")):
        bad = sorted(m for m in imported_modules(path) if m.split(".")[0].startswith("test_") or m == "conftest")
        if bad:
            offending[path.name] = bad
    assert not offending, offending
