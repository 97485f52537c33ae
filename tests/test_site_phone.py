"""The built site as a reader on a phone meets it, in the dark scheme.

* **One walk through every page by instant navigation** from home, on a
  390 px touch screen in the dark scheme (site_walk.py; test_site_quality.py
  walks the site on a desktop in the light scheme). The live runtime is kept
  out of it (its stlite.js refused); test_site_browser.py covers it.
* **Accessibility.** axe-core on every page in the dark scheme, once the
  page's diagrams and tab bars are drawn: no serious or critical violation
  (site_walk.TOUCH_FINDINGS lists Material's touch-only ones, with why).
* **Phone layout:** no sideways scroll, file names and URLs break only after
  "/", "_" or ".", tap targets are at least 24 x 24 px, heading icons share a
  line with the heading's last word (site_walk.GEOMETRY), and the copy button
  of each message on the error index copies it exactly.
"""
from __future__ import annotations

import re

import pytest

from conftest import DOCS
from site_walk import (
    accessibility_and_geometry,
    pages,  # noqa: F401  (a fixture)
    wait_until_drawn,
    walk_and_visit,
    walk_context,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def phone_walk(browser, served_site, pages) -> dict:
    """One walk on a 390 px touch screen in the dark scheme, by instant
    navigation from home through every page: axe and GEOMETRY on each, and on
    the error index each message's width and what its copy button copies."""
    context, _ = walk_context(browser, served_site, viewport={"width": 390, "height": 844},
                              is_mobile=True, has_touch=True, color_scheme="dark")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    found = {"problems": [], "messages": None}

    def visit(url: str):
        wait_until_drawn(page, url)
        found["problems"] += accessibility_and_geometry(page, url, "dark", 390)
        if url == "errors/":
            found["messages"] = _error_messages(page)

    try:
        found["broken"] = walk_and_visit(page, served_site, pages, "", visit)
    finally:
        context.close()
    return found


def test_every_page_is_accessible_and_fits_a_phone_in_dark(phone_walk):
    """axe on every page (no serious or critical violation) and the layout
    checks of GEOMETRY, dark on a 390 px phone, in one walk by instant
    navigation from home."""
    assert phone_walk["broken"] == [], "\n".join(phone_walk["broken"])
    assert not phone_walk["problems"], "\n".join(phone_walk["problems"])


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
    messages = re.findall(r"^```text[^\n]*\n(.*?)\n```$", (DOCS / "errors.md").read_text(encoding="utf-8"),
                          re.M | re.S)
    assert len(messages) >= 20
    found = phone_walk["messages"]
    assert found is not None, f"the phone walk did not reach errors/: {phone_walk['broken']}"
    assert len(found) == len(messages), [f["copied"] for f in found]
    for message, block in zip(messages, found):
        assert block["fits"], f"errors/: scrolls sideways on a phone: {message}"
    assert [block["copied"] for block in found] == messages
