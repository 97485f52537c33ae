"""The built site in Chromium: the examples as a reader meets them.

The site is built once per session with the real plugin (``built_site`` in
conftest.py) and served over HTTP on 127.0.0.1 at its site_url path
(``served_site``).

A live app can never finish booting here: Pyodide comes from a CDN that this
machine (and CI) cannot reach. Everything up to that boundary is checked with
the real stlite runtime; nothing of it is faked. Two things the tests arrange:

* **Offline, as it is.** The worker's download of Pyodide fails at once, so an
  app mounts and then fails within a few milliseconds. The failure message and
  Retry are tested this way.
* **A network that never answers.** For the tests about sharing and tearing
  down workers an app must stay mounted for a while. The page's
  ``data-stlite-pyodide`` (the plugin's ``pyodide_url`` option) is pointed at
  a path of the test server that accepts the request and never replies
  (``site_server.NO_ANSWER``), so the app stays "loading" in a real stlite
  worker.

The checks every page needs (its embeds' tabs and code, what each of its apps
is handed, mounting once and parking) are made in one walk through the whole
site by instant navigation, in one document: a full page load per page, and a
first start of the runtime per page, would cost far more.

In-page records come from ``RECORDER`` in site_reader.py (an init script): it
counts worker constructions and closings, copies the messages stlite exchanges
with its worker, and logs the ``stlite-embed:*`` events that embed.js
dispatches.

Material's instant navigation only follows links listed in sitemap.xml, whose
URLs carry ``site_url`` (Material swaps their scheme and host name for the
page's, but keeps their port); the tests hand the browser the sitemap this site
would have at the test server's address, so clicks really navigate instantly.
"""
from __future__ import annotations

import re
import time
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from conftest import DOCS, ROOT, SNIPPETS
from mkdocs_stlite.directive import anchor_for
from site_reader import (  # noqa: F401  (reader is a fixture)
    EVENT_TIMEOUT_MS,
    EXPECTED,
    SHOW_APP,
    Reader,
    app_box,
    assert_no_unexpected_errors,
    reader,
    show_app,
    start_button,
)

pytestmark = pytest.mark.browser

# The failure message must be on screen this soon after mount() when offline.
FAILURE_BUDGET_MS = 2000
MESSAGE = re.compile(
    r"^The live app could not start: .+\. The Code tab still shows the whole example\.$"
)

# --------------------------------------------------------------------------- #
# What the site should contain, from its sources
# --------------------------------------------------------------------------- #


def _busiest_page() -> str:
    return max(EXPECTED, key=lambda url: (len(EXPECTED[url]), url))


# IntersectionObservers are told about a layout in the order they were created,
# all in one task. So when a new observer reports for the first time, embed.js's
# observer has already been told about the same layout, and has acted on it
# (``start()`` sets the box's state to "loading" before its first await). The
# report itself is the positive signal: it says what was on screen.
SEEN_BY_OBSERVERS = """
(selectors) => new Promise((resolve) => {
  const targets = selectors.map((s) => document.querySelector(s));
  const observer = new IntersectionObserver((entries) => {
    observer.disconnect();
    resolve(targets.map((t) => entries.find((e) => e.target === t).isIntersecting));
  });
  for (const target of targets) observer.observe(target);
})
"""


def _on_screen_once_observed(page, *selectors: str) -> list[bool]:
    """Whether each element is on screen, once every earlier observer has seen this layout."""
    return page.evaluate(SEEN_BY_OBSERVERS, list(selectors))


def _follow(reader: Reader, link, url: str):
    """Click `link` and wait until the page at `url` shows its examples."""
    # Two neighbouring pages may embed the same examples: only new content
    # (Material swaps the container element) is the next page's.
    reader.page.evaluate("document.querySelector('[data-md-component=container]').__left = true")
    link.first.click()
    # navigation.tracking may add the heading in view to the address at once.
    reader.page.wait_for_url(lambda address: address.split("#")[0] == url)
    expected = EXPECTED.get(url[len(reader.base) :], [])
    # ... and once they show (Material may still be swapping the content in).
    reader.page.wait_for_function(
        "(names) => { const container = document.querySelector('[data-md-component=container]');"
        " if (!container || container.__left) return false;"
        " const embeds = [...container.querySelectorAll('.stlite-embed')];"
        " return JSON.stringify(embeds.map((e) => e.dataset.snippet)) === JSON.stringify(names)"
        " && embeds.every((e) => e.checkVisibility()); }",
        arg=expected,
    )


