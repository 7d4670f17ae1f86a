"""What the build hooks add to the pages: numbered things that every reference links to,
figures in both palettes, notebook pages that look like the others, links to run the notebook
in a hosted service. And on repository copies: a broken reference, a figure without its dark
twin, or a notebook without its recorded versions stops the build, naming the file."""

import re
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from harness.browser import content_pages
from harness.notebooks import discover_notebooks
from harness.pages import built_path, discover_pages, pages_with_figures
from harness.paths import rel
from harness.sandbox import RepositoryCopy
from harness.site import build_site, parsed_page
from snippet_contract import DARK_FIGURE_SUFFIX

pytestmark = pytest.mark.slow

PAGES = content_pages()
FIGURE_PAGES = [built_path(page) for page in pages_with_figures()]
NOTEBOOKS = [built_path(notebook) for notebook in discover_notebooks()]
# Pages with code blocks: every notebook, and every page with a fence.
CODE_PAGES = [built_path(page) for page in discover_pages() if "```" in page.read_text(encoding="utf-8")] + NOTEBOOKS
NUMBERED = re.compile(r"\b(?:Figure|Table|Exercise) \d+\.\d+\.\d+\b(?!:)|\bCode Fragment \d+\b(?!:)")
NOT_LINKED_INSIDE = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "code", "strong", "summary", "svg", "title"}


def soup_of(built_site, page: str) -> BeautifulSoup:
    assert built_site.returncode == 0, built_site.log
    return parsed_page(built_site.site_dir / page)


@pytest.mark.parametrize("page", PAGES)
def test_every_numbered_reference_is_a_link_to_what_it_names(page, built_site):
    article = soup_of(built_site, page).find("article")
    unlinked = []
    for text in article.find_all(string=NUMBERED):
        if any(parent.name in NOT_LINKED_INSIDE for parent in text.parents):
            continue
        unlinked += [f"{page}: {m.group()} in ...{text.strip()[:60]!r}" for m in NUMBERED.finditer(text)]
    assert not unlinked, "references that are not links:\n" + "\n".join(unlinked)
    for link in article.select("a.cross-reference"):
        target_page, _, anchor = link["href"].partition("#")
        target = soup_of(built_site, (urlparse(f"x:/{page}").path.rsplit("/", 1)[0] + "/" + target_page).lstrip("/")
                         if target_page else page)
        element = target.find(id=anchor)
        assert element is not None, f"{page}: {link.get_text()} links to #{anchor}, which does not exist"
        assert link.get_text() in element.get_text(), f"{page}: {link.get_text()} leads to {element.get_text()[:60]!r}"


@pytest.mark.parametrize("page", FIGURE_PAGES)
def test_figures_are_sized_paired_with_their_dark_twin_and_open_full_size(page, built_site):
    article = soup_of(built_site, page).find("article")
    for figure in article.find_all("figure"):
        images = figure.find_all("img")
        assert [i["src"].split("#")[1] for i in images] == ["only-light", "only-dark"], figure.get("id")
        for image in images:
            assert image.get("width") and image.get("height"), f"{image['src']} has no size"
            assert image.parent.name == "a" and image.parent["href"] == image["src"].split("#")[0]
        label = figure.select_one("figcaption strong")
        if label and label.get_text().startswith("Figure"):  # the opening illustration has no number
            assert figure.get("id", "").startswith("figure-"), f"{label.get_text()} has no anchor"


@pytest.mark.parametrize("page", NOTEBOOKS)
def test_notebook_page_has_title_first_labelled_outputs_and_no_hosted_links_without_a_repository(page, built_site):
    article = soup_of(built_site, page).find("article")
    first = article.find(["h1", "p"])
    assert first.name == "h1", f"the notebook page starts with {first.name}, not its title"
    assert article.select(".notebook-actions a[download]"), "no download link"
    assert not [a for a in article.select(".notebook-actions a") if "colab" in a["href"] or "mybinder" in a["href"]]
    outputs = article.select(".jp-OutputArea-output .highlight")
    assert outputs and all(o.select_one(".filename").get_text() == "Output" for o in outputs)
    stamps = article.select(".jp-OutputArea-output .snippet-stamp")
    assert len(stamps) >= 1 and all(re.match(r"Recorded with Python \S+, torch \S+, torchvision \S+", s.get_text())
                                     for s in stamps)
    assert not article.select(".anchor-link"), "JupyterLab's always-visible pilcrows are left"
    assert article.select("h2 a.headerlink"), "headings have no Material anchors"


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    return RepositoryCopy(tmp_path_factory.mktemp("structure") / "repo")


