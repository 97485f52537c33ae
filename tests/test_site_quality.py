"""The built site as a reader on a desktop meets it: on a network that reaches
only the site, with a screen reader or a keyboard, and through search.

* **One walk through every page by instant navigation** (as a reader who
  follows links; Chromium aborts every request to another host), on a
  1280 px desktop in the light scheme, starting on a page without diagrams
  (site_walk.py; test_site_phone.py walks the site on a phone in the dark
  scheme). The tests below assert on what the walk records per page (a
  module-scoped fixture). The live runtime is kept out of it (its stlite.js
  refused): its own requests come when an example starts, and
  test_site_browser.py covers them.
* **Only the site.** The walk finds each diagram drawn as SVG, the palette
  toggle (there and back: first and last page, pages with diagrams), search
  and the content tabs working, and nothing asked of another host.
* **Accessibility.** axe-core on every page in the light scheme, once the
  page's diagrams and tab bars are drawn: no serious or critical violation;
  the layout rules of site_walk.GEOMETRY at 1280 px. Keyboard: the toolbar
  and the tabs of an example are reached in order, focus stays in the
  example after Retry, and every live app is a region named after its file.
* **Search.** The built index holds each example's purpose, not its toolbar,
  its listing or a diagram's source; reader queries typed into Material's own
  search (its worker and index, in Chromium) list the right page first.
"""
from __future__ import annotations

import ast
import html
import json
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from conftest import DOCS, SNIPPETS
from mkdocs_stlite.directive import anchor_for
from mkdocs_stlite.sources import embedded_snippets
from site_walk import (
    accessibility_and_geometry,
    diagrams,
    pages,  # noqa: F401  (a fixture)
    site_context,
    wait_until_drawn,
    walk_and_visit,
    walk_context,
)

pytestmark = pytest.mark.browser

# --------------------------------------------------------------------------- #
# Only the site
# --------------------------------------------------------------------------- #

PAGE_WORKS = """
async () => {
  const drawn = [...document.querySelectorAll(".md-content div.mermaid")].map((box) => {
    const svg = box.shadowRoot && box.shadowRoot.querySelector("svg");
    const r = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
    return r.width > 50 && r.height > 50;
  });
  const raw = document.querySelectorAll(".md-content pre.mermaid").length;
  const tabs = [...document.querySelectorAll(".md-content .tabbed-labels")]
    .filter((labels) => labels.checkVisibility())
    .map((labels) => parseFloat(getComputedStyle(labels).getPropertyValue("--md-indicator-width")) > 0);
  return { drawn, raw, tabs };
}
"""


def _search(page, query: str) -> list[str]:
    """Type ``query`` into Material's search; the result links, best first."""
    box = page.locator(".md-search__input")
    meta = page.locator(".md-search-result__meta")
    box.click()
    # Material reads the query on key events: the whole query is put in the box,
    # then one key that changes nothing makes it search once, for all of it.
    box.fill("")
    box.press("End")
    expect(meta).to_have_text(re.compile("Type to start"), timeout=15_000)
    box.fill(query)
    box.press("End")
    expect(meta).to_have_text(re.compile(r"matching document|No matching"), timeout=15_000)
    hrefs = page.locator(".md-search-result__item > a").evaluate_all(
        "(links) => links.map((a) => a.href)"
    )
    page.keyboard.press("Escape")
    return hrefs


def _check_page_works(page, url: str):
    wait_until_drawn(page, url)
    want = diagrams(url)
    state = page.evaluate(PAGE_WORKS)
    assert state["drawn"] == [True] * want and state["raw"] == 0, (url, state)
    assert all(state["tabs"]), f"{url}: a tab bar has no active-tab underline"


def _check_page_controls(page, url: str, palette: bool):
    # Content tabs: the Code tab shows the listing.
    embed = page.locator(".stlite-embed").first
    if embed.count():
        embed.locator(".tabbed-labels > label", has_text="Code").click()
        expect(embed.locator(".highlight pre > code").first).to_be_visible()
    if not palette:
        return
    # The palette toggle switches the scheme, and back (the walk stays light).
    scheme = page.evaluate("document.body.dataset.mdColorScheme")
    toggle = page.locator('form[data-md-component="palette"] label:not([hidden])')
    toggle.click()
    try:
        expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", scheme)
    except AssertionError:
        raise AssertionError(f"{url}: the palette toggle left the scheme {scheme!r}") from None
    toggle.click()
    try:
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
    except AssertionError:
        raise AssertionError(f"{url}: the palette toggle did not switch back to {scheme!r}") from None