# --------------------------------------------------------------------------- #
# Tests
# --------------------------------------------------------------------------- #


def test_the_site_has_embeds_to_test():
    assert EXPECTED, f"no ::stlite embeds found under {DOCS}"


SHOW_EACH_TAB = """
(embeds) => embeds.map((embed) => {
  const labels = [...embed.querySelectorAll(":scope > .tabbed-set > .tabbed-labels > label")];
  const code = embed.querySelector(".tabbed-block .highlight pre > code");
  const app = embed.querySelector(".stlite-embed__app");
  const seen = {};
  for (const label of labels) {
    label.click();  // as a reader clicks the tab
    seen[label.textContent.trim()] = {
      code: !!code && code.checkVisibility(),
      app: !!app && app.checkVisibility(),
    };
  }
  return {
    snippet: embed.dataset.snippet,
    id: embed.id,
    labels: labels.map((l) => l.textContent.trim()),
    seen,
    code: code ? code.textContent : null,
    entry: app ? app.dataset.stliteEntry : null,
  };
})
"""


def _init_data(reader: Reader) -> list[dict]:
    """The init data stlite sent its workers, in order: one per mount."""
    return reader.page.evaluate(
        "() => window.__embedTest.sent.filter((s) => s.message && s.message.type === 'initData')"
        ".map((s) => s.message.data)"
    )


def _files_of(name: str) -> list[str]:
    """The paths (relative to snippets/) an embed of ``name`` must mount."""
    if "/" not in name:
        return [name]
    folder = SNIPPETS / name.split("/", 1)[0]
    return sorted(
        p.relative_to(SNIPPETS).as_posix()
        for p in folder.rglob("*.py")
        if "__pycache__" not in p.parts
    )


def _far_below_the_fold(html: str) -> str:
    """Every example pushed far down; the first one opening on its Code tab."""
    spacer = '<div data-test-spacer style="height: 3000px"></div>'
    head, first, *rest = html.split('<div class="stlite-embed" ')
    radio = re.compile(r'<input (?:checked="checked" )?(?P<id>id="__tabbed_\d+_(?P<tab>\d+)")')

    def code_tab_checked(m):
        checked = 'checked="checked" ' if m["tab"] == "1" else ""
        return f"<input {checked}{m['id']}"

    first = radio.sub(code_tab_checked, first, count=2)
    return head + "".join(spacer + '<div class="stlite-embed" ' + part for part in [first, *rest])


def test_nothing_starts_before_the_reader_does_then_later_examples_start_near_the_viewport(reader):
    """The budget: no request to a third party before the reader starts an example.
    The reader scrolls through a page, each live app on screen in turn: nothing
    mounts and nothing is asked of anyone but the site until they press Start
    (here from the keyboard: Tab reaches it, Enter presses it). That app then
    mounts; a later example mounts by itself once it nears the viewport."""
    page = reader.page
    url = next(u for u, names in EXPECTED.items() if len(names) >= 2)
    names = EXPECTED[url]
    first, second = names[:2]

    def far(route):
        response = route.fetch()
        route.fulfill(response=response, body=_far_below_the_fold(response.text()))

    page.route(reader.base + url, far)
    page.goto(reader.base + url)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.stlite-embed__app')]"
        ".every((app) => app.dataset.stliteState === 'idle')"
    )

    def elsewhere():
        return [u for u in reader.requests if u.startswith("http") and not u.startswith(reader.base)]

    # Every live app on screen (the first one's tab opened): embed.js's observer
    # has seen each, and started none.
    for name in names:
        assert page.evaluate(SHOW_APP, anchor_for(name)) is True
        box = f"#{anchor_for(name)} .stlite-embed__app"
        assert _on_screen_once_observed(page, box) == [True]
        assert app_box(page, name).get_attribute("data-stlite-state") == "idle"
        expect(start_button(page, name)).to_be_visible()
        expect(app_box(page, name).get_by_role("status")).to_contain_text("start it", ignore_case=True)
    assert reader.events("mount") == []
    assert {e["state"] for e in reader.events("state")} == {"idle"}
    assert reader.runtime_requests() == []
    assert page.locator("link[data-stlite-embed]").count() == 0
    assert elsewhere() == []

    # The reader starts the first example from the keyboard.
    page.evaluate(SHOW_APP, anchor_for(first))
    app_box(page, first).focus()
    page.keyboard.press("Tab")
    expect(start_button(page, first)).to_be_focused()
    page.keyboard.press("Enter")
    reader.wait_for_event("mount", first)
    expect(app_box(page, first)).to_be_focused()  # the button went; the focus stays here
    stlite_js = urljoin(reader.base, "assets/stlite/stlite.js")
    assert reader.requests.count(stlite_js) == 1

    # The second example, far below, waits until it nears the viewport; then it
    # starts by itself, in the runtime already on its way.
    second_box = f"#{anchor_for(second)} .stlite-embed__app"
    assert _on_screen_once_observed(page, second_box) == [False]
    assert app_box(page, second).get_attribute("data-stlite-state") == "idle"
    expect(app_box(page, second).get_by_role("status")).to_contain_text("starts when you scroll to it")
    assert page.evaluate(SHOW_APP, anchor_for(second)) is False  # no click needed
    reader.wait_for_event("mount", second)
    assert reader.requests.count(stlite_js) == 1


