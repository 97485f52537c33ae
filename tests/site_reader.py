"""The built site as a reader's browser meets it: what the tests record and how
they bring an example on screen. Shared by the browser tests of the site
(test_site_browser.py, test_editor_browser.py) and the live tests
(test_live_runtime.py, which shows examples the same way).

``RECORDER`` (an init script) counts worker constructions and closings, copies
the messages stlite exchanges with its worker, and logs the ``stlite-embed:*``
events that embed.js dispatches. ``Reader`` is the page plus those records,
what it asked the network for and what it logged; the ``reader`` fixture gives
one per test (import it into a test module to use it).
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from playwright.sync_api import Error as PlaywrightError

from conftest import DOCS, STLITE_BUILD, site_config
from mkdocs_stlite.directive import anchor_for
from mkdocs_stlite.sources import default_pyodide_url, embedded_snippets
from site_server import NO_ANSWER

# Waits for a signal that comes (never to prove that nothing happened): generous,
# since loading stlite.js on a busy 2-core machine can take well over 10 s.
EVENT_TIMEOUT_MS = 30_000

RECORDER = """
(() => {
  if (window.__embedTest) return;
  const rec = (window.__embedTest = { workers: [], sent: [], received: [], events: [] });
  const plain = (value) =>
    JSON.parse(JSON.stringify(value === undefined ? null : value,
      (key, v) => (v instanceof Error ? { message: v.message } : v)));
  // Material's own search worker is not part of the runtime.
  const isRuntime = (url) => !String(url).includes("/workers/search");
  const note = (kind, url) => {
    rec.workers.push({ kind, url: String(url), runtime: isRuntime(url), closed: false });
    return rec.workers.length - 1;
  };
  const watch = (index, target) => {
    const post = target.postMessage.bind(target);
    target.postMessage = (message, transfer) => {
      rec.sent.push({ worker: index, message: plain(message) });
      return transfer === undefined ? post(message) : post(message, transfer);
    };
    target.addEventListener("message", (event) =>
      rec.received.push({ worker: index, message: plain(event.data) }));
  };
  const NativeShared = window.SharedWorker;
  if (NativeShared) {
    window.SharedWorker = class extends NativeShared {
      constructor(url, options) {
        super(url, options);
        const index = note("shared", url);
        const close = this.port.close.bind(this.port);
        this.port.close = () => { rec.workers[index].closed = true; close(); };
        watch(index, this.port);
      }
    };
  }
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url, options) {
      super(url, options);
      const index = note("dedicated", url);
      const terminate = this.terminate.bind(this);
      this.terminate = () => { rec.workers[index].closed = true; terminate(); };
      if (rec.workers[index].runtime) watch(index, this);
    }
  };
  const names = ["state", "mount", "ready", "error", "unmount", "park", "restore", "held", "theme", "key"];
  for (const name of names) {
    document.addEventListener(`stlite-embed:${name}`, (event) => {
      const { app, container, entry, attempt, state, key, themeName } = event.detail;
      rec.events.push({
        name, entry: entry || null, attempt, state: state || null, t: performance.now(),
        path: location.pathname, key: key || null, themeName: themeName || null,
        appConnected: !!app && app.isConnected,
        inContent: !!app && app.isConnected && !!app.closest('[data-md-component="container"]'),
        containerConnected: container ? container.isConnected && !!app && app.contains(container) : null,
        parked: container ? !!container.closest(".stlite-embed-parking") : null,
      });
    });
  }
  // What reaches the document (where Streamlit's hotkeys listen).
  rec.keys = [];
  for (const type of ["keydown", "keyup"]) {
    document.addEventListener(type, (event) => rec.keys.push(`${type}:${event.key}`), true);
  }
})();
"""


SITE_URL = site_config().site_url


def page_url(md: Path) -> str:
    rel = md.relative_to(DOCS).with_suffix("").as_posix()
    if rel == "index":
        return ""
    if rel.endswith("/index"):
        return rel[: -len("index")]
    return rel + "/"


def expected_embeds() -> dict[str, list[str]]:
    """Page URL (relative to the site) -> the snippets its Markdown embeds, in order."""
    pages = {}
    for md in sorted(DOCS.rglob("*.md")):
        found = embedded_snippets(md.read_text(encoding="utf-8"))
        if found:
            pages[page_url(md)] = found
    return pages


EXPECTED = expected_embeds()
DEFAULT_PYODIDE = default_pyodide_url(STLITE_BUILD)


class Reader:
    """The page plus what it asked the network for and what it logged."""

    def __init__(self, page, base: str):
        self.page = page
        self.base = base
        self.requests: list[str] = []
        self.console_errors: list[tuple[str, str]] = []  # (text, url of the source)
        self.page_errors: list[str] = []
        self.pyodide_url = DEFAULT_PYODIDE
        page.context.add_init_script(RECORDER)
        page.context.on("request", lambda request: self.requests.append(request.url))
        page.on(
            "console",
            lambda msg: msg.type == "error"
            and self.console_errors.append((msg.text, msg.location.get("url", ""))),
        )
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))

    def navigate_instantly(self):
        """Give the browser the sitemap this site has at this address (see the module docstring)."""
        sitemap = self.page.request.get(f"{self.base}sitemap.xml").text()
        self.page.route(
            f"{self.base}sitemap.xml",
            lambda route: route.fulfill(
                body=sitemap.replace(SITE_URL, self.base), content_type="application/xml"
            ),
        )

    def never_answer_pyodide(self) -> str:
        """Point every page's live apps at a Pyodide URL that never answers."""
        url = self.pyodide_url = f"{self.base}{NO_ANSWER.lstrip('/')}pyodide.mjs"

        def rewrite(route):
            request = route.request
            path = urlparse(request.url).path
            if request.resource_type in ("document", "fetch", "xhr") and (
                path.endswith("/") or path.endswith(".html")
            ):
                try:
                    response = route.fetch()
                    body = response.text()
                    route.fulfill(
                        response=response,
                        body=body.replace('data-stlite-pyodide=""', f'data-stlite-pyodide="{url}"'),
                    )
                except PlaywrightError:
                    pass  # the page closed meanwhile (end of the test)
            else:
                route.fallback()

        self.page.route(f"{self.base}**", rewrite)
        return url

    # -- in-page records ---------------------------------------------------- #

    def record(self, part: str | None = None):
        """What the page recorded, or one ``part`` of it ("events", "workers",
        "sent", "received", "keys"): a walk asks often, and the whole record
        grows with every app it starts."""
        if part is None:
            return self.page.evaluate("window.__embedTest")
        return self.page.evaluate("(part) => window.__embedTest[part]", part)

    def events(self, name: str | None = None, entry: str | None = None) -> list[dict]:
        return [
            e
            for e in self.record("events")
            if (name is None or e["name"] == name) and (entry is None or e["entry"] == entry)
        ]

    def wait_for_event(self, name: str, entry: str, count: int = 1, state: str | None = None):
        self.page.wait_for_function(
            """([name, entry, count, state]) => window.__embedTest.events.filter(
                 (e) => e.name === name && e.entry === entry && (state === null || e.state === state)
               ).length >= count""",
            arg=[name, entry, count, state],
            timeout=EVENT_TIMEOUT_MS,
        )

    def runtime_workers(self) -> list[dict]:
        return [w for w in self.record("workers") if w["runtime"]]

    def runtime_requests(self) -> list[str]:
        """Requests for the runtime: stlite's build, its wheels, Pyodide."""
        runtime_dir = urljoin(self.base, "assets/stlite/")
        return [
            url
            for url in self.requests
            if url.startswith(runtime_dir) or "pyodide" in url.lower() or url.endswith(".whl")
        ]

    def unexpected_errors(self) -> list[str]:
        """Console errors and uncaught exceptions, minus Pyodide's download that cannot work offline."""
        bad = []
        for text, url in self.console_errors:
            # stlite's worker logs the failed download of Pyodide (a dedicated
            # worker's console is the page's): the one runtime fetch that
            # cannot succeed offline.
            failed_import = re.fullmatch(
                r"TypeError: Failed to fetch dynamically imported module: (\S+)", text
            )
            if failed_import and failed_import.group(1) in (DEFAULT_PYODIDE, self.pyodide_url):
                continue
            bad.append(f"console: {text} ({url})")
        for text in self.page_errors:
            bad.append(f"uncaught: {text}")
        return bad


