"""The built site as every reader meets it: on a network that reaches only the
site, with a screen reader or a keyboard, on a phone, and through search.

* **Two walks, each through every page by instant navigation** (as a reader
  who follows links; Chromium aborts every request to another host): on a
  1280 px desktop in the light scheme, starting on a page without diagrams,
  and on a 390 px phone in the dark scheme, from home. The tests below assert
  on what each walk records per page (module-scoped fixtures). The live
  runtime is kept out of both (its stlite.js refused): its own requests come
  when an example starts, and test_site_browser.py covers them.
* **Only the site.** The desktop walk finds each diagram drawn as SVG, the
  palette toggle (there and back: first and last page, pages with diagrams),
  search and the content tabs working, and nothing asked of another host.
* **Accessibility.** axe-core (package.json, pinned) runs on every page in the
  light and the dark scheme (one per walk), once the page's diagrams and tab
  bars are drawn: no serious or critical violation. Keyboard: the
  toolbar and the tabs of an example are reached in order, focus stays in the
  example after Retry, and every live app is a region named after its file.
* **Phone and desktop** (390 px and 1280 px wide): no sideways scroll, file
  names and URLs break only after "/", "_" or ".", tap targets are at least
  24 x 24 px, heading icons share a line with the heading's last word, and
  the copy button of each message on the error index copies it exactly.
* **Search.** The built index holds each example's purpose, not its toolbar,
  its listing or a diagram's source; reader queries typed into Material's own
  search (its worker and index, in Chromium) list the right page first.
"""
from __future__ import annotations

import ast
import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from conftest import DOCS, ROOT, SNIPPETS
from mkdocs_stlite.directive import anchor_for
from mkdocs_stlite.sources import embedded_snippets

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Closed shadow roots (Material draws each diagram in one) opened for the test
# to look inside; nothing else of the page changes.
OPEN_SHADOWS = """
(() => {
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    return attach.call(this, { ...init, mode: "open" });
  };
})();
"""


def _pages(site: Path) -> list[str]:
    """Every page of the built site, relative to its root ("" is home), in nav order."""
    tree = ET.parse(site / "sitemap.xml")
    locs = [el.text for el in tree.iter() if el.tag.endswith("loc")]
    base = min(locs, key=len)
    return [loc[len(base):] for loc in locs]


def _diagrams(page_url: str) -> int:
    md = DOCS / ((page_url.rstrip("/") or "index") + ".md")
    return len(re.findall(r"^```mermaid\s*$", md.read_text(encoding="utf-8"), re.M))


def _site_context(browser, served_site: str, **options):
    """A browser context that reaches the test server only, and a list of the
    requests it refused. Material's instant navigation gets the sitemap this
    site has at the test server's address (its own names site_url)."""
    from mkdocs.config import load_config

    context = browser.new_context(**options)
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(served_site))
    refused: list[str] = []

    def only_the_site(route):
        if route.request.url.startswith(origin):
            route.fallback()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_site)
    site_url = load_config(str(ROOT / "mkdocs.yml")).site_url

    def sitemap(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(site_url, served_site))

    context.route(f"{served_site}sitemap.xml", sitemap)
    return context, refused


@pytest.fixture(scope="module")
def pages(built_site) -> list[str]:
    found = _pages(built_site)
    assert "" in found and len(found) >= 10, found
    return found


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


def _instant_walk(page, served_site: str, pages: list[str], start: str):
    """Open ``start``, then reach every other page by instant navigation: each
    footer's "Next" link, and the logo (home) after the last page. Yields each
    page's URL (relative to the site) once it is shown."""
    page.goto(served_site + start)
    page.evaluate("window.__sameDocument = true")
    visited = [start]
    yield start
    while sorted(visited) != sorted(pages):
        title = page.title()
        following = page.locator("a.md-footer__link--next")
        (following if following.count() else page.locator("a.md-header__button.md-logo")).click()
        page.wait_for_function("(t) => document.title !== t", arg=title)
        url = page.url[len(served_site):].split("#")[0]
        assert page.evaluate("window.__sameDocument") is True, f"{url}: not instant navigation"
        assert url not in visited, f"{url}: reached twice, the walk went round without {pages}"
        visited.append(url)
        yield url


def _wait_until_drawn(page, url: str):
    """Each diagram drawn as SVG and each tab bar underlined (waited for, so
    axe and the layout checks judge the finished page)."""
    want = _diagrams(url)
    page.wait_for_function(
        "(n) => [...document.querySelectorAll('.md-content div.mermaid')]"
        ".filter((d) => d.shadowRoot && d.shadowRoot.querySelector('svg')).length === n",
        arg=want,
        timeout=15_000,
    )
    # Material sizes each tab bar's underline once the page's components mount.
    try:
        page.wait_for_function(
            "() => [...document.querySelectorAll('.md-content .tabbed-labels')]"
            ".filter((l) => l.checkVisibility())"
            ".every((l) => parseFloat(getComputedStyle(l).getPropertyValue('--md-indicator-width')) > 0)",
            timeout=10_000,
        )
    except PlaywrightTimeout:
        raise AssertionError(f"{url}: a tab bar has no active-tab underline") from None


