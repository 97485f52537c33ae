"""Opt-in: boot real live apps in the page (needs the Pyodide CDN).

    ./dev test --live -k live -n0 -s

Not part of the default run: where the CDN can't be reached (this project's
CI) a live app cannot boot, and these tests fail loudly instead of skipping.
The Pages workflow runs them before it publishes, and once a week.

What they prove, in a real Chromium with real Pyodide:

* the first example becomes interactive and one click reruns it exactly once;
* the second example of the page runs in the same worker (one Pyodide);
* after five round trips away from the page and back (instant navigation),
  the worker holds no more Streamlit sessions than examples opened, and the
  examples are as the reader left them;
* ``r`` pressed outside the apps raises no run counter;
* a palette toggle restyles a running app and keeps its state;
* a ``run_every`` fragment does not run while its page is away;
* the worker fetched nothing but the site's files and Pyodide's.

They print the seconds to the first app ready, the second app ready, and the
app ready again after a round trip; the workflow copies those lines
(``LIVE-FIGURE name seconds``) to its job summary.
"""
from __future__ import annotations

import json
import re
import time
import urllib.request
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from conftest import DOCS, SNIPPETS, STLITE_BUILD, site_config
from mkdocs_stlite.directive import anchor_for
from mkdocs_stlite.sources import default_pyodide_url, embedded_snippets
from site_reader import show_app

pytestmark = [pytest.mark.live, pytest.mark.browser]

BOOT_TIMEOUT_MS = 180_000
STEP_TIMEOUT_MS = 30_000
COUNTER = "session_state_counter.py"  # buttons that count; "Count: N"
TICKER = "fragment_run_every_clock.py"  # a run_every fragment
SCRIPT_RUNS = "Script runs this session: "
# Streamlit's own background colours of its Light and Dark themes.
STREAMLIT_BG = {"default": "rgb(255, 255, 255)", "slate": "rgb(14, 17, 23)"}

# Records what embed.js announces, and keeps the controllers mount() returned.
RECORDER = """
(() => {
  if (window.__live) return;
  const live = (window.__live = { events: [], controllers: {}, containers: {}, workers: [] });
  for (const name of ["mount", "ready", "error", "park", "restore", "held", "key", "write"]) {
    document.addEventListener(`stlite-embed:${name}`, (event) => {
      const d = event.detail;
      live.events.push({
        name, entry: d.entry || null, key: d.key || null, via: d.via || null, t: performance.now(),
      });
      if (name === "mount") {
        live.controllers[d.entry] = d.controller;
        live.containers[d.entry] = d.container;
      }
    });
  }
  const Native = window.SharedWorker;
  if (Native) {
    window.SharedWorker = class extends Native {
      constructor(url, options) {
        super(url, options);
        live.workers.push(String(url));
      }
    };
  }
})();
"""

# Asked of the worker's Python: every Streamlit runtime alive in it and the
# sessions each holds (a session stays after its page's port is closed).
SESSIONS_PROBE = """
import gc, json
from streamlit.runtime import Runtime
gc.collect()
runtimes = [o for o in gc.get_objects() if isinstance(o, Runtime)]
json.dumps({
    "runtimes": len(runtimes),
    "sessions": sum(len(r._session_mgr.list_sessions()) for r in runtimes),
})
"""

# Everything the worker fetched (Resource Timing of the worker's global scope).
FETCHES_PROBE = """
import json
from js import performance
json.dumps([e.name for e in performance.getEntriesByType("resource")])
"""


@pytest.fixture(scope="module")
def cdn_reachable():
    url = default_pyodide_url(STLITE_BUILD)
    try:
        with urllib.request.urlopen(url, timeout=15) as response:
            response.read(1)
    except OSError as exc:
        pytest.fail(
            f"--live asks for the Pyodide CDN, but {url} cannot be reached ({exc}). "
            "Run it on a machine with internet access.",
            pytrace=False,
        )
    return url