def test_offline_the_app_says_so_within_2s_and_retry_tries_again(reader):
    page = reader.page
    url = next(iter(EXPECTED))
    name = EXPECTED[url][0]
    page.goto(reader.base + url)
    app = show_app(page, name)

    alert = app.get_by_role("alert")
    expect(alert).to_be_visible(timeout=EVENT_TIMEOUT_MS)
    expect(alert.locator("p")).to_have_text(MESSAGE)
    retry = alert.get_by_role("button", name="Retry")
    expect(retry).to_be_visible()
    expect(app.get_by_role("status")).to_be_hidden()

    mounted = reader.events("mount", name)
    failed = [e for e in reader.events("state", name) if e["state"] == "failed"]
    assert len(mounted) == 1 and len(failed) == 1
    first_delay = failed[0]["t"] - mounted[0]["t"]
    assert 0 <= first_delay < FAILURE_BUDGET_MS, f"message {first_delay:.0f} ms after mount"
    assert all(w["closed"] for w in reader.runtime_workers()), "the failed attempt keeps a worker"

    clicked = page.evaluate("performance.now()")
    retry.click()
    reader.wait_for_event("mount", name, count=2)
    reader.wait_for_event("state", name, count=2, state="failed")
    after = [e["state"] for e in reader.events("state", name) if e["t"] >= clicked]
    assert after[:1] == ["loading"] and after[-1] == "failed", after
    expect(alert).to_be_visible()
    expect(app.get_by_role("alert")).to_have_count(1)
    retry_delay = reader.events("state", name)[-1]["t"] - reader.events("mount", name)[-1]["t"]
    assert retry_delay < FAILURE_BUDGET_MS, f"message {retry_delay:.0f} ms after the new mount"
    # A really new attempt: one worker per mount, and every worker freed again.
    workers = reader.runtime_workers()
    assert len(workers) == len(reader.events("mount"))
    assert all(w["closed"] for w in workers)
    assert app.locator(".stlite-embed__mount").count() == 0

    # What the message promises: the code is still there.
    embed = page.locator(f"#{anchor_for(name)}")
    embed.locator(".tabbed-labels > label", has_text="Code").click()
    expect(embed.locator(".highlight pre > code")).to_be_visible()
    print(f"\noffline failure message: {first_delay:.0f} ms after mount, "
          f"{retry_delay:.0f} ms after the retry's mount")
    assert_no_unexpected_errors(reader)


def test_a_start_that_stalls_says_so_and_retry_starts_over(reader):
    """No progress for a long while (a network that never answers): the reader is
    told, with Retry; Retry drops the stalled attempt and starts a new one."""
    reader.never_answer_pyodide()
    page = reader.page
    page.clock.install()
    url = next(iter(EXPECTED))
    name = EXPECTED[url][0]
    page.goto(reader.base + url)
    app = show_app(page, name)
    reader.wait_for_event("mount", name)
    expect(app.get_by_role("status")).to_contain_text("Starting Python in your browser")
    expect(app.get_by_role("alert")).to_have_count(0)
    # Each progress report restarts the stall timer: wait for the worker's last
    # one ("Loading Pyodide.", sent just before it asks for Pyodide, which never
    # answers), or on a busy machine it may come after the clock ran on.
    page.wait_for_function(
        "() => window.__embedTest.received.some((r) => r.message"
        " && r.message.type === 'event:loadProgress')",
        timeout=EVENT_TIMEOUT_MS,
    )

    page.clock.run_for("00:25")  # well past the stall limit, in page time
    alert = app.get_by_role("alert")
    expect(alert.locator("p")).to_have_text(MESSAGE)
    expect(alert).to_contain_text("no progress")
    assert app.get_attribute("data-stlite-state") == "stalled"
    # Told, not killed: a slow network may still deliver.
    before = reader.runtime_workers()
    assert len(before) == len(reader.events("mount")) and not any(w["closed"] for w in before)

    alert.get_by_role("button", name="Retry").click()
    reader.wait_for_event("mount", name, count=2)
    expect(app.get_by_role("alert")).to_have_count(0)
    expect(app.get_by_role("status")).to_contain_text("Starting Python in your browser")
    workers = reader.runtime_workers()
    assert len(workers) == len(before) + 1
    assert sum(w["closed"] for w in workers) == 1  # the stalled attempt, and only it
    assert app.locator(".stlite-embed__mount").count() == 1
    assert_no_unexpected_errors(reader)