def _check_page_works(page, url: str):
    _wait_until_drawn(page, url)
    want = _diagrams(url)
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
    context, refused = _site_context(browser, served_site, viewport={"width": 1280, "height": 900},
                                     color_scheme="light")
    context.add_init_script(OPEN_SHADOWS)
    context.add_init_script(path=str(AXE))
    # The live runtime stays out of this walk (test_site_browser.py covers it):
    # with stlite.js refused, each example shows its failure message at once.
    context.route(f"{served_site}assets/stlite/**", lambda route: route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    found = {"broken": [], "problems": [], "queries": {}, "refused": refused, "errors": errors}
    try:
        start = next(p for p in pages if p and not _diagrams(p))
        last = pages[pages.index(start) - 1]  # the walk goes round the nav order
        for url in _instant_walk(page, served_site, pages, start):
            try:
                _check_page_works(page, url)
                found["problems"] += _accessibility_and_geometry(page, url, "light", 1280)
                if url == start:
                    assert _search(page, "fragment"), f"{url}: search found nothing"
                # The palette toggle where a failure would show: the first
                # page, each page with diagrams (Material redraws them in the
                # new scheme) and the walk's last page (Material's script still
                # alive after every other page). Page errors count on every page.
                _check_page_controls(page, url, palette=url in (start, last) or bool(_diagrams(url)))
            except (AssertionError, PlaywrightTimeout) as failure:
                found["broken"].append(f"{url or 'home'}: {failure}")
        # Search still answers after the whole walk: the reader queries.
        for query in dict.fromkeys([*QUERIES, *SAME_WORD]):
            found["queries"][query] = _pages_of(served_site, _search(page, query))
    except (AssertionError, PlaywrightTimeout) as failure:
        found["broken"].append(f"the walk stopped at {page.url}: {failure}")
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

# Serious or critical findings of Material's own behaviour that the site leaves
# as they are, with the reason (hooks/a11y.py and the palette fix the rest).
# Only on touch screens:
TOUCH_FINDINGS = {
    # Material makes a code block or table that scrolls sideways focusable
    # (tabindex=0) only where the device can hover (matchMedia("(hover)")):
    # on a touch screen it is scrolled by swiping. The desktop walk checks
    # the keyboard case.
    "scrollable-region-focusable": "Material: focusable scroll areas only with hover",
}

RUN_AXE = """
async () => {
  // After instant navigation the header and the back-to-top button may still
  // be fading in or out: judge the colours they settle on.
  await Promise.all(document.getAnimations()
    .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
    .map((a) => a.finished.catch(() => null)));
  // Naming each failing node (its CSS selector) is a good part of axe's work:
  // a page with no finding is checked without it, and only a page with
  // findings again with it, for the report.
  const options = { resultTypes: ["violations"] };
  const serious = (violations) => violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  let result = await axe.run(document, { ...options, selectors: false });
  if (serious(result.violations).length) result = await axe.run(document, options);
  return serious(result.violations)
    .map((v) => ({
      id: v.id,
      nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary.split("\\n")[1] || ""}`),
    }));
}
"""


def test_keyboard_reaches_each_example_in_order_and_retry_keeps_focus(browser, served_site):
    context, _ = _site_context(browser, served_site, viewport={"width": 1280, "height": 900})
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
# Phone and desktop
# --------------------------------------------------------------------------- #

GEOMETRY = """
() => {
  const found = { sideways: [], midWord: [], small: [], lonelyIcons: [] };
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) found.sideways.push(`page ${root.scrollWidth}px`);
  for (const code of document.querySelectorAll(".md-content .language-text pre > code")) {
    if (code.scrollWidth > code.clientWidth + 1) found.sideways.push(code.textContent.slice(0, 60));
  }
  // Each word of a text piece between two <wbr> (or nowrap piece) must sit on
  // one line: a line may end at a space, a <wbr> or the end of a piece only.
  const lines = (node, start, end) => {
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  };
  for (const el of document.querySelectorAll(
    ".stlite-embed__name, .stlite-embed__local code, .md-content .highlight .filename")) {
    if (!el.checkVisibility()) continue;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.textContent.matchAll(/\\S+/g)) {
        if (lines(node, word.index, word.index + word[0].length) > 1) found.midWord.push(word[0]);
      }
    }
  }
  // Tap targets: everything one can press, except links inside running text.
  const targets = ".md-header a, .md-header label, .md-header button, "
    + ".md-content a, .md-content button, .md-content label, .md-content input";
  for (const el of document.querySelectorAll(targets)) {
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (el.matches("a") && el.closest("p, li, td, dd, .admonition-title")) continue;
    if (r.width < 24 || r.height < 24) {
      found.small.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
  }
  for (const end of document.querySelectorAll(".md-content .heading-end")) {
    if (!end.checkVisibility()) continue;
    const tops = new Set([...end.getClientRects()].map((r) => Math.round(r.top)));
    if (tops.size !== 1 || !end.textContent.replace("¶", "").trim()) found.lonelyIcons.push(end.textContent);
  }
  // Every heading with a permalink has its icons kept with a word.
  for (const link of document.querySelectorAll(".md-content .headerlink")) {
    if (!link.closest(".heading-end")) found.lonelyIcons.push(link.getAttribute("href"));
  }
  found.small = [...new Set(found.small)];
  return found;
}
"""


def _accessibility_and_geometry(page, url: str, scheme: str, width: int) -> list[str]:
    """axe (no serious or critical violation) and GEOMETRY on the page shown,
    as problems naming the page; a screenshot of a page with any."""
    phone = width < 600
    problems = []
    want = "slate" if scheme == "dark" else "default"
    shown = page.evaluate("document.body.dataset.mdColorScheme")
    if shown != want:
        problems.append(f"{url or 'home'}: shown in the {shown!r} scheme, not {want!r}")
    for violation in page.evaluate(RUN_AXE):
        if not (phone and violation["id"] in TOUCH_FINDINGS):
            problems.append(f"{url or 'home'}: axe {violation['id']}: {violation['nodes'][:3]}")
    found = page.evaluate(GEOMETRY)
    problems += [f"{url or 'home'}: {key}: {value}" for key, value in found.items() if value]
    if problems:
        name = f"{scheme}-{width}-{url.strip('/') or 'home'}.png"
        page.screenshot(path=str(_report(name)), full_page=True)
    return problems


@pytest.fixture(scope="module")
def phone_walk(browser, served_site, pages) -> dict:
    """One walk on a 390 px touch screen in the dark scheme, by instant
    navigation from home through every page: axe and GEOMETRY on each, and on
    the error index each message's width and what its copy button copies."""
    context, _ = _site_context(browser, served_site, viewport={"width": 390, "height": 844},
                               is_mobile=True, has_touch=True, color_scheme="dark")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    context.route(f"{served_site}assets/stlite/**", lambda route: route.abort())
    context.add_init_script(OPEN_SHADOWS)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    found = {"broken": [], "problems": [], "messages": None}
    try:
        for url in _instant_walk(page, served_site, pages, ""):
            try:
                _wait_until_drawn(page, url)
                found["problems"] += _accessibility_and_geometry(page, url, "dark", 390)
                if url == "errors/":
                    found["messages"] = _error_messages(page)
            except (AssertionError, PlaywrightTimeout) as failure:
                found["broken"].append(f"{url or 'home'}: {failure}")
    except (AssertionError, PlaywrightTimeout) as failure:
        found["broken"].append(f"the walk stopped at {page.url}: {failure}")
    finally:
        context.close()
    return found


@pytest.mark.parametrize(("scheme", "width"), [("light", 1280), ("dark", 390)])
def test_every_page_is_accessible_and_fits_the_screen(request, scheme, width):
    """axe on every page (no serious or critical violation), and the layout
    checks of GEOMETRY; light on a desktop, dark on a phone: each scheme and
    each width on every page, in one walk each by instant navigation (what
    a reader who follows links sees)."""
    walk = request.getfixturevalue("desktop_walk" if scheme == "light" else "phone_walk")
    assert walk["broken"] == [], "\n".join(walk["broken"])
    assert not walk["problems"], "\n".join(walk["problems"])


def _report(name: str) -> Path:
    folder = ROOT / "test-results"
    folder.mkdir(exist_ok=True)
    return folder / name


def _error_messages(page) -> list[dict]:
    """Each message block of the error index: whether it fits the width, and
    what its copy button puts on the clipboard."""
    blocks = page.locator(".md-content .language-text")
    found = []
    for i in range(blocks.count()):
        block = blocks.nth(i)
        block.scroll_into_view_if_needed()
        fits = block.locator("pre > code").evaluate("(c) => c.scrollWidth <= c.clientWidth + 1")
        block.locator('button[data-md-type="copy"]').dispatch_event("click")
        found.append({"fits": fits, "copied": page.evaluate("navigator.clipboard.readText()")})
    return found


def test_each_error_message_wraps_on_a_phone_and_copies_exactly(phone_walk):
    messages = re.findall(r"^```text\n(.*?)\n```$", (DOCS / "errors.md").read_text(encoding="utf-8"),
                          re.M | re.S)
    assert len(messages) >= 20
    found = phone_walk["messages"]
    assert found is not None, f"the phone walk did not reach errors/: {phone_walk['broken']}"
    assert len(found) == len(messages), [f["copied"] for f in found]
    for message, block in zip(messages, found):
        assert block["fits"], f"errors/: scrolls sideways on a phone: {message}"
    assert [block["copied"] for block in found] == messages


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
