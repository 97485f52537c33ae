"""Pasted links make good preview cards and land on the exact answer.

* every page has its own OpenGraph / Twitter tags (title, description from
  its short answer, absolute URL, and as image the first example's poster,
  or the site card on a page without examples);
* every h1 and h2 has a copy-link button holding the heading's absolute URL,
  and clicking it in Chromium copies that URL;
* the 404 page offers search and lists every question with absolute links.
"""
from __future__ import annotations

import html
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urlsplit

import pytest
from PIL import Image

from conftest import DOCS, ROOT, site_config

sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "hooks"))
import share_links  # noqa: E402
import url_contract  # noqa: E402

REQUIRED = (
    "og:title", "og:description", "og:url", "og:image", "og:type", "og:site_name",
    "twitter:card", "twitter:title", "twitter:description", "twitter:image",
)


class Page(HTMLParser):
    """What a crawler and a reader see: meta tags, canonical link, h1/h2 and their buttons."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.canonical = None
        self.headings: list[dict] = []  # h1/h2 inside the article
        self.article_text: list[str] = []
        self._heading = None
        self._in_article = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta.setdefault(a.get("property") or a["name"], []).append(a.get("content", ""))
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")
        elif tag == "article":
            self._in_article = True
        elif self._in_article and tag in ("h1", "h2"):
            self._heading = {"tag": tag, "id": a.get("id"), "buttons": []}
            self.headings.append(self._heading)
        elif self._heading is not None and tag == "button":
            self._heading["buttons"].append(a)

    def handle_endtag(self, tag):
        if tag == "article":
            self._in_article = False
        elif self._heading is not None and tag == self._heading["tag"]:
            self._heading = None

    def handle_data(self, data):
        if self._in_article:
            self.article_text.append(data)

    def one(self, key: str) -> str:
        values = self.meta.get(key, [])
        assert len(values) == 1, f"{key}: {values}"
        return values[0]


def built_pages(site: Path) -> dict[str, Page]:
    return {
        path: Page(url_contract.file_for(site, path).read_text(encoding="utf-8"))
        for path in url_contract.page_paths(site)
    }


def page_url(path: str) -> str:
    return site_config().site_url + ("" if path == url_contract.HOME else path)


@pytest.fixture(scope="module")
def pages(built_site):
    found = built_pages(built_site)
    assert len(found) >= 4
    return found


# ---------------------------------------------------------------------- #
# Preview cards
# ---------------------------------------------------------------------- #
def test_site_url_and_repo_url_come_from_the_environment(monkeypatch):
    """The Pages workflow names the site and its repository; without it the site is
    local and has no repository link (no made-up address)."""
    from mkdocs.config import load_config

    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.delenv("REPO_URL", raising=False)
    local = load_config(str(ROOT / "mkdocs.yml"))
    assert urlsplit(local.site_url).hostname == "127.0.0.1"
    assert local.repo_url is None
    monkeypatch.setenv("SITE_URL", "https://owner.example.invalid/faq")
    monkeypatch.setenv("REPO_URL", "https://git.example.invalid/owner/faq")
    deployed = load_config(str(ROOT / "mkdocs.yml"))
    assert deployed.site_url == "https://owner.example.invalid/faq/"
    assert deployed.repo_url == "https://git.example.invalid/owner/faq"
    workflow = (ROOT / ".github" / "workflows" / "deploy.yml").read_text()
    assert "SITE_URL: ${{ steps.pages.outputs.base_url }}/" in workflow
    assert "REPO_URL: ${{ github.server_url }}/${{ github.repository }}" in workflow


def test_every_page_has_the_preview_card_tags(pages):
    for path, page in pages.items():
        for key in REQUIRED:
            assert page.one(key).strip(), f"{path}: empty {key}"
        assert page.one("twitter:card") == "summary_large_image", path
        assert page.one("og:site_name") == site_config().site_name, path
        assert page.one("og:type") == ("website" if path == url_contract.HOME else "article"), path
        assert page.one("twitter:title") == page.one("og:title"), path
        assert page.one("twitter:description") == page.one("og:description"), path
        assert page.one("description") == page.one("og:description"), path
        assert page.one("twitter:image") == page.one("og:image"), path


def test_each_page_has_its_own_title_and_description(pages):
    config = site_config()
    descriptions = [p.one("og:description") for p in pages.values()]
    titles = [p.one("og:title") for p in pages.values()]
    assert len(set(descriptions)) == len(pages), descriptions
    assert len(set(titles)) == len(pages), titles
    for path, page in pages.items():
        description = page.one("og:description")
        assert description != " ".join(config.site_description.split()), f"{path}: site default"
        assert 40 <= len(description) <= share_links.DESCRIPTION_LIMIT, f"{path}: {description!r}"
        assert page.one("og:title") != config.site_name, path


def source_of(path: str) -> Path | None:
    """The Markdown file a page path is built from."""
    stem = "index" if path == url_contract.HOME else path.rstrip("/")
    for candidate in (DOCS / f"{stem}.md", DOCS / stem / "index.md", DOCS / stem / "README.md"):
        if candidate.is_file():
            return candidate
    return None


def test_descriptions_are_the_start_of_each_short_answer(pages):
    for path, page in pages.items():
        source = source_of(path)
        assert source, f"{path}: no Markdown file found for it"
        front = re.match(r"---\n(.*?)\n---\n", source.read_text(encoding="utf-8"), re.S)
        if front and re.search(r"^description:", front.group(1), re.M):
            continue  # written by hand
        text = " ".join("".join(page.article_text).split())
        start = page.one("og:description").removesuffix("…")
        assert start in text, f"{path}: {start!r} is not text of the page"
        assert text.index(start) < 400, f"{path}: the description is not from the top of the page"


def test_og_url_is_the_absolute_canonical_url(pages):
    for path, page in pages.items():
        assert page.one("og:url") == page.canonical == page_url(path), path


def test_og_image_is_the_first_examples_poster_or_the_site_card(pages, built_site):
    """A page with examples shows its first example's light poster; others the site card."""
    site_url = site_config().site_url
    with_poster = 0
    for path, page in pages.items():
        image = page.one("og:image")
        assert image.startswith(site_url), f"{path}: {image} is not absolute on the site"
        file = built_site / unquote(image[len(site_url):])
        assert file.is_file(), f"{path}: {image} is not in the built site"
        html_file = url_contract.file_for(built_site, path)
        first_poster = re.search(
            r'<img class="stlite-embed__poster-img stlite-embed__poster-img--light" src="([^"]+)"',
            html_file.read_text(encoding="utf-8"),
        )
        with Image.open(file) as card:
            assert card.format == "PNG", path
            size = card.size
        assert (page.one("og:image:width"), page.one("og:image:height")) == tuple(map(str, size)), path
        if first_poster:
            assert (html_file.parent / first_poster[1]).resolve() == file.resolve(), (
                f"{path}: the card is not the first example's poster"
            )
            with_poster += 1
        else:
            assert size == (1200, 630), f"{path}: a page without examples keeps the site card"
    assert 0 < with_poster < len(pages), "expected pages with and without examples"