def test_the_examples_of_a_page_share_one_worker(reader):
    reader.never_answer_pyodide()
    page = reader.page
    url = _busiest_page()
    names = EXPECTED[url]
    page.goto(reader.base + url)
    for name in names:  # one after the other, as a reader scrolls
        show_app(page, name)
        reader.wait_for_event("mount", name)
    page.wait_for_function(
        "(n) => window.__embedTest.received.filter((r) => r.message"
        " && r.message.type === 'event:loadProgress').length >= n",
        arg=len(names),
        timeout=EVENT_TIMEOUT_MS,
    )
    record = reader.record()
    runtime = [i for i, w in enumerate(record["workers"]) if w["runtime"]]
    workers = [record["workers"][i] for i in runtime]
    assert [w["kind"] for w in workers] == ["shared"] * len(names)
    assert len({w["url"] for w in workers}) == 1  # same script URL: one SharedWorker
    assert not any(w["closed"] for w in workers)
    # The worker loads Pyodide for the first app; stlite's worker tells every later
    # connection that Pyodide "is already loaded": one Python for all of them.
    progress = {}
    for r in record["received"]:
        if r["message"] and r["message"].get("type") == "event:loadProgress":
            progress.setdefault(r["worker"], r["message"]["data"]["message"])
    assert [progress.get(i) for i in runtime[1:]] == ["Pyodide is already loaded."] * (
        len(names) - 1
    )
    # ... which is not true from the reader's side (Pyodide is still on its way
    # here): the boxes say what is true, that the examples share one Python.
    for i, name in enumerate(names):
        status = app_box(page, name).get_by_role("status")
        expect(status).to_contain_text("Starting Python in your browser")
        if i:
            expect(status).to_contain_text("Sharing one Python with the other examples.")
        expect(status).not_to_contain_text("already loaded")
    assert_no_unexpected_errors(reader)


def test_streamlit_stays_inside_its_box(reader):
    reader.never_answer_pyodide()
    page = reader.page
    url = next(iter(EXPECTED))
    name = EXPECTED[url][0]
    page.goto(reader.base + url)
    styles = (
        "() => ['html', 'body'].map((tag) => {"
        "  const s = getComputedStyle(document.querySelector(tag));"
        "  return [s.height, s.margin, s.position, s.overflow]; })"
    )
    before = page.evaluate(styles)
    app = show_app(page, name)
    reader.wait_for_event("mount", name)
    stapp = app.locator(".stApp")
    expect(stapp).to_have_count(1)  # Streamlit's UI renders while Python loads

    box = app.bounding_box()
    inner = stapp.bounding_box()
    assert inner["width"] > 0 and inner["height"] > 0
    for edge in ("x", "y"):
        assert box[edge] - 1 <= inner[edge]
    assert inner["x"] + inner["width"] <= box["x"] + box["width"] + 1
    assert inner["y"] + inner["height"] <= box["y"] + box["height"] + 1
    assert page.evaluate(styles) == before  # Material's page keeps its own layout

    # Scrolled under Material's header, the app stays beneath it.
    page.evaluate(
        "(el) => window.scrollBy(0, el.getBoundingClientRect().top - 10)", app.element_handle()
    )
    on_top = page.evaluate(
        "() => { const h = document.querySelector('.md-header').getBoundingClientRect();"
        " return !!document.elementFromPoint(h.left + h.width / 2, h.top + h.height / 2)"
        ".closest('.md-header'); }"
    )
    assert on_top

    # Streamlit renames the browser tab when a session starts; the page keeps its title.
    title = page.title()
    page.evaluate("document.title = 'Streamlit'")
    expect(page).to_have_title(title)
    assert_no_unexpected_errors(reader)


BACKGROUND = "(el) => getComputedStyle(el).backgroundColor"
# Streamlit's own background colours of its Light and Dark themes.
STREAMLIT_BG = {"light": "rgb(255, 255, 255)", "dark": "rgb(14, 17, 23)"}
MATERIAL = {"light": "default", "dark": "slate"}


