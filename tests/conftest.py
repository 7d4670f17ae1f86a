"""Fixtures the browser tests share: Chromium, the built site served on 127.0.0.1 as GitHub
Pages serves it (compressed), and its bare Material twin."""

from pathlib import Path

import pytest

from harness.browser import (
    CHROMIUM_ARGS,
    article_texts,
    build_bare_material_site,
    content_pages,
    find_chromium,
    require_tool,
    serve_directory,
)
from harness.once import once_per_run


@pytest.fixture(scope="session")
def chromium_path():
    return require_tool(find_chromium(), "Chromium is not installed (Debian: apt-get install chromium)",
                        "the browser tests")


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def site_url(built_site):
    assert built_site.returncode == 0, built_site.log
    with serve_directory(built_site.site_dir, compress=True) as url:
        yield url


@pytest.fixture(scope="session")
def bare_site_url(request, browser, site_url, tmp_path_factory):
    """Every page's article text in a plain Material site, built once per run (under
    pytest-xdist, by the first worker that needs it; the others read where it is), served
    compressed: what each page would cost with nothing the site adds."""

    def build() -> str:
        context = browser.new_context()
        try:
            texts = article_texts(context.new_page(), site_url, content_pages())
        finally:
            context.close()
        return str(build_bare_material_site(tmp_path_factory.mktemp("bare"), texts))

    share_dir = getattr(request.config, "workerinput", {}).get("harness_share_dir")
    with serve_directory(Path(once_per_run(share_dir, "bare-site", build)), compress=True) as url:
        yield url