def _site_url() -> str:
    """site_url as MkDocs reads it (mkdocs.yml takes it from the environment)."""
    return site_config().site_url.rstrip("/") + "/"


def _page_of(snippet: str) -> str:
    """The page (URL relative to the site) that embeds ``snippet``, and its embeds."""
    for md in sorted(DOCS.rglob("*.md")):
        names = embedded_snippets(md.read_text(encoding="utf-8"))
        if snippet in names:
            rel = md.relative_to(DOCS).with_suffix("").as_posix()
            return ("" if rel == "index" else rel + "/"), names
    raise AssertionError(f"no page embeds {snippet}")


def figure(name: str, seconds: float) -> None:
    print(f"\nLIVE-FIGURE {name} {seconds:.1f}", flush=True)


class Live:
    """The page, instant navigation at this address, and embed.js's announcements."""

    def __init__(self, page, base: str):
        self.page = page
        self.base = base
        page.context.add_init_script(RECORDER)
        # Material navigates instantly only to URLs of its sitemap, which carry
        # site_url: hand the browser the sitemap this site has here.
        sitemap = page.request.get(urljoin(base, "sitemap.xml")).text()
        page.route(
            urljoin(base, "sitemap.xml"),
            lambda route: route.fulfill(
                body=sitemap.replace(_site_url(), base), content_type="application/xml"
            ),
        )

    def show(self, snippet: str):
        """Bring an example's live app on screen as a reader does (site_reader.show_app)."""
        return show_app(self.page, snippet)

    def events(self, name: str, entry: str | None = None) -> list[dict]:
        return [
            e for e in self.page.evaluate("window.__live.events")
            if e["name"] == name and (entry is None or e["entry"] == entry)
        ]

    def wait_for_event(self, name: str, entry: str | None, count: int = 1, timeout=STEP_TIMEOUT_MS):
        self.page.wait_for_function(
            """([name, entry, count]) => window.__live.events.filter(
                 (e) => e.name === name && (entry === null || e.entry === entry)).length >= count""",
            arg=[name, entry, count],
            timeout=timeout,
        )

    def python(self, entry: str, code: str):
        """Run ``code`` in the worker's Python through the app's controller."""
        return json.loads(
            self.page.evaluate(
                "([entry, code]) => window.__live.controllers[entry].runPython(code)", [entry, code]
            )
        )

    def go(self, which: str) -> str:
        """Follow Material's footer link "next" or "prev"; returns the new page's URL."""
        link = self.page.locator(f"a.md-footer__link--{which}")
        target = link.evaluate("(a) => a.href")
        link.click()
        self.page.wait_for_function(
            "(u) => location.href.split('#')[0] === u", arg=target, timeout=STEP_TIMEOUT_MS
        )
        return target


def runs(app) -> int:
    text = app.locator("[data-testid=stCaptionContainer]", has_text=SCRIPT_RUNS).first.inner_text()
    return int(text.strip()[len(SCRIPT_RUNS):])


def idle(app):
    expect(app.locator(".stApp")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=STEP_TIMEOUT_MS
    )