@pytest.fixture(scope="module")
def desktop_walk(browser, served_site, pages) -> dict:
    """One walk on a 1280 px desktop in the light scheme, with only the site
    reachable, by instant navigation through every page (from a page without
    diagrams: the first diagram comes by instant navigation). On each page:
    diagrams and tabs ready, then axe and GEOMETRY, then the Code tab; the
    palette toggle (there and back) on the first and last pages and on every
    page with a diagram. Search before the walk and, after it,
    the reader queries. Returns what each test asserts on."""
    context, refused = walk_context(browser, served_site, viewport={"width": 1280, "height": 900},
                                    color_scheme="light")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    found = {"problems": [], "queries": {}, "refused": refused, "errors": errors}
    start = next(p for p in pages if p and not diagrams(p))
    last = pages[pages.index(start) - 1]  # the walk goes round the nav order

    def visit(url: str):
        _check_page_works(page, url)
        found["problems"] += accessibility_and_geometry(page, url, "light", 1280)
        if url == start:
            assert _search(page, "fragment"), f"{url}: search found nothing"
        # The palette toggle where a failure would show: the first page, each
        # page with diagrams (Material redraws them in the new scheme) and the
        # walk's last page (Material's script still alive after every other
        # page). Page errors count on every page.
        _check_page_controls(page, url, palette=url in (start, last) or bool(diagrams(url)))

    try:
        found["broken"] = walk_and_visit(page, served_site, pages, start, visit)
        # Search still answers after the whole walk: the reader queries.
        try:
            for query in dict.fromkeys([*QUERIES, *SAME_WORD]):
                found["queries"][query] = _pages_of(served_site, _search(page, query))
        except (AssertionError, PlaywrightTimeout) as failure:
            found["broken"].append(f"search after the walk, at {page.url}: {failure}")
    finally:
        context.close()
    return found


def test_every_page_works_when_only_the_site_is_reachable(desktop_walk):
    assert desktop_walk["broken"] == [], "\n".join(desktop_walk["broken"])
    assert all(desktop_walk["queries"].values()), f"search after the walk: {desktop_walk['queries']}"
    assert desktop_walk["refused"] == [], f"requests to other hosts: {desktop_walk['refused']}"
    assert desktop_walk["errors"] == [], desktop_walk["errors"]


# --------------------------------------------------------------------------- #
# Accessibility
# --------------------------------------------------------------------------- #


def test_every_page_is_accessible_and_fits_a_desktop_in_light(desktop_walk):
    """axe on every page (no serious or critical violation) and the layout
    checks of GEOMETRY, light on a 1280 px desktop, in one walk by instant
    navigation (what a reader who follows links sees)."""
    assert desktop_walk["broken"] == [], "\n".join(desktop_walk["broken"])
    assert not desktop_walk["problems"], "\n".join(desktop_walk["problems"])


