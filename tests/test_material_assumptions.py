"""What the build hooks and scripts take from Material for MkDocs' own markup, named here so
that an upgrade that changes it fails with the reason, not as a page that quietly breaks."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def material_stylesheet() -> str:
    import material

    folder = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    return "".join(path.read_text(encoding="utf-8") for path in sorted(folder.glob("main.*.min.css")))


@pytest.mark.parametrize("name", ["md-code__nav", "md-code__button"])
def test_material_styles_the_copy_button_the_build_writes(name):
    """hooks/code_blocks.py writes each block's copy button in Material's own classes, so that
    Material's stylesheet draws it."""
    assert f".{name}" in material_stylesheet(), (
        f"docs/_theme/hooks/code_blocks.py writes class {name!r}, which Material's stylesheet no "
        "longer styles: the copy buttons would lose their look and place")


def test_every_page_defines_the_storage_helpers_palette_js_calls(built_site):
    """javascripts/palette.js remembers the reader's palette with Material's __md_get and
    __md_set, which Material defines in an inline script of every page."""
    assert built_site.returncode == 0, built_site.log
    for page in sorted(built_site.site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        for helper in ("__md_get", "__md_set"):
            assert re.search(rf"\b{helper}=", html), (
                f"{page.relative_to(built_site.site_dir)}: Material no longer defines {helper}, which "
                "docs/javascripts/palette.js calls to remember the reader's palette")


def test_the_palette_inputs_carry_the_attributes_palette_js_reads(built_site):
    """palette.js reads each palette's media query, scheme, primary and accent colour from
    the data-md-color-* attributes of the inputs in the palette form."""
    html = (built_site.site_dir / "index.html").read_text(encoding="utf-8")
    form = re.search(r"<form[^>]*data-palette-toggle.*?</form>", html, re.S)
    assert form, "index.html: no palette form (data-palette-toggle) for palette.js to read"
    inputs = re.findall(r"<input[^>]*>", form.group())
    assert len(inputs) >= 2, "the palette form has fewer than two palettes to switch between"
    for attribute in ("media", "scheme", "primary", "accent"):
        assert all(f"data-md-color-{attribute}=" in tag for tag in inputs), (
            f"a palette input lacks data-md-color-{attribute}, which docs/javascripts/palette.js reads")


def material_file(*parts: str) -> str:
    import material

    return (Path(material.__file__).parent / "templates").joinpath(*parts).read_text(encoding="utf-8")


def test_the_search_dialog_markup_is_what_search_dialog_py_names():
    """hooks/search_dialog.py gives Material's search dialog the name its search field carries,
    finding both by their markup in Material's partials/search.html."""
    from harness.site import load_hook

    partial = material_file("partials", "search.html").replace("{{ lang.t('search.placeholder') }}", "Search")
    named = load_hook("search_dialog").name_search_dialog(partial)
    assert 'role="dialog" aria-label="Search">' in named, (
        "Material's partials/search.html no longer has the dialog and field markup that "
        "docs/_theme/hooks/search_dialog.py names; the search dialog would go unnamed")


@pytest.mark.parametrize("fragment", ["#only-light", "#only-dark"])
def test_material_shows_one_twin_per_palette(fragment):
    """hooks/figures.py shows a figure's light and dark twins as NAME.svg#only-light and
    NAME-dark.svg#only-dark, which Material's stylesheets hide in the other palette."""
    import material

    folder = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    styles = "".join(path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.min.css")))
    hidden = re.compile(r'img\[src\$="' + fragment + r'"\][^{}]*\{display:none\}')
    assert hidden.search(styles), (
        f"Material's stylesheets no longer hide images marked {fragment} in the other palette: "
        "both twins of every figure would show")