def test_live_apps_boot_share_one_worker_and_survive_round_trips(cdn_reachable, served_site, page):
    live = Live(page, served_site)
    url, names = _page_of(COUNTER)
    others = [n for n in names if n != COUNTER]
    assert others, f"{url} has one example; the test needs a second"
    page.goto(served_site + url)
    page.evaluate("window.__sameDocument = true")

    # First app: boots, then one click reruns it exactly once.
    start = time.perf_counter()
    first = live.show(COUNTER)
    first.get_by_text(SCRIPT_RUNS + "1").wait_for(timeout=BOOT_TIMEOUT_MS)
    figure("first_app_ready_s", time.perf_counter() - start)
    idle(first)
    # The poster (the picture shown while Python starts) has given way to the app.
    first.locator(".stlite-embed__poster").wait_for(state="hidden", timeout=10_000)
    first.get_by_role("button", name="Increment").click()
    expect(first.get_by_text("Count: 1")).to_be_visible(timeout=STEP_TIMEOUT_MS)
    idle(first)
    assert runs(first) == 2

    # Second app: the same worker, whose Pyodide is already there.
    second_start = time.perf_counter()
    second = live.show(others[0])
    second.get_by_text(SCRIPT_RUNS + "1").wait_for(timeout=BOOT_TIMEOUT_MS)
    figure("second_app_ready_s", time.perf_counter() - second_start)
    workers = page.evaluate("window.__live.workers")
    assert len(workers) == len(live.events("mount")) and len(set(workers)) == 1, workers

    # r outside the apps: stopped, and the next click shows no extra run.
    page.locator("article h1").first.click()
    page.keyboard.press("r")
    live.wait_for_event("key", None)
    first.get_by_role("button", name="Increment").click()
    expect(first.get_by_text("Count: 2")).to_be_visible(timeout=STEP_TIMEOUT_MS)
    idle(first)
    assert runs(first) == 3

    # The palette restyles the running app; its state stays.
    scheme = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function("(s) => document.body.dataset.mdColorScheme !== s", arg=scheme)
    other = page.evaluate("document.body.dataset.mdColorScheme")
    page.wait_for_function(
        "([el, bg]) => getComputedStyle(el).backgroundColor === bg",
        arg=[first.locator(".stApp").element_handle(), STREAMLIT_BG[other]],
        timeout=STEP_TIMEOUT_MS,
    )
    assert first.get_by_text("Count: 2").is_visible() and runs(first) == 3

    # Five round trips away and back: the same apps come back as left.
    back = served_site + url
    for trip in range(1, 6):
        live.go("next")
        live.wait_for_event("park", COUNTER, count=trip)
        returned = time.perf_counter()
        assert live.go("prev") == back
        live.wait_for_event("restore", COUNTER, count=trip)
        first.get_by_text("Count: 2").wait_for(timeout=STEP_TIMEOUT_MS)
        if trip == 1:
            figure("ready_after_round_trip_s", time.perf_counter() - returned)
    assert page.evaluate("window.__sameDocument") is True, "not an instant navigation"
    assert runs(first) == 3
    first.get_by_role("button", name="Increment").click()
    expect(first.get_by_text("Count: 3")).to_be_visible(timeout=STEP_TIMEOUT_MS)

    opened = {e["entry"] for e in live.events("mount")}
    held = live.python(COUNTER, SESSIONS_PROBE)
    print(f"\nworker after five round trips: {held}; examples opened: {sorted(opened)}")
    assert held["sessions"] <= len(opened) and held["runtimes"] <= len(opened), held

    # Nothing came from anywhere but this site and Pyodide's own folder.
    fetched = live.python(COUNTER, FETCHES_PROBE)
    pyodide_base = cdn_reachable.rsplit("/", 1)[0] + "/"
    assert len(fetched) < 250, "the worker's resource timing buffer is full: list incomplete"
    assert any(u.startswith(urljoin(served_site, "assets/stlite-wheels/")) for u in fetched)
    strangers = [
        u for u in fetched if not u.startswith((served_site, pyodide_base, "data:", "blob:"))
    ]
    assert strangers == [], strangers
    assert live.events("error") == []