def _toggle_palette(page):
    before = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function("(b) => document.body.dataset.mdColorScheme !== b", arg=before)


def _wait_for_background(page, apps, scheme: str):
    page.wait_for_function(
        "([els, bg]) => els.every((el) => getComputedStyle(el).backgroundColor === bg)",
        arg=[[a.locator(".stApp").element_handle() for a in apps], STREAMLIT_BG[scheme]],
        timeout=EVENT_TIMEOUT_MS,
    )


def test_every_app_follows_the_palette_at_mount_and_on_each_toggle_without_remount(reader):
    """While Python loads (Pyodide never answers here), Streamlit's frontend is
    already mounted: the page palette restyles it, by host message, in place."""
    reader.never_answer_pyodide()
    page = reader.page
    url = next(u for u, names in EXPECTED.items() if len(names) >= 2)
    names = EXPECTED[url][:2]
    page.emulate_media(color_scheme="dark")
    # A fresh browser context: Material has no palette remembered, so it takes
    # the one whose media query matches.
    page.goto(reader.base + url)
    assert page.evaluate("document.body.dataset.mdColorScheme") == MATERIAL["dark"]
    apps = []
    for name in names:
        apps.append(show_app(page, name))
        reader.wait_for_event("mount", name)
    _wait_for_background(page, apps, "dark")  # at mount, as the page

    mounted = [e["entry"] for e in reader.events("mount")]  # a third may be near the screen
    containers = page.evaluate("() => (window.__kept = [...document.querySelectorAll('.stlite-embed__mount')]).length")
    assert containers == len(mounted)
    for scheme in ("light", "dark", "light"):
        _toggle_palette(page)
        assert page.evaluate("document.body.dataset.mdColorScheme") == MATERIAL[scheme]
        _wait_for_background(page, apps, scheme)
    # Restyled in place: no new mount, the same containers, no worker closed.
    assert [e["entry"] for e in reader.events("mount")] == mounted
    assert page.evaluate(
        "() => window.__kept.every((c, i) => c === document.querySelectorAll('.stlite-embed__mount')[i])"
    )
    assert not any(w["closed"] for w in reader.runtime_workers())

    # One Streamlit config per shared worker: the theme is never put in it.
    sent = _init_data(reader)
    assert set(names) <= {d["entrypoint"] for d in sent}
    # runOnSave: an edit written by the example editor reruns the app; every
    # mount carries it, since the shared worker keeps the first mount's config.
    for data in sent:
        assert data.get("streamlitConfig") == {"server.runOnSave": True}, data["entrypoint"]
    assert_no_unexpected_errors(reader)


def _check_embeds(page, url: str, names: list[str]):
    """Each embed of the page shows its two tabs, each its own view, and the
    Code tab holds the snippet byte for byte."""
    shown = page.locator(".stlite-embed").evaluate_all(SHOW_EACH_TAB)
    assert [e["snippet"] for e in shown] == names, url
    for embed in shown:
        name = embed["snippet"]
        assert embed["id"] == anchor_for(name), (url, name)
        assert embed["labels"] == ["Code", "Live app"], (url, name)
        # Each tab shows its own view, and only that one.
        assert embed["seen"] == {
            "Code": {"code": True, "app": False},
            "Live app": {"code": False, "app": True},
        }, (url, name)
        assert embed["code"].encode("utf-8") == (SNIPPETS / name).read_bytes(), (url, name)
        assert embed["entry"] == name, (url, name)


def _check_init_data(page, base: str, url: str, init: list[dict], names: list[str]):
    """What the page handed the workers of the apps it started (``names``): the
    entry point and the snippet URLs, which serve the snippet's bytes. The worker
    stops at Pyodide, before it fetches files, so this is what can be checked."""
    assert sorted(d["entrypoint"] for d in init) == sorted(names), url
    for data in init:
        name = data["entrypoint"]
        # A one-file snippet mounts alone; a multi-file example mounts every
        # file of its folder, under the folder's name.
        expected = _files_of(name)
        assert data["files"] == {
            path: {"url": urljoin(base, f"snippets/{path}")} for path in expected
        }, (url, name)
        for path in expected:
            snippet_url = urljoin(base, f"snippets/{path}")
            served = page.request.get(snippet_url)
            assert served.ok and served.body() == (SNIPPETS / path).read_bytes(), (url, snippet_url)