def test_the_card_script_draws_a_1200x630_png(tmp_path):
    out = tmp_path / "card.png"
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_social_card.py"), "--output", str(out)],
        check=True, capture_output=True,
    )
    with Image.open(out) as card:
        assert card.format == "PNG" and card.size == (1200, 630)


# ---------------------------------------------------------------------- #
# The hook on its own
# ---------------------------------------------------------------------- #
def run_hook(content: str, meta: dict | None = None, url="https://x.invalid/faq/q/"):
    page = SimpleNamespace(meta=dict(meta or {}), canonical_url=url, title="Nav title")
    out = share_links.on_page_content(content, page=page, config=SimpleNamespace(site_name="S"), files=None)
    return out, page.meta


def test_hook_takes_the_first_paragraph_or_admonition_after_the_h1():
    _, meta = run_hook(
        '<h1 id="q">Why? <a class="headerlink" href="#q">&para;</a></h1>'
        '<h2 id="short-answer">Short answer</h2>'
        '<div class="admonition tip"><p class="admonition-title">Tip</p>'
        '<p>Use <code>st.form</code> &amp; "submit".</p></div><p>Later.</p>'
    )
    assert meta["description"] == 'Use st.form &amp; &#34;submit&#34;.'  # escaped once, for attributes
    assert html.unescape(meta["description"]) == 'Use st.form & "submit".'
    assert meta["share_title"] == "Why?"


def test_hook_cuts_long_answers_at_a_word():
    words = "rerun " * 60
    _, meta = run_hook(f"<h1>T</h1><p>{words}</p>")
    assert len(meta["description"]) <= share_links.DESCRIPTION_LIMIT
    assert meta["description"].endswith("rerun…")


def test_hook_keeps_a_front_matter_description():
    _, meta = run_hook("<h1>T</h1><p>Body.</p>", {"description": "Set <by> hand"})
    assert meta["description"] == "Set &lt;by&gt; hand"


def test_hook_gives_a_page_without_h1_one_with_a_button():
    out, meta = run_hook('<h2 id="a">A</h2><p>Text.</p>')
    assert out.startswith('<h1>Nav title<button type="button" class="copy-link" '
                          'data-clipboard-text="https://x.invalid/faq/q/"')
    assert meta["description"] == "Text."


