"""Headless Chromium through Playwright, against the built site served on 127.0.0.1."""

import functools
import gzip
import io
import http.server
import os
import re
import subprocess
import sys
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

# Without these flags Chromium phones home at start-up; the sandbox needs root privileges.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]


def content_pages() -> list[str]:
    """The built HTML file of every page, notebooks included."""
    from .notebooks import discover_notebooks
    from .pages import built_path, discover_pages

    return [built_path(p) for p in discover_pages() + discover_notebooks()]


def site_pages() -> list[str]:
    """Every page a reader can reach: the content pages and the 404 page."""
    return content_pages() + ["404.html"]


def require_tool(found: str | None, message: str, what_needs_it: str) -> str:
    """A tool the browser tests need: skipped without it, except under CI, where it fails."""
    import pytest

    from .cache import ci_is_set

    if found is None:
        if ci_is_set():
            pytest.fail(f"{message}; CI must run {what_needs_it}", pytrace=False)
        pytest.skip(message)
    return found


def find_chromium() -> str | None:
    """Debian's chromium (Playwright's own browser download cannot be used offline)."""
    for candidate in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    return None


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# What GitHub Pages compresses: text of every kind the site serves.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class _CompressingHandler(_QuietHandler):
    """Serves text gzip-compressed when the browser accepts it, as GitHub Pages does."""

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        kind = self.guess_type(path)
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and os.path.isfile(path) and kind.startswith(COMPRESSED_TYPES)):
            return super().send_head()
        with open(path, "rb") as source:
            body = gzip.compress(source.read(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve_directory(root: Path, compress: bool = False):
    """Serve `root` on a free port of 127.0.0.1 (gzip-compressed like GitHub Pages when
    `compress`); yields the base URL."""
    handler = functools.partial(_CompressingHandler if compress else _QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def is_local(url: str, base_url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in ("data", "blob", "about", "file"):
        return True
    return parsed.netloc == urlparse(base_url).netloc


class PageVisit:
    """Everything one page load did: requests, blocked requests, failures, console errors."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.requests: list[str] = []
        self.outside: list[str] = []
        self.failed: list[str] = []
        self.console_errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.url} (HTTP {r.status})"))
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))

        def guard(route):
            if is_local(route.request.url, base_url):
                route.continue_()
            else:
                self.outside.append(route.request.url)
                route.abort("blockedbyclient")

        page.route("**/*", guard)


# The requests Material makes from script after the load event: its search worker and the
# search index (served: search_index.json; from disk: search_index.js through the iframe shim).
SEARCH_WORKER = """() => {
  const config = document.getElementById('__config');
  return config ? (JSON.parse(config.textContent).search || null) : null;
}"""


class Requests:
    """Every request a page makes, followed to its end, so that a test waits for what the page
    asked for rather than for half a second without traffic (Playwright's "networkidle"), which
    costs 500 ms a load and, on a busy machine, can come before Material's late requests."""

    def __init__(self, page):
        self.page = page
        self.in_flight: set = set()
        self.seen: list[str] = []
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)

    def _started(self, request) -> None:
        self.in_flight.add(request)
        self.seen.append(request.url)

    def _ended(self, request) -> None:
        self.in_flight.discard(request)

    def goto(self, url: str) -> None:
        self.seen.clear()
        self.page.goto(url, wait_until="load")
        self.settle()

    def reload(self) -> None:
        self.seen.clear()
        self.page.reload(wait_until="load")
        self.settle()

    def settle(self, timeout_s: float = 60) -> None:
        """Return once the search worker and index have been requested (when the site has
        search) and no request is still in flight. Fails after `timeout_s`, a guard against a
        hang far above the few hundred milliseconds this takes, naming what never came."""
        import time

        worker = self.page.evaluate(SEARCH_WORKER)
        late = [worker.split("/")[-1], "search_index"] if worker else []
        deadline = time.monotonic() + timeout_s
        while True:
            missing = [name for name in late if not any(name in url for url in self.seen)]
            if not missing and not self.in_flight:
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.page.url}: after {timeout_s:g} s, never requested: {missing}; "
                                   f"still in flight: {sorted(r.url for r in self.in_flight)}")
            self.page.wait_for_timeout(20)


# What a page says: the text of its article, as a reader's browser lays it out.
ARTICLE_TEXT = "() => document.querySelector('article').innerText"


# What the text of a page does not depend on, left unloaded while it is read.
_NOT_TEXT = re.compile(r"\.(?:svg|png|jpe?g|gif|webp|ico|woff2?|ttf)(?:[?#]|$)|/search/")


def article_texts(page, base_url: str, paths: list[str]) -> dict[str, str]:
    """{path: article text} of each built page, read through a Playwright page (its
    stylesheets decide what the text is; its images and search index do not)."""
    page.route(_NOT_TEXT, lambda route: route.abort())
    texts = {}
    for path in paths:
        page.goto(f"{base_url}/{path}", wait_until="load")
        texts[path] = page.evaluate(ARTICLE_TEXT)
    return texts


# Figures below the fold load lazily: load every one (the other palette's twin too) and tell
# whether each loaded.
LOAD_EVERY_FIGURE = """() => Promise.all([...document.querySelectorAll('article img')].map(image => {
    image.loading = 'eager';
    return image.complete ? image.naturalWidth > 0
        : new Promise(done => { image.onload = () => done(true); image.onerror = () => done(false); });
}))"""


def build_bare_material_site(tmp_path: Path, texts: dict[str, str]) -> Path:
    """Each page's text in a plain Material site (one paragraph per line of text): what a page
    with no extras weighs and costs. `texts` maps a built page's path to its article text."""
    docs = tmp_path / "bare" / "docs"
    for path, text in texts.items():
        target = docs / path.replace(".html", ".md")
        target.parent.mkdir(parents=True, exist_ok=True)
        paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
        target.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    config = tmp_path / "bare" / "mkdocs.yml"
    config.write_text("site_name: bare\nuse_directory_urls: false\ntheme:\n  name: material\n  font: false\n")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], check=True,
                   cwd=config.parent, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return config.parent / "site"
