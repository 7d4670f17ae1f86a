"""The site builds under --strict, without a warning, and its pages need nothing from outside."""

import re
import shutil

import pytest
from bs4 import NavigableString

from harness.sandbox import RepositoryCopy
from harness.site import build_site, load_hook, parsed_page


pytestmark = pytest.mark.slow

EXTERNAL = re.compile(r"^(https?:)?//", re.IGNORECASE)
RAW_TEX = re.compile(r"\\\(|\\\)|\\\[|\\\]|\$\$")


def test_strict_build_passes_without_warnings(built_site):
    assert built_site.returncode == 0, f"mkdocs build --strict failed:\n{built_site.log}"
    assert not built_site.warnings(), "mkdocs build printed warnings:\n" + "\n".join(built_site.warnings())


@pytest.mark.proof
def test_the_site_builds_without_tests(built_site, tmp_path):
    """The build is the product: on a copy of the repository without tests/, `mkdocs build
    --strict` passes and makes the same files."""
    copy = RepositoryCopy(tmp_path / "repo")
    shutil.rmtree(copy.path("tests"))
    alone = build_site(tmp_path / "site", copy.path("mkdocs.yml"))
    assert alone.returncode == 0, f"without tests/, mkdocs build --strict failed:\n{alone.log}"
    assert built_site.returncode == 0, built_site.log

    def files(site):
        return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())

    assert files(alone.site_dir) == files(built_site.site_dir)


def pages(built_site):
    assert built_site.returncode == 0, built_site.log
    return sorted(built_site.site_dir.rglob("*.html"))


def test_pages_load_nothing_from_outside_the_site(built_site):
    """Scripts, styles, images, fonts and frames all come from the site itself."""
    offenders = []
    for page in pages(built_site):
        soup = parsed_page(page)
        for tag, attribute in (("script", "src"), ("img", "src"), ("iframe", "src"),
                               ("source", "src"), ("link", "href")):
            for element in soup.find_all(tag):
                url = element.get(attribute) or ""
                if tag == "link" and not set(element.get("rel") or []) & {"stylesheet", "preload", "icon", "modulepreload"}:
                    continue
                if EXTERNAL.match(url):
                    offenders.append(f"{page.relative_to(built_site.site_dir)}: <{tag} {attribute}=\"{url}\">")
        for style in soup.find_all("style"):
            for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", style.get_text()):
                offenders.append(f"{page.relative_to(built_site.site_dir)}: CSS url({url})")
    assert not offenders, "pages load resources from outside the site:\n" + "\n".join(offenders)


def test_every_formula_is_converted_to_mathml(built_site):
    """No TeX delimiters are left in the text a reader sees (code blocks aside)."""
    leftovers = []
    for page in pages(built_site):
        soup = parsed_page(page)
        article = soup.find("article") or soup
        text = "".join(string for string in article.find_all(string=True)
                       if type(string) is NavigableString and not string.find_parent(["pre", "code", "script", "style"]))
        for match in RAW_TEX.finditer(text):
            start = max(match.start() - 40, 0)
            leftovers.append(f"{page.relative_to(built_site.site_dir)}: ...{text[start:match.end() + 40]!r}")
    assert not leftovers, "raw TeX left on built pages:\n" + "\n".join(leftovers)


def test_function_names_are_set_as_functions():
    """\\max(0, x) reads "max(0, x)": the name is an identifier applied to its argument, not an
    operator a browser pads with space on both sides."""
    html = load_hook("mathml").tex_to_mathml("\\text{ReLU}(x) = \\max(0, x),", display=True)
    assert '<mi mathvariant="normal">max</mi><mo>&#x2061;</mo><mo stretchy="false">&#x00028;</mo>' in html, html
    assert "<mo>max</mo>" not in html


def test_every_page_is_in_the_search_index_under_its_title(built_site):
    """Each page of the site, notebooks included, is in Material's search index under the
    title its article starts with."""
    import html
    import json

    from harness.browser import content_pages

    assert built_site.returncode == 0, built_site.log
    index = json.loads((built_site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["location"]: html.unescape(doc["title"]) for doc in index["docs"] if "#" not in doc["location"]}
    missing = []
    for path in content_pages():
        heading = parsed_page(built_site.site_dir / path)
        title = heading.select_one("article h1").get_text().replace("¶", "").strip()
        if titles.get(path) != title:
            missing.append(f"{path}: indexed as {titles.get(path)!r}, its title is {title!r}")
    assert not missing, "pages search cannot find by their title:\n" + "\n".join(missing)