def build_copy(copy, tmp_path):
    return build_site(tmp_path / "site", copy.path("mkdocs.yml"))


@pytest.mark.proof
def test_hosted_notebook_links_are_built_from_repo_url(copy, tmp_path):
    notebook = discover_notebooks()[0]
    config = copy.path("mkdocs.yml")
    original = config.read_text(encoding="utf-8")
    config.write_text(original + "repo_url: https://github.com/example-org/textbook-site\nedit_uri: edit/trunk/docs/\n",
                      encoding="utf-8")
    try:
        built = build_copy(copy, tmp_path)
        assert built.returncode == 0, built.log
        page = BeautifulSoup((built.site_dir / built_path(notebook)).read_text(encoding="utf-8"), "html.parser")
        links = {a.get_text(): a["href"] for a in page.select(".notebook-actions a")}
    finally:
        config.write_text(original, encoding="utf-8")
    path = rel(notebook)
    assert links["Open in Colab"] == f"https://colab.research.google.com/github/example-org/textbook-site/blob/trunk/{path}"
    assert links["Open in Binder"] == f"https://mybinder.org/v2/gh/example-org/textbook-site/trunk?labpath={path}"


def broken_reference():
    """The first numbered reference on any page, renumbered to something the site lacks."""
    for page in discover_pages():
        text = page.read_text(encoding="utf-8")
        found = NUMBERED.search(text)
        if found:
            wrong = found.group().rsplit(".", 1)[0] + ".99" if "." in found.group() else found.group() + "99"
            line = text[found.start():text.index("\n", found.start())]
            return ((rel(page), line, line.replace(found.group(), wrong, 1)),
                    re.escape(f'{built_path(page).removesuffix(".html")}.md: "{wrong}" refers to nothing on the site'))
    pytest.skip("no page makes a numbered reference")


def notebook_without_versions():
    notebooks = discover_notebooks()
    if not notebooks:
        pytest.skip("the site has no notebook")
    return ((rel(notebooks[0]), '"recorded_with"', '"recorded_by"'),
            re.escape(f"{notebooks[0].name}: its metadata records no versions (recorded_with)"))


def figure_without_dark_twin():
    """The first figure a page shows, with its dark twin deleted."""
    for page in pages_with_figures():
        for source in re.findall(r"\]\(([^)\s]+\.svg)\)", page.read_text(encoding="utf-8")):
            image = (page.parent / source).resolve()
            twin = image.with_name(f"{image.stem}{DARK_FIGURE_SUFFIX}.svg")
            if not image.stem.endswith(DARK_FIGURE_SUFFIX) and twin.exists():
                return (f"delete {rel(twin)}",
                        re.escape(f"{page.name}: figures/{image.name} has no dark twin figures/{twin.name}"))
    pytest.skip("no page shows a figure with a dark twin")


@pytest.mark.proof
@pytest.mark.parametrize("damage", [broken_reference, notebook_without_versions, figure_without_dark_twin],
                         ids=["broken reference", "notebook without versions", "figure without dark twin"])
def test_the_build_refuses_and_names_the_file(damage, copy, tmp_path):
    damage, message = damage()
    if isinstance(damage, str):
        target = copy.path(damage.split(" ", 1)[1])
        saved = target.read_bytes()
        target.unlink()
    else:
        target = copy.path(damage[0])
        saved = target.read_bytes()
        copy.replace(*damage)
    try:
        built = build_copy(copy, tmp_path)
    finally:
        target.write_bytes(saved)
    assert built.returncode != 0, f"the build passed despite: {damage}"
    assert re.search(message, built.log), built.log[-2000:]


@pytest.mark.parametrize("page", CODE_PAGES)
def test_code_blocks_carry_their_copy_button_and_no_script_measures_them(page, built_site):
    """Every block is `pre > .md-code-block > code` with a copy button naming its pre; no
    `pre > code` is left for Material's script to measure when the page loads."""
    article = soup_of(built_site, page).find("article")
    blocks = article.find_all("pre")
    assert blocks, f"{page} has no code blocks"
    for pre in blocks:
        assert pre.find("code", recursive=False) is None, f"{page}: a pre > code block is left: {pre.get_text()[:60]!r}"
        assert pre.find("span", class_="md-code-block", recursive=False) is not None, pre.get_text()[:60]
        button = pre.select_one("button[data-copy]")
        assert button is not None and button["data-copy"] == pre["id"], f"{page}: block {pre.get('id')} has no copy button"
    assert not article.select('span.n, span.w'), f"{page}: unstyled token spans are left"