def test_a_run_every_fragment_waits_while_its_page_is_away(cdn_reachable, served_site, page):
    live = Live(page, served_site)
    url, _ = _page_of(TICKER)
    page.goto(served_site + url)
    ticker = live.show(TICKER)
    ticker.get_by_text("Fragment runs: 3").wait_for(timeout=BOOT_TIMEOUT_MS)

    live.go("next")
    live.wait_for_event("park", TICKER)

    def fragment_runs() -> int:
        # The parked app is hidden: read its text, not what is rendered.
        text = page.evaluate("(e) => window.__live.containers[e].textContent", TICKER)
        return int(re.search(r"Fragment runs: (\d+)", text).group(1))

    # A tick sent just before parking may still land: read after the first held one.
    live.wait_for_event("held", TICKER, count=1, timeout=STEP_TIMEOUT_MS)
    parked_at = fragment_runs()
    # More timer ticks arrive and are held back (two more: about two seconds).
    live.wait_for_event("held", TICKER, count=3, timeout=STEP_TIMEOUT_MS)
    assert fragment_runs() == parked_at

    live.go("prev")
    live.wait_for_event("restore", TICKER)
    ticker.get_by_text(f"Fragment runs: {parked_at + 1}").wait_for(timeout=STEP_TIMEOUT_MS)
    assert live.events("error") == []


def test_an_edited_example_reruns_on_the_new_code(cdn_reachable, served_site, page):
    """Take the form out of the forms example in the editor and run it: every
    committed edit of a field now reruns the script (the counter rises) in the
    same app; a syntax error shows Streamlit's error; Reset brings the form back."""
    live = Live(page, served_site)
    name = "form_batch_input.py"
    url, _ = _page_of(name)
    page.goto(served_site + url)
    embed = page.locator(f"#{anchor_for(name)}")
    app = live.show(name)
    app.get_by_text(SCRIPT_RUNS + "1").wait_for(timeout=BOOT_TIMEOUT_MS)
    idle(app)

    original = (SNIPPETS / name).read_text(encoding="utf-8")
    lines = original.split("\n")
    start = lines.index('with st.form("order"):')
    without_form = "\n".join(
        lines[:start]
        + [line[4:] if line.startswith("    ") else line for line in lines[start + 1 :]]
    ).replace("st.form_submit_button(", "st.button(")
    assert "st.form" not in without_form

    embed.locator(".stlite-embed__edit").click()
    editor = embed.locator(".stlite-editor .cm-content")
    editor.click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.insert_text(without_form)
    page.keyboard.press("ControlOrMeta+Enter")

    # The write makes Streamlit rerun the new script in the same session.
    app.get_by_text(SCRIPT_RUNS + "2").wait_for(timeout=60_000)
    assert [e["via"] for e in live.events("write", name)] == ["writeFile"]
    name_field = app.get_by_label("Name")
    name_field.fill("Ada")
    name_field.press("Enter")
    app.get_by_text(SCRIPT_RUNS + "3").wait_for(timeout=STEP_TIMEOUT_MS)
    name_field.fill("Grace")
    name_field.press("Enter")
    app.get_by_text(SCRIPT_RUNS + "4").wait_for(timeout=STEP_TIMEOUT_MS)

    # A syntax error is Streamlit's own error message inside the app.
    embed.locator(".tabbed-labels > label", has_text="Code").click()
    editor.click()
    page.keyboard.press("ControlOrMeta+End")
    page.keyboard.insert_text("st.write(\n")
    page.keyboard.press("ControlOrMeta+Enter")
    app.locator("[data-testid=stException]", has_text="SyntaxError").wait_for(
        timeout=STEP_TIMEOUT_MS
    )

    # Reset brings the example back: the form holds the edits again.
    embed.locator(".tabbed-labels > label", has_text="Code").click()
    embed.locator(".stlite-editor__reset").click()
    embed.locator(".tabbed-labels > label", has_text="Live app").click()
    app.locator("[data-testid=stForm]").wait_for(timeout=STEP_TIMEOUT_MS)
    assert app.locator("[data-testid=stException]").count() == 0
    # One app, one mount, all along: every run was a write to its file, and
    # the worker holds no session beyond one per example opened.
    assert len(live.events("mount", name)) == 1
    assert {e["via"] for e in live.events("write", name)} == {"writeFile"}
    opened = {e["entry"] for e in live.events("mount")}
    held = live.python(name, SESSIONS_PROBE)
    assert held["sessions"] <= len(opened) and held["runtimes"] <= len(opened), held
    assert live.events("error") == []