def test_keyboard_reaches_each_example_in_order_and_retry_keeps_focus(browser, served_site):
    context, _ = site_context(browser, served_site, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    uncaught: list[str] = []
    page.on("pageerror", lambda error: uncaught.append(str(error)))
    try:
        url = "forms/"
        page.goto(served_site + url)
        boxes = page.locator(".stlite-embed__app")
        names = boxes.evaluate_all("(els) => els.map((el) => el.dataset.stliteEntry)")
        assert names
        for name in names:  # each live app is a region named after its file
            expect(page.get_by_role("region", name=f"Live app: {name}")).to_have_count(1)

        name = names[0]
        embed = page.locator(f"#{anchor_for(name)}")
        embed.locator(".stlite-embed__name").focus()
        order = [page.evaluate("document.activeElement.textContent.trim()")]
        for _ in range(5):
            page.keyboard.press("Tab")
            order.append(page.evaluate(
                "() => { const el = document.activeElement;"
                " return el.labels && el.labels.length ? `tab:${el.labels[0].textContent.trim()}`"
                " : el.textContent.trim(); }"
            ))
        assert order[:5] == [name, "Edit", "Copy link", "Download .py", "Open in playground"], order
        assert order[5].startswith("tab:"), order
        # Arrow keys move between the tabs; the chosen tab's view shows.
        code = embed.locator(".highlight pre > code")
        app_box = embed.locator(".stlite-embed__app")
        assert order[5] == "tab:Live app", order  # open=live is the default
        page.keyboard.press("ArrowLeft")
        expect(code).to_be_visible()
        expect(app_box).to_be_hidden()
        page.keyboard.press("ArrowRight")
        expect(app_box).to_be_visible()
        expect(code).to_be_hidden()
        # Nothing starts by itself: Tab reaches the app's Start button, Enter
        # presses it. Offline, the live app then fails within moments; Retry by keyboard.
        app = embed.locator(".stlite-embed__app")
        expect(app).to_have_attribute("data-stlite-state", "idle")
        page.keyboard.press("Tab")
        expect(app.get_by_role("button", name=f"Start the live app: {name}")).to_be_focused()
        page.keyboard.press("Enter")
        retry = app.get_by_role("button", name="Retry")
        expect(retry).to_be_visible(timeout=15_000)
        retry.focus()
        page.keyboard.press("Enter")
        expect(app.get_by_role("button", name="Retry")).to_be_visible(timeout=15_000)
        assert app.evaluate("(box) => box.contains(document.activeElement)"), (
            "focus left the example after Retry"
        )
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Retry"
        assert uncaught == [], uncaught  # failures are handled, none reaches the console uncaught
    finally:
        context.close()


# --------------------------------------------------------------------------- #
# Search
# --------------------------------------------------------------------------- #

# Reader queries and the page that answers them.
QUERIES = {
    "session_state": "session-state-errors/",
    "button rerun": "button-state/",
    "form enter": "forms-in-depth/",
    "fragment": "fragments/",
    "cannot be modified after the widget": "session-state-errors/",
}
# Toolbar, "Run locally" line and tab labels ("Code", "Live app") of an example.
# What the toolbar and the "Run locally" line print (a page may name them in prose).
TOOLBAR = ("Copy link", "Download .py", "Open in playground", "Run locally: pip install", "Code Live app")


def _docstring(name: str) -> str:
    return " ".join((ast.get_docstring(ast.parse((SNIPPETS / name).read_text())) or "").split())


def test_the_index_holds_each_examples_purpose_not_its_toolbar_or_listing(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    text = "\n".join(d["text"] for d in docs)
    for words in TOOLBAR:
        assert words not in text, f"search index holds toolbar text {words!r}"
    assert "flowchart" not in text, "search index holds a diagram's source"
    for md in sorted(DOCS.glob("*.md")):
        page_url = "" if md.stem == "index" else f"{md.stem}/"
        page_text = " ".join(
            d["text"] for d in docs if d["location"].split("#")[0] == page_url
        )
        for snippet in embedded_snippets(md.read_text(encoding="utf-8")):
            purpose = _docstring(snippet)
            assert purpose, f"{snippet} has no docstring saying what it shows"
            # The listing (it opens with the docstring) is not in the index.
            opening = (SNIPPETS / snippet).read_text(encoding="utf-8").split("\n", 1)[0]
            assert opening not in html.unescape(text), f"the listing of {snippet} is indexed"
            assert purpose in html.unescape(page_text), (
                f"{md.name}: {snippet}'s purpose is not indexed"
            )


# The same word written three ways finds the same pages in the same order.
SAME_WORD = ("session_state", "st.session_state", "session state")


def _pages_of(served_site: str, hrefs: list[str]) -> list[str]:
    """The pages of search result links, in order, each once."""
    return list(dict.fromkeys(urlsplit(h).path[len(urlsplit(served_site).path):] for h in hrefs))


def test_reader_queries_find_the_right_page_first(desktop_walk):
    found = desktop_walk["queries"]
    assert found, f"the walk stopped before searching: {desktop_walk['broken']}"
    firsts = {}
    for query in QUERIES:
        assert found[query], f"{query!r} found nothing"
        firsts[query] = found[query][0]
    assert firsts == QUERIES
    ways = [found[q] for q in SAME_WORD]
    assert ways[0] == ways[1] == ways[2], ways