def test_a_walk_through_every_page_shows_each_example_and_mounts_it_once_with_its_snippet(reader):
    """The reader walks the whole site in one document by Material's instant
    navigation: page after page with the footer's "Next" link, then home from
    the sidebar, starting every example on the way. On each page:

    * every embed shows its Code and Live app tabs, and the Code tab shows the
      snippet byte for byte;
    * each example is given exactly its snippet (the init data stlite sends its
      worker names its entry point and snippet URLs; those serve its bytes);
    * each example is mounted once, in its own connection to one shared worker,
      and parked (kept, not closed) while its page is away; stlite.js is
      downloaded once for the whole document, however many pages and apps.

    Pyodide never answers here, so every app stays loading along the walk. That
    does not hold the init data back: stlite's kernel sends it as soon as the
    worker reports "event:envSetup", and the init data is what tells the worker
    where Pyodide is (``pyodideUrl``), so it goes out before Pyodide is asked for.
    """
    reader.navigate_instantly()
    reader.never_answer_pyodide()
    page = reader.page
    stlite_js = urljoin(reader.base, "assets/stlite/stlite.js")
    page.goto(reader.base)
    page.evaluate("window.__sameDocument = true")
    links = page.locator(".md-sidebar--primary a.md-nav__link[href]").evaluate_all(
        "(els) => els.map((a) => a.href).filter((href) => !href.includes('#'))"
    )
    in_nav = [u for u in dict.fromkeys(links) if u.startswith(reader.base)]
    assert in_nav[0] == reader.base and len(in_nav) >= 2, in_nav
    outside = [u for u in EXPECTED if reader.base + u not in in_nav]
    assert outside == [], f"pages with examples this walk cannot reach from the navigation: {outside}"
    visited = []
    opened: set[str] = set()

    target = reader.base
    sent_before = 0  # init data sent before this page
    while True:
        names = EXPECTED.get(target[len(reader.base) :], [])
        _check_embeds(page, target, names)
        started = [name for name in names if name not in opened]
        for name in names:
            show_app(page, name)
            if name not in opened:
                reader.wait_for_event("mount", name)
                opened.add(name)
        # stlite sends the init data once its worker reports it is set up.
        page.wait_for_function(
            """([names, before]) => { const init = window.__embedTest.sent.filter((s) => s.message
                 && s.message.type === 'initData').slice(before);
               return names.every((name) => init.some((s) => s.message.data.entrypoint === name)); }""",
            arg=[started, sent_before],
            timeout=EVENT_TIMEOUT_MS,
        )
        _check_init_data(page, reader.base, target, _init_data(reader)[sent_before:], started)
        if opened:  # one download of stlite for the document
            assert reader.requests.count(stlite_js) == 1, target
        # One worker connection per example opened so far, none closed: each
        # example is mounted once and kept (parked) while its page is away.
        workers = reader.runtime_workers()
        assert len(workers) == len(opened), target
        assert not any(w["closed"] for w in workers), target
        content = page.locator('[data-md-component="container"] .stlite-embed__mount')
        assert content.count() == len(names), target
        assert page.locator(".stlite-embed-parking .stlite-embed__mount").count() == len(
            opened - set(names)
        ), target
        # The runtime's stylesheet survives Material swapping <head> entries.
        assert page.locator("head link[data-stlite-embed]").count() == 1, target
        if visited and target == reader.base:
            break
        visited.append(target)
        # Counted before leaving: once an example of the document has started,
        # an app near the viewport starts by itself as soon as its page shows.
        sent_before = len(_init_data(reader))
        # Page after page with the footer's "Next" link, then back home from the sidebar.
        following = page.locator("a.md-footer__link--next")
        if following.count():
            target = following.get_attribute("href")
            _follow(reader, following, target)
        else:
            target = reader.base
            _follow(reader, page.locator(f'.md-sidebar--primary a.md-nav__link[href="{target}"]'), target)
        assert page.evaluate("window.__sameDocument") is True, f"not an instant navigation: {target}"

    assert visited == in_nav  # every page of the navigation, in order
    assert sorted(d["entrypoint"] for d in _init_data(reader)) == sorted(opened)  # once each
    mounts = reader.events("mount")
    assert sorted(e["entry"] for e in mounts) == sorted(opened)  # once each
    for event in mounts:
        assert event["appConnected"] and event["inContent"] and event["containerConnected"], event
    for event in reader.events("restore"):
        assert event["inContent"] and event["containerConnected"] and not event["parked"], event
    assert all(e["parked"] for e in reader.events("park"))
    assert reader.events("unmount") == []
    assert all(w["kind"] == "shared" for w in reader.runtime_workers())
    assert_no_unexpected_errors(reader)


