"""Site hook: make every page easy to link to from a forum answer.

For each page, after its Markdown has become HTML:

* every ``h1`` and ``h2`` gets a small "copy link" button next to its ``¶``
  permalink. Its ``data-clipboard-text`` is the absolute URL of that heading
  (the page URL for the ``h1``, page URL + ``#id`` for an ``h2``); Material's
  bundle copies any ``[data-clipboard-text]`` on click and shows its
  "Copied to clipboard" toast, so no script of our own is needed.
* ``page.meta["description"]`` is set, when the front matter has none, from
  the page's short answer: the text of the first paragraph or admonition
  after the ``h1``, cut at a word to about 160 characters. Material puts it
  in ``<meta name="description">``; ``overrides/main.html`` puts it in the
  OpenGraph and Twitter tags.
* ``page.meta["share_title"]`` is the ``h1`` text (or the front-matter
  ``title``), the title of the page's preview card.

Values stored in ``page.meta`` are ``Markup`` (already HTML-escaped), because
MkDocs templates do not autoescape and Material writes the description into
an attribute as it is.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

#: Longest description, in characters; longer text is cut at a word.
DESCRIPTION_LIMIT = 160

BUTTON_TITLE = "Copy link to this section"

# A chain-link glyph, drawn with two rounded strokes; sized by the font.
LINK_ICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="1em" height="1em" '
    'aria-hidden="true" focusable="false"><g fill="none" stroke="currentColor" '
    'stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round">'
    '<path d="M10.2 13.8a4 4 0 0 0 5.7 0l3.3-3.3a4 4 0 0 0-5.7-5.7l-1.1 1.1"/>'
    '<path d="M13.8 10.2a4 4 0 0 0-5.7 0l-3.3 3.3a4 4 0 0 0 5.7 5.7l1.1-1.1"/>'
    "</g></svg>"
)

HEADING = re.compile(r"<h(?P<level>[12])(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</h(?P=level)>", re.S)
ID_ATTR = re.compile(r'\sid="(?P<id>[^"]+)"')


def copy_button(url: str) -> str:
    return (
        f'<button type="button" class="copy-link" data-clipboard-text="{escape(url)}" '
        f'title="{BUTTON_TITLE}" aria-label="{BUTTON_TITLE}">{LINK_ICON}</button>'
    )


def add_copy_buttons(content: str, page_url: str) -> str:
    """Put a copy-link button at the end of each h1/h2 (after its permalink)."""

    def add(match: re.Match) -> str:
        if 'class="copy-link"' in match["body"]:
            return match[0]
        if match["level"] == "1":
            url = page_url
        else:
            found = ID_ATTR.search(match["attrs"])
            if not found:
                return match[0]  # nothing to link to
            url = f"{page_url}#{html.unescape(found['id'])}"
        level = match["level"]
        return f"<h{level}{match['attrs']}>{match['body']}{copy_button(url)}</h{level}>"

    return HEADING.sub(add, content)


class _ShortAnswer(HTMLParser):
    """Text of the h1 and of the first paragraph or admonition after it."""

    def __init__(self, has_h1: bool = True) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.text: list[str] = []
        self.depth = 0  # open elements, to find where a block ends
        self.in_h1 = False
        self.seen_h1 = not has_h1  # no h1: read from the top
        self.block_depth: int | None = None  # depth of the open block we read
        self.skip_depth: int | None = None  # inside an admonition title or a button
        self.done = False

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        self.depth += 1
        if self.done:
            return
        classes = (dict(attrs).get("class") or "").split()
        if tag == "h1" and not self.seen_h1:
            self.in_h1 = True
        elif self.in_h1 and self.skip_depth is None and (tag == "button" or "headerlink" in classes):
            self.skip_depth = self.depth  # the permalink and the copy button
        elif self.seen_h1 and self.block_depth is None:
            if tag == "p" or (tag == "div" and "admonition" in classes):
                self.block_depth = self.depth
                self.text = []
        elif self.block_depth is not None and self.skip_depth is None:
            if "admonition-title" in classes or tag in ("button", "script", "style"):
                self.skip_depth = self.depth

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.skip_depth is not None and self.depth == self.skip_depth:
            self.skip_depth = None
        if self.in_h1 and tag == "h1":
            self.in_h1 = False
            self.seen_h1 = True
        elif self.block_depth is not None and self.depth == self.block_depth:
            text = normalise("".join(self.text))
            if text:
                self.done = True
            self.block_depth = None
        self.depth -= 1

    def handle_data(self, data):
        if self.done or self.skip_depth is not None:
            return
        if self.in_h1:
            self.title.append(data)
        elif self.block_depth is not None:
            self.text.append(data)

    @property
    def short_answer(self) -> str:
        return normalise("".join(self.text)) if self.done else ""

    @property
    def heading(self) -> str:
        return normalise("".join(self.title))


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """``text`` if it fits in ``limit`` characters, else cut at a word with an ellipsis."""
    text = normalise(text)
    if len(text) <= limit:
        # A lead-in to a code block ("... like this:") reads as cut short anyway.
        return text[:-1].rstrip() + "…" if text.endswith(":") else text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–—(") + "…"


def on_page_content(html_: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    reader = _ShortAnswer(has_h1="<h1" in html_)
    reader.feed(html_)
    reader.close()

    meta = page.meta
    if meta.get("description"):
        meta["description"] = Markup(escape(normalise(str(meta["description"]))))
    else:
        answer = reader.short_answer
        if answer:
            meta["description"] = Markup(escape(shorten(answer)))
        else:
            meta.pop("description", None)  # Material falls back to site_description
    title = meta.get("title") or reader.heading or page.title or config.site_name
    meta["share_title"] = Markup(escape(normalise(str(title))))

    page_url = page.canonical_url or ""
    if not page_url:
        return html_  # no site_url: no absolute links to copy
    if "<h1" not in html_:
        # Material adds this same h1 from the page title when the Markdown has none;
        # adding it here gives it a copy-link button too.
        html_ = f'<h1>{escape(page.title or config.site_name)}</h1>\n{html_}'
    return add_copy_buttons(html_, page_url)