# ---------------------------------------------------------------------- #
# Copy-link buttons
# ---------------------------------------------------------------------- #
def test_every_h1_and_h2_has_a_copy_link_button(pages):
    for path, page in pages.items():
        url = page_url(path)
        h1s = [h for h in page.headings if h["tag"] == "h1"]
        assert len(h1s) == 1, f"{path}: {len(h1s)} h1"
        for heading in page.headings:
            buttons = [b for b in heading["buttons"] if "copy-link" in (b.get("class") or "").split()]
            assert len(buttons) == 1, f"{path}: {heading}"
            button = buttons[0]
            want = url if heading["tag"] == "h1" else f"{url}#{heading['id']}"
            assert button["data-clipboard-text"] == want, path
            assert button["type"] == "button"
            assert button["title"] == button["aria-label"] == "Copy link to this section"


def test_the_button_is_styled_by_the_site_stylesheet(built_site, pages):
    css = (built_site / "stylesheets" / "site.css").read_text(encoding="utf-8")
    assert ".copy-link" in css and "(hover: none)" in css
    for path in pages:
        text = url_contract.file_for(built_site, path).read_text(encoding="utf-8")
        assert re.search(r'<link rel="stylesheet" href="[^"]*stylesheets/site\.css"', text), path


# ---------------------------------------------------------------------- #
# 404 page
# ---------------------------------------------------------------------- #
def nav_files(items) -> list[str]:
    """Markdown files named in mkdocs.yml's nav, in order."""
    found: list[str] = []
    for item in items:
        value = item
        if isinstance(item, dict):
            (value,) = item.values()
        if isinstance(value, list):
            found += nav_files(value)
        elif isinstance(value, str) and value.endswith(".md"):
            found.append(value)
    return found


def test_404_offers_search_and_lists_every_question(built_site):
    from mkdocs.structure.files import File

    config = site_config()
    text = (built_site / "404.html").read_text(encoding="utf-8")
    assert re.search(r'<label class="md-button[^"]*"[^>]* for="__search"', text)
    assert 'id="__search"' in text  # the toggle the label opens
    links = re.findall(r'<a href="([^"]+)">', text[text.index("not-found__questions"):])
    files = nav_files(config.nav)
    assert files
    for src in files:
        rel = File(src, "", "", use_directory_urls=config.use_directory_urls).url
        url = config.site_url + ("" if rel == "./" else rel)
        assert url in links, f"404.html does not link to {src} ({url})"
    assert all(link.startswith(config.site_url) for link in links), links


# ---------------------------------------------------------------------- #
# In Chromium
# ---------------------------------------------------------------------- #
@pytest.mark.browser
def test_clicking_copy_link_copies_the_headings_url(browser, served_site, built_site, pages):
    # Headless Chromium here grants clipboard-read/-write to the context, so the
    # test reads the clipboard itself, and checks Material's toast as well. The
    # page has no Mermaid diagram: offline, Material's failed Mermaid download
    # stops its toasts on that page (the copy itself still works).
    path = next(
        p for p in pages
        if p != url_contract.HOME
        and 'class="mermaid"' not in url_contract.file_for(built_site, p).read_text(encoding="utf-8")
    )
    heading = next(h for h in pages[path].headings if h["tag"] == "h2")
    want = f"{page_url(path)}#{heading['id']}"
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(served_site + path)
        button = page.locator(f"h2#{heading['id']} .copy-link")
        assert float(button.evaluate("b => getComputedStyle(b).opacity")) == 0
        page.locator(f"h2#{heading['id']}").hover()
        page.wait_for_function("b => getComputedStyle(b).opacity === '1'", arg=button.element_handle())
        button.click()
        page.get_by_text("Copied to clipboard").wait_for(state="visible", timeout=5000)
        assert page.evaluate("navigator.clipboard.readText()") == want

        h1 = page.locator("h1 .copy-link")
        # The question's own button is visible without hovering.
        assert float(h1.evaluate("b => getComputedStyle(b).opacity")) > 0.5
        page.locator("h1").hover()
        h1.click()
        page.wait_for_function(
            "want => navigator.clipboard.readText().then(t => t === want)", arg=page_url(path)
        )
    finally:
        context.close()


@pytest.mark.browser
def test_copy_link_is_always_shown_on_touch_screens(browser, served_site, pages):
    context = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        page.goto(served_site + next(p for p in pages if p != url_contract.HOME))
        opacity = page.locator("h2 .copy-link").first.evaluate("b => getComputedStyle(b).opacity")
        assert float(opacity) > 0.5
    finally:
        context.close()


@pytest.mark.browser
def test_the_404_search_button_opens_search(page, served_site):
    page.goto(served_site + "404.html")
    assert page.locator("h1").inner_text().strip() == "That page isn't here"
    page.locator("label.not-found__search").click()
    assert page.locator("#__search").is_checked()
    # Material's search reacts to key presses (not to a value set by script).
    page.locator(".md-search__input").press_sequentially("form", delay=50)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=10000)
    assert results.count() > 0, "search found nothing from the 404 page"
