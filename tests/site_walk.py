"""Walking the built site as a reader does, for the tests that judge every page.

Shared by test_site_quality.py (a desktop in the light scheme) and
test_site_phone.py (a phone in the dark scheme): a browser context that
reaches only the test server, a walk through every page by Material's
instant navigation, and what is checked on each page: axe-core (package.json,
pinned; no serious or critical violation) and the layout rules of GEOMETRY.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import DOCS, ROOT, site_config

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


def site_pages(site: Path) -> list[str]:
    """Every page of the built site, relative to its root ("" is home), in nav order."""
    tree = ET.parse(site / "sitemap.xml")
    locs = [el.text for el in tree.iter() if el.tag.endswith("loc")]
    base = min(locs, key=len)
    return [loc[len(base):] for loc in locs]


def diagrams(page_url: str) -> int:
    md = DOCS / ((page_url.rstrip("/") or "index") + ".md")
    return len(re.findall(r"^```mermaid\s*$", md.read_text(encoding="utf-8"), re.M))


def site_context(browser, served_site: str, **options):
    """A browser context that reaches the test server only, and a list of the
    requests it refused. Material's instant navigation gets the sitemap this
    site has at the test server's address (its own names site_url)."""

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
    site_url = site_config().site_url

    def sitemap(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(site_url, served_site))

    context.route(f"{served_site}sitemap.xml", sitemap)
    return context, refused


def walk_context(browser, served_site: str, **options):
    """``site_context`` for a walk that judges every page: closed shadow roots
    opened, axe-core in every document, and the live runtime kept out (its
    stlite.js refused, so each example shows its failure message at once; its
    own requests come when an example starts, and test_site_browser.py covers
    them)."""
    context, refused = site_context(browser, served_site, **options)
    context.add_init_script(OPEN_SHADOWS)
    context.add_init_script(path=str(AXE))
    context.route(f"{served_site}assets/stlite/**", lambda route: route.abort())
    return context, refused


@pytest.fixture(scope="module")
def pages(built_site) -> list[str]:
    found = site_pages(built_site)
    assert "" in found and len(found) >= 10, found
    return found


def instant_walk(page, served_site: str, pages: list[str], start: str):
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


def walk_and_visit(page, served_site: str, pages: list[str], start: str, visit) -> list[str]:
    """instant_walk from ``start``, calling ``visit(url)`` on each page shown.
    Returns what broke, naming the page: a failed visit is noted and the walk
    goes on; a walk that cannot go on is noted where it stopped."""
    broken = []
    try:
        for url in instant_walk(page, served_site, pages, start):
            try:
                visit(url)
            except (AssertionError, PlaywrightTimeout) as failure:
                broken.append(f"{url or 'home'}: {failure}")
    except (AssertionError, PlaywrightTimeout) as failure:
        broken.append(f"the walk stopped at {page.url}: {failure}")
    return broken


def wait_until_drawn(page, url: str):
    """Each diagram drawn as SVG and each tab bar underlined (waited for, so
    axe and the layout checks judge the finished page)."""
    want = diagrams(url)
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
  // be fading in or out: judge the colours they settle on (each transition
  // jumps to its end, as it would get there in a moment).
  for (const a of document.getAnimations()) {
    if (a.effect && a.effect.getComputedTiming().endTime !== Infinity) a.finish();
  }
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


GEOMETRY = """
() => {
  const found = { sideways: [], midWord: [], small: [], lonelyIcons: [], shrunkDiagrams: [] };
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) found.sideways.push(`page ${root.scrollWidth}px`);
  // Diagrams keep their own size (their text as big as the page's): a wide
  // one scrolls inside its box instead of being shrunk to the column.
  for (const host of document.querySelectorAll(".md-content div.mermaid")) {
    const svg = host.shadowRoot && host.shadowRoot.querySelector("svg");
    if (!svg || !svg.viewBox.baseVal || !svg.viewBox.baseVal.width) continue;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    if (scale < 0.99) found.shrunkDiagrams.push(`${svg.viewBox.baseVal.width}px wide drawn at ${scale.toFixed(2)}`);
  }
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


def accessibility_and_geometry(page, url: str, scheme: str, width: int) -> list[str]:
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
        page.screenshot(path=str(report_path(name)), full_page=True)
    return problems


def report_path(name: str) -> Path:
    folder = ROOT / "test-results"
    folder.mkdir(exist_ok=True)
    return folder / name
