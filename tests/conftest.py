"""Shared fixtures: paths, a headless Chromium, and pytest options."""
from __future__ import annotations

import fcntl
import functools
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The tools the tests share with ./dev (prefork.py, headless_chromium.py).
sys.path.insert(0, str(ROOT / "tools"))

from mkdocs_cli import run_mkdocs  # noqa: E402
from mkdocs_stlite.sources import build_dir  # noqa: E402

SNIPPETS = ROOT / "snippets"
DOCS = ROOT / "docs"
# The stlite build the site serves, where the plugin finds it.
STLITE_BUILD = build_dir(ROOT)
REPORTS = ROOT / "test-results"

# The `streamlit_app` fixture: snippets served by real `streamlit run`.
pytest_plugins = ["streamlit_server"]

# The Chromium to drive and its flags, shared with the tools.
from headless_chromium import CHROMIUM_ARGS, chromium_executable  # noqa: E402


# Material and mkdocs-redirects print long banners about MkDocs 2 on every build.
MKDOCS_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def mkdocs_build(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`mkdocs build --strict <args>` in ``cwd``, output captured (the author's
    command line in a process of its own: mkdocs_cli.py)."""
    return run_mkdocs(["build", "--strict", *args], cwd=cwd, env=dict(os.environ, **MKDOCS_ENV))


@functools.cache
def site_config():
    """mkdocs.yml as MkDocs reads it (validated, defaults filled in)."""
    from mkdocs.config import load_config

    return load_config(str(ROOT / "mkdocs.yml"))


def site_path() -> str:
    """The path part of mkdocs.yml's site_url, where the site lives on its host ("/x/")."""
    return urlsplit(site_config().site_url or "/").path or "/"


class SiteServer:
    """``folder`` served under the URL path ``prefix`` by ``site_server.py`` in its own process."""

    def __init__(self, folder: Path, prefix: str = "/") -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("site_server.py")), str(folder), prefix],
            stdout=subprocess.PIPE,
            text=True,
        )
        port = int(self.process.stdout.readline())
        self.url = f"http://127.0.0.1:{port}{prefix}"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        self.process.stdout.close()


def serve_folder(folder: Path, prefix: str = "/") -> SiteServer:
    """Serve ``folder`` at ``http://127.0.0.1:<free port><prefix>``; ``.url`` is that address.

    Anything outside ``prefix`` is a 404, as on the real host; a path holding
    ``site_server.NO_ANSWER`` never gets an answer. Stop it with ``stop()``.
    """
    return SiteServer(folder, prefix)


def pytest_addoption(parser):
    parser.addoption(
        "--live",
        action="store_true",
        default=False,
        help="also run tests that boot the live runtime (needs the Pyodide CDN)",
    )


# The files that keep one worker busy longest (a whole-site walk, the second
# session on the newest Streamlit) are handed out first: a long file that
# starts last would leave the other workers idle at the end of the run.
LONG_FILES = (
    "test_newest_streamlit.py",
    "test_site_quality.py",
    "test_site_phone.py",
    "test_site_browser.py",
    "test_answers_reruns_browser.py",
)


def pytest_collection_modifyitems(config, items):
    def long_first(item) -> int:
        name = item.path.name
        return LONG_FILES.index(name) if name in LONG_FILES else len(LONG_FILES)

    items.sort(key=long_first)  # stable: the order within each file is kept
    if config.getoption("--live"):
        return
    deselected = [item for item in items if item.get_closest_marker("live")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("live")]


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


VIEWPORT = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def streamlit_context(browser):
    """The browser context of every ``streamlit run`` test of this process.

    Their servers all listen on one port (``streamlit_app``), so Streamlit's
    frontend files, the same for every snippet, come from this context's cache
    after the first test. Cookies and storage are cleared after each test."""
    context = browser.new_context(viewport=VIEWPORT)
    yield context
    context.close()


@pytest.fixture
def page(browser, request):
    """A page, in a fresh browser context (in the shared ``streamlit_context``
    for a test that serves snippets with ``streamlit_app``); a screenshot is
    saved when the test fails."""
    shared = "streamlit_app" in request.fixturenames
    context = request.getfixturevalue("streamlit_context") if shared else browser.new_context(viewport=VIEWPORT)
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
    if shared and not page.is_closed():
        # The next test starts without this one's cookies or stored data (the
        # HTTP cache stays: it holds nothing but Streamlit's own files).
        shown = urlsplit(page.url)
        if shown.scheme in ("http", "https"):
            cdp = context.new_cdp_session(page)
            cdp.send("Storage.clearDataForOrigin", {
                "origin": f"{shown.scheme}://{shown.netloc}",
                "storageTypes": "local_storage,indexeddb,service_workers,cache_storage,file_systems",
            })
            cdp.detach()
        page.close()
    if shared:
        context.clear_cookies()
        context.clear_permissions()
    else:
        context.close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, worker_id) -> Path:
    """The real site, built once per test run with `mkdocs build --strict`
    (read it, never change it: with xdist every worker reads the same build)."""
    # xdist's workers share one base folder per run (without xdist: a folder
    # of this session). Each takes the lock in turn (the OS wakes the next
    # one when it is released): the first finds no verdict and builds; the
    # others read its verdict (a failed build fails them all).
    if worker_id == "master":
        shared = tmp_path_factory.mktemp("site-build")
    else:
        shared = tmp_path_factory.getbasetemp().parent
    out, verdict = shared / "site", shared / "site.verdict"
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not verdict.exists():
            failure = "the build stopped before it gave a verdict"
            try:
                result = mkdocs_build("--site-dir", str(out))
                failure = f"mkdocs build --strict failed:\n{result.stderr}" if result.returncode else ""
            finally:  # the other workers read a verdict, whatever happens here
                verdict.write_text(failure, encoding="utf-8")
    failure = verdict.read_text(encoding="utf-8")
    if failure:
        pytest.fail(failure, pytrace=False)
    return out


@pytest.fixture(scope="session")
def served_site(built_site):
    """The built site over HTTP on 127.0.0.1, at the path it has on its real host
    (the 404 page and the preview cards use absolute paths): yields its base URL."""
    server = serve_folder(built_site, site_path())
    yield server.url
    server.stop()
