"""Shared fixtures: paths, a headless Chromium, and pytest options."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
SNIPPETS = ROOT / "snippets"
DOCS = ROOT / "docs"
REPORTS = ROOT / "test-results"

# The `streamlit_app` fixture: snippets served by real `streamlit run`.
pytest_plugins = ["streamlit_server"]

# Flags for a headless Chromium on a machine with a closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# Material and mkdocs-redirects print long banners about MkDocs 2 on every build.
MKDOCS_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def mkdocs_build(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`mkdocs build --strict <args>` in ``cwd``, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=dict(os.environ, **MKDOCS_ENV),
    )


def site_path() -> str:
    """The path part of mkdocs.yml's site_url, where the site lives on its host ("/x/")."""
    from mkdocs.config import load_config

    return urlsplit(load_config(str(ROOT / "mkdocs.yml")).site_url or "/").path or "/"


def serve_folder(folder: Path, prefix: str = "/") -> http.server.ThreadingHTTPServer:
    """Serve ``folder`` under the URL path ``prefix`` on 127.0.0.1 (a free port), in a thread.

    Anything outside ``prefix`` is a 404, as on the real host. Stop it with ``shutdown()``.
    """

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path):
            path = urlsplit(path).path
            if not path.startswith(prefix):
                return str(folder / "does-not-exist")
            return super().translate_path("/" + path[len(prefix):])

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def pytest_addoption(parser):
    parser.addoption(
        "--live",
        action="store_true",
        default=False,
        help="also run tests that boot the live runtime (needs the Pyodide CDN)",
    )


def pytest_collection_modifyitems(config, items):
    if config.getoption("--live"):
        return
    deselected = [item for item in items if item.get_closest_marker("live")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("live")]


def chromium_executable() -> str | None:
    """Debian's Chromium (or $CHROMIUM); None lets Playwright use its own download."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.stash.setdefault(_REPORTS_KEY, {})[report.when] = report
    return report


_REPORTS_KEY = pytest.StashKey[dict]()


@pytest.fixture
def page(browser, request):
    """A fresh browser context and page; a screenshot is saved when the test fails."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    report = request.node.stash.get(_REPORTS_KEY, {}).get("call")
    if report is not None and report.failed:
        REPORTS.mkdir(exist_ok=True)
        name = request.node.nodeid.replace("/", "_").replace("::", "__")
        try:
            page.screenshot(path=str(REPORTS / f"{name}.png"), full_page=True)
        except Exception:  # the page may be gone; the failure itself is what matters
            pass
    context.close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session with `mkdocs build --strict`."""
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build("--site-dir", str(out))
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr}", pytrace=False)
    return out


@pytest.fixture(scope="session")
def served_site(built_site):
    """The built site over HTTP on 127.0.0.1, at the path it has on its real host
    (the 404 page and the preview cards use absolute paths): yields its base URL."""
    prefix = site_path()
    server = serve_folder(built_site, prefix)
    yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    server.shutdown()
    server.server_close()