def test_a_round_trip_keeps_the_same_app_and_worker_connection(reader):
    """Away and back three times: the same containers come back into the page,
    parked meanwhile outside the content, hidden and inert; nothing remounts."""
    reader.navigate_instantly()
    reader.never_answer_pyodide()
    page = reader.page
    for start in EXPECTED:
        page.goto(reader.base + start)
        following = page.locator("a.md-footer__link--next")
        if following.count():
            break
    else:
        pytest.fail("no page with examples links to a next page")
    names = EXPECTED[start]
    for name in names:
        show_app(page, name)
        reader.wait_for_event("mount", name)
    page.evaluate("() => { window.__kept = [...document.querySelectorAll('.stlite-embed__mount')]; }")
    target = following.get_attribute("href")
    back = reader.base + start
    for trip in range(1, 4):
        _follow(reader, page.locator("a.md-footer__link--next"), target)
        for name in names:
            reader.wait_for_event("park", name, count=trip)
        parked = page.evaluate(
            """() => window.__kept.map((c) => {
                 const lot = c.closest('.stlite-embed-parking');
                 return { lot: !!lot, inert: !!lot && lot.inert,
                          hidden: !!lot && getComputedStyle(lot).visibility === 'hidden',
                          inContent: !!c.closest('[data-md-component="container"]') };
               })"""
        )
        assert parked == [{"lot": True, "inert": True, "hidden": True, "inContent": False}] * len(names)
        _follow(reader, page.locator("a.md-footer__link--prev"), back)
        for name in names:
            reader.wait_for_event("restore", name, count=trip)
        assert page.evaluate(
            """(names) => names.every((name, i) => window.__kept[i] === document.querySelector(
                 `.stlite-embed[data-snippet="${name}"] .stlite-embed__app > .stlite-embed__mount`))""",
            names,
        )
    # Each example mounted once (the next page's own examples too, when shown).
    mounted = [e["entry"] for e in reader.events("mount")]
    assert len(mounted) == len(set(mounted)) and set(names) <= set(mounted), mounted
    workers = reader.runtime_workers()
    assert len(workers) == len(mounted) and not any(w["closed"] for w in workers)
    # Still loading when it comes back: the reader sees the loading state again.
    for name in names:
        expect(app_box(page, name).get_by_role("status")).to_contain_text("Starting Python")
    assert_no_unexpected_errors(reader)


def test_leaving_while_stlite_downloads_mounts_nothing_on_the_old_page(reader):
    reader.navigate_instantly()
    reader.never_answer_pyodide()
    page = reader.page
    held = []
    page.route(urljoin(reader.base, "assets/stlite/stlite.js"), lambda route: held.append(route))
    # A page with examples whose "Next" page has examples too.
    for start in EXPECTED:
        page.goto(reader.base + start)
        following = page.locator("a.md-footer__link--next")
        target = following.get_attribute("href") if following.count() else None
        if target and target[len(reader.base) :] in EXPECTED:
            break
    else:
        pytest.fail("no page with examples links to a next page with examples")

    old = EXPECTED[start][0]
    show_app(page, old)
    reader.wait_for_event("state", old, state="loading")
    # The route handler runs in this process; poll for it (a positive signal).
    deadline = time.monotonic() + EVENT_TIMEOUT_MS / 1000
    while not held and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert len(held) == 1, "stlite.js was not requested"

    _follow(reader, following, target)  # leave while stlite.js is still downloading
    new = EXPECTED[target[len(reader.base) :]][0]
    show_app(page, new)
    reader.wait_for_event("state", new, state="loading")
    held[0].continue_()  # the download finishes after the reader left
    # Both apps awaited the same download of stlite.js, the old one first; its
    # continuation runs first, so a stray mount of the old app would come
    # before the new app's mount, which is the signal waited for here.
    reader.wait_for_event("mount", new)

    mounted = reader.events("mount")
    assert reader.events("mount", old) == []
    assert {e["entry"] for e in mounted} <= set(EXPECTED[target[len(reader.base) :]])
    assert all(e["appConnected"] and e["inContent"] and e["containerConnected"] for e in mounted)
    assert len(reader.runtime_workers()) == len(mounted)
    assert_no_unexpected_errors(reader)


