"""Fixtures the browser tests share: Chromium, and the built site served on 127.0.0.1."""

import pytest

from harness.browser import CHROMIUM_ARGS, find_chromium, require_tool, serve_directory


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
    with serve_directory(built_site.site_dir) as url:
        yield url