@pytest.fixture
def reader(page, served_site) -> Reader:
    return Reader(page, served_site)


def assert_no_unexpected_errors(reader: Reader):
    unexpected = reader.unexpected_errors()
    assert not unexpected, "\n".join(unexpected)


def app_box(page, snippet: str):
    return page.locator(f"#{anchor_for(snippet)} .stlite-embed__app")


SHOW_APP = """
(id) => {
  const embed = document.getElementById(id);
  const app = embed.querySelector(".stlite-embed__app");
  if (!app.checkVisibility()) {
    for (const label of embed.querySelectorAll(".tabbed-labels > label")) {
      if (label.textContent.trim() === "Live app") label.click();
    }
  }
  app.scrollIntoView({ block: "center" });
  // Nothing starts before the reader starts an example; after that, an idle
  // box says it starts when scrolled to, and does so near the viewport.
  const status = app.querySelector('[role="status"]');
  const startsByItself = !!status && status.textContent.includes("starts when you scroll to it");
  return app.dataset.stliteState === "idle" && !startsByItself;
}
"""


def start_button(page, snippet: str):
    return app_box(page, snippet).get_by_role("button", name=f"Start the live app: {snippet}")


def show_app(page, snippet: str):
    """Bring an example's live app on screen, opening its tab if it is closed; if
    no example of this document has started yet, press its Start button, as a
    reader must."""
    if page.evaluate(SHOW_APP, anchor_for(snippet)):
        start_button(page, snippet).click()
    return app_box(page, snippet)