def test_r_and_c_outside_an_app_reach_no_app_while_materials_keys_still_work(reader):
    reader.navigate_instantly()
    reader.never_answer_pyodide()
    page = reader.page
    url = next(u for u, names in EXPECTED.items() if names and u)
    name = EXPECTED[url][0]
    page.goto(reader.base + url)
    app = show_app(page, name)
    reader.wait_for_event("mount", name)
    expect(app.locator(".stApp")).to_have_count(1)  # Streamlit's hotkeys are bound now
    state = app.locator(".stApp").get_attribute("data-test-script-state")

    page.locator("article h1").first.click()  # focus on the page body, outside any app
    for key in ("r", "c", "R", "x"):
        page.keyboard.press(key)
    # "x" went through to the document: so would r and c have, before it.
    page.wait_for_function("() => window.__embedTest.keys.includes('keyup:x')")
    assert [k for k in reader.record("keys") if k.split(":")[1] in "rcRC"] == []
    assert [e["key"] for e in reader.events("key")] == ["r", "c", "R"]
    assert app.locator(".stApp").get_attribute("data-test-script-state") == state
    assert not [t for t, _ in reader.console_errors if "rerun" in t.lower() or "cache" in t.lower()]

    # Typing r and c in a text field still types them.
    search = page.locator("input[data-md-component=search-query]")
    search_open = page.locator("#__search")  # Material's toggle of the search dialog
    page.keyboard.press("/")  # Material: focus the search
    expect(search).to_be_focused()
    page.keyboard.type("rc")
    expect(search).to_have_value("rc")
    # Material opens the dialog a moment after the focus; Escape closes it only once open.
    expect(search_open).to_be_checked()
    page.keyboard.press("Escape")
    expect(search_open).not_to_be_checked()
    for key in ("s", "f"):  # Material: focus the search, again
        page.locator("article h1").first.click()
        page.keyboard.press(key)
        expect(search).to_be_focused()
        expect(search_open).to_be_checked()
        page.keyboard.press("Escape")
        expect(search_open).not_to_be_checked()
    page.locator("article h1").first.click()
    following = page.locator("a.md-footer__link--next").get_attribute("href")
    here = "(u) => location.href.split('#')[0] === u"
    page.keyboard.press("n")  # Material: next page
    page.wait_for_function(here, arg=following)
    # Material reads <link rel=prev> when the key is pressed: wait for the new page's.
    page.wait_for_function(
        "(u) => (document.querySelector('link[rel=prev]') || {}).href === u", arg=reader.base + url
    )
    page.keyboard.press("p")  # Material: previous page
    page.wait_for_function(here, arg=reader.base + url)
    assert_no_unexpected_errors(reader)


def _locked_wheels() -> dict[str, str]:
    """browser-wheels.lock: project name -> sha256."""
    text = (ROOT / "browser-wheels.lock").read_text().replace("\\\n", " ")
    return {
        m["name"]: m["sha"]
        for m in re.finditer(r"^(?P<name>[\w.-]+)==\S+\s+--hash=sha256:(?P<sha>[0-9a-f]{64})", text, re.M)
    }


def test_the_runtime_asks_nothing_outside_the_site_but_pyodide(reader):
    """The wheels Pyodide lacks are served by the site and handed to stlite to
    load before micropip runs; while the app starts, every request it makes goes
    to the site or to the Pyodide URL."""
    import hashlib

    reader.never_answer_pyodide()
    page = reader.page
    url = next(u for u, names in EXPECTED.items() if names)
    name = EXPECTED[url][0]
    page.goto(reader.base + url)
    show_app(page, name)
    reader.wait_for_event("mount", name)
    page.wait_for_function(
        """() => window.__embedTest.sent.some((s) => s.message && s.message.type === 'initData')""",
        timeout=EVENT_TIMEOUT_MS,
    )
    init = _init_data(reader)[0]
    locked = _locked_wheels()
    assert len(locked) >= 4, locked
    wheels = init["prebuiltPackageNames"]
    assert init["requirements"] == []
    assert len(wheels) == len(locked)
    for wheel in wheels:
        assert wheel.startswith(urljoin(reader.base, "assets/stlite-wheels/")), wheel
        body = page.request.get(wheel).body()
        project = re.sub(r"[-_.]+", "-", wheel.rsplit("/", 1)[1].split("-")[0]).lower()
        assert hashlib.sha256(body).hexdigest() == locked[project], wheel
    assert init["pyodideUrl"] == reader.pyodide_url

    assert any(u.startswith(urljoin(reader.base, "assets/stlite/")) for u in reader.requests)
    # Nothing but the site: the repository's facts are not asked for either.
    outside = [u for u in reader.requests if not u.startswith(reader.base)]
    assert outside == [], outside
    assert_no_unexpected_errors(reader)
