"""Site hook: names and labels that Material's own markup gets wrong, and
headings whose icons stay with their text.

axe-core (tests/test_site_quality.py, tests/test_site_phone.py) finds three faults in the HTML that
Material for MkDocs 9.8 writes on every page; each is fixed here after the
page is rendered, so the fix reaches every page and every theme partial stays
Material's own:

* the search dialog (``role="dialog"``) has no accessible name;
* the instant-navigation progress bar (``role="progressbar"``) has none;
* the footer's previous/next links escape the page title twice in their
  ``aria-label`` ("&lt;key&gt;" read out instead of "<key>"), so the name
  no longer contains the text shown (axe: label-content-name-mismatch).

On a narrow screen a heading's permalink (¶) and copy-link button could wrap
onto a line of their own: each heading's last word and its icons are wrapped
in one ``<span class="heading-end">`` that never breaks (docs/stylesheets/site.css).

A fix whose markup is not found is reported as a warning, which stops the
strict build: a newer Material then needs a look.
"""
from __future__ import annotations

import html
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

log = get_plugin_logger("a11y")

SEARCH = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_NAMED = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'
PROGRESS = '<div class="md-progress" data-md-component="progress" role="progressbar">'
PROGRESS_NAMED = (
    '<div class="md-progress" data-md-component="progress" role="progressbar" '
    'aria-label="Loading the page">'
)
FOOTER_LINK = re.compile(r'(class="md-footer__link md-footer__link--(?:prev|next)" aria-label=")([^"]*)(")')


def plain(text: str) -> str:
    """Undo any number of HTML escapes."""
    while True:
        once = html.unescape(text)
        if once == text:
            return text
        text = once


HEADING = re.compile(r"(?P<open><h[1-6](?:\s[^>]*)?>)(?P<body>.*?)(?P<close></h[1-6]>)", re.S)
#: The icons at the end of a heading: toc's permalink, hooks/share_links.py's button.
ICONS = re.compile(
    r'(?:<a class="headerlink"[^>]*>.*?</a>|<button type="button" class="copy-link".*?</button>)+$', re.S
)
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>")


def last_word_start(text: str) -> int:
    """Where the last word of ``text`` (HTML) starts: after the last space that
    is outside any tag and any element left open there, so the tail is balanced."""
    start = len(text)
    depth = 0
    pos = 0
    breaks = []  # (index after a space, element depth there)
    for m in TAG.finditer(text):
        for i in range(pos, m.start()):
            if text[i].isspace():
                breaks.append((i + 1, depth))
        depth += -1 if m[1] else 1
        pos = m.end()
    for i in range(pos, len(text)):
        if text[i].isspace():
            breaks.append((i + 1, depth))
    for index, level in reversed(breaks):
        if level == depth:
            return index
    return 0 if depth == 0 else start


def keep_icons_with_heading(content: str) -> str:
    def wrap(m: re.Match) -> str:
        body = m["body"]
        icons = ICONS.search(body)
        if not icons:
            return m[0]
        text = body[: icons.start()]
        cut = last_word_start(text)
        if cut >= len(text):
            return m[0]
        tail = text[cut:] + icons[0]
        return f'{m["open"]}{text[:cut]}<span class="heading-end">{tail}</span>{m["close"]}'

    return HEADING.sub(wrap, content)


def on_page_content(html_: str, *, page: Page, config: MkDocsConfig, files) -> str:
    return keep_icons_with_heading(html_)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    for old, new in ((SEARCH, SEARCH_NAMED), (PROGRESS, PROGRESS_NAMED)):
        if old in output:
            output = output.replace(old, new)
        elif new not in output:
            log.warning(f"{page.file.src_uri}: Material's markup changed, not found: {old}")
    return FOOTER_LINK.sub(
        lambda m: m[1] + html.escape(plain(m[2]), quote=True) + m[3], output
    )
