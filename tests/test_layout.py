"""The split the folders promise: neither the harness nor a generic test module imports a
section (each is discovered, harness/sections.py), and no test module imports another test
module or a conftest."""

import ast

from harness.paths import REPO

TESTS = REPO / "tests"
SECTIONS = {path.parent.name for path in TESTS.glob("*/section.py")}


def imported_modules(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_generic_module_imports_a_section():
    assert SECTIONS, "no section folder with a section.py under tests/"
    generic = sorted((TESTS / "harness").glob("*.py")) + sorted(TESTS.glob("test_*.py"))
    offending = {
        path.relative_to(REPO).as_posix(): sorted(m for m in imported_modules(path) if m.split(".")[0] in SECTIONS)
        for path in generic
    }
    assert not {k: v for k, v in offending.items() if v}, offending


def test_no_test_module_imports_another_or_a_conftest():
    offending = {}
    for path in sorted(TESTS.glob("test_*.py")) + sorted(TESTS.glob("*/test_*.py")):
        bad = sorted(m for m in imported_modules(path) if m.split(".")[0].startswith("test_") or m == "conftest")
        if bad:
            offending[path.name] = bad
    assert not offending, offending
