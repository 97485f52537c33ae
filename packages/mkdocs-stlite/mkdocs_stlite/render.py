"""What an embed becomes: Markdown first, then a few HTML pieces.

An embed is rendered in two steps so that the code block goes through the
site's own highlighter (pymdownx.superfences, with copy button and theme
colours) and the tabs are the theme's own content tabs (pymdownx.tabbed):

1. ``markdown_for`` replaces the directive line with content tabs holding the
   fenced code and three placeholder paragraphs;
2. ``html_for`` gives the HTML that replaces each placeholder after Markdown
   has been converted: the embed's wrapper and the live-app box whose data
   attributes tell the browser module what to mount.
"""
from __future__ import annotations

import ast
import html
import json
import re
from dataclasses import dataclass
from urllib.parse import quote

from .directive import Directive, anchor_for

CODE_LABEL = "Code"
LIVE_LABEL = "Live app"
PLACEHOLDER = "STLITEEMBED{index}{part}"
PLACEHOLDER_HTML = re.compile(r"<p>STLITEEMBED(?P<index>\d+)(?P<part>OPEN|APP|CLOSE)</p>")
#: Material's search leaves out elements carrying this attribute. Its parser
#: ends the exclusion at the first closing tag of the same name, so it is only
#: put on elements with no descendant of their own tag.
NO_SEARCH = "data-search-exclude"
#: Inside an embed, what search leaves out: the tab labels and the code
#: listing (the example's purpose is indexed instead, see ``Embed.purpose``).
_LISTING = re.compile(r'<div class="(?P<cls>tabbed-labels|(?:language-python )?highlight)">')


@dataclass(frozen=True)
class Runtime:
    """Site-wide settings for one page: what the browser module and the toolbar need."""

    module_url: str  # stlite.js, relative to the page or absolute
    pyodide_url: str  # "" = stlite's default
    shared_worker: bool
    page_url: str  # absolute URL of the page ("" when the site has no site_url)
    streamlit_version: str
    playground_url: str  # "" = no playground link
    wheel_urls: tuple[str, ...] = ()  # wheels installed at boot, relative to the page
    newest_streamlit: str = ""  # the newest release also tested ("" = none)

    @property
    def tested_on(self) -> str:
        """The versions the examples are tested on, for the "Run locally" line."""
        versions = [self.streamlit_version]
        if self.newest_streamlit and self.newest_streamlit != self.streamlit_version:
            versions.append(self.newest_streamlit)
        return "Streamlit " + " and ".join(versions)


def playground_link(base: str, code: str) -> str:
    """A stlite sharing link that carries the code itself (``#code=`` + URL-encoded)."""
    return f"{base}#code={quote(code, safe='')}"


@dataclass(frozen=True)
class Poster:
    """The example's first frame, drawn ahead of time (light and dark scheme)."""

    light_url: str  # relative to the page
    dark_url: str
    width: int
    height: int
    alt: str


def poster_alt(code: str, snippet: str) -> str:
    """What the picture shows, from the first paragraph of the snippet's docstring."""
    try:
        doc = ast.get_docstring(ast.parse(code)) or ""
    except SyntaxError:
        doc = ""
    summary = " ".join(doc.split("\n\n")[0].split())
    if not summary:
        return f"Picture of the first screen of the example app {snippet}"
    return f"Picture of the example app's first screen. {summary}"


@dataclass(frozen=True)
class Embed:
    index: int
    directive: Directive
    code: str  # the snippet file's text, exactly
    src_url: str  # the snippet's URL relative to the page
    public_url: str  # the snippet's absolute URL ("" when the site has no site_url)
    poster: Poster | None = None  # None: no current poster for this snippet and height
    # A multi-file example (multifile.py): (path in the folder, code) of every
    # file, entry first, and the URLs of the files and the archive relative to
    # the page. Empty for a one-file snippet.
    files: tuple[tuple[str, str], ...] = ()
    file_urls: tuple[str, ...] = ()
    zip_url: str = ""

    @property
    def anchor(self) -> str:
        return anchor_for(self.directive.snippet)

    @property
    def purpose(self) -> str:
        """The snippet's docstring on one line ("" if none): what the example shows."""
        try:
            doc = ast.get_docstring(ast.parse(self.code)) or ""
        except SyntaxError:
            return ""
        return " ".join(doc.split())


def breakable(text: str) -> str:
    """``text`` as HTML that a narrow screen wraps only after a ``/``, ``_`` or
    ``.``: a ``<wbr>`` marks each of those places, and a piece that holds a
    hyphen (where browsers would also break) is kept whole in a ``nobr`` span."""
    pieces = re.split(r"(?<=[/_.])(?=[^/])", text)
    return "<wbr>".join(
        f'<span class="stlite-embed__nobr">{html.escape(p)}</span>' if "-" in p else html.escape(p)
        for p in pieces
    )


_EMBED_SPAN = re.compile(r"<p>STLITEEMBED(?P<index>\d+)OPEN</p>.*?<p>STLITEEMBED(?P=index)CLOSE</p>", re.S)


def exclude_listings_from_search(page_html: str) -> str:
    """Mark each embed's tab labels and code listing (still between the
    placeholders) for Material's search to skip."""
    return _EMBED_SPAN.sub(
        lambda span: _LISTING.sub(lambda m: f'<div class="{m["cls"]}" {NO_SEARCH}>', span[0]),
        page_html,
    )


def _fence_for(code: str) -> str:
    longest = max((len(m) for m in re.findall(r"`{3,}", code)), default=0)
    return "`" * max(3, longest + 1)


def _code_block(title: str, code: str) -> list[str]:
    """A fenced, titled code block indented for a content tab."""
    fence = _fence_for(code)
    code_lines = code.split("\n")
    if code_lines and code_lines[-1] == "":
        code_lines.pop()
    return [
        f'    {fence}python title="{title}"',
        *[("    " + line) if line else "" for line in code_lines],
        f"    {fence}",
        "",
    ]


def markdown_for(embed: Embed) -> str:
    """Markdown that replaces the directive line (keeps its indentation)."""
    d = embed.directive
    marker_code = "===+" if d.options.open == "code" else "==="
    marker_live = "===+" if d.options.open == "live" else "==="
    ph = lambda part: PLACEHOLDER.format(index=embed.index, part=part)  # noqa: E731
    lines = [
        ph("OPEN"),
        "",
        f'{marker_code} "{CODE_LABEL}"',
        "",
        *_code_blocks(embed),
        f'{marker_live} "{LIVE_LABEL}"',
        "",
        f"    {ph('APP')}",
        "",
        ph("CLOSE"),
        "",
    ]
    return "\n".join((d.indent + line) if line else "" for line in lines)


def _code_blocks(embed: Embed) -> list[str]:
    """One block for a snippet; one per file of a multi-file example, titled folder/path."""
    if not embed.files:
        return _code_block(embed.directive.snippet, embed.code)
    folder = embed.directive.snippet.split("/", 1)[0]
    return [line for path, code in embed.files for line in _code_block(f"{folder}/{path}", code)]


def _attrs(values: dict[str, str]) -> str:
    return " ".join(f'{k}="{html.escape(v, quote=True)}"' for k, v in values.items())


def html_for(embed: Embed, part: str, runtime: Runtime) -> str:
    d = embed.directive
    if part == "OPEN":
        attrs = {
            "class": "stlite-embed",
            "id": embed.anchor,
            "data-snippet": d.snippet,
        }
        name = html.escape(d.snippet)
        # Shown by embed.js (it does nothing without it); opens the editor.
        actions = [
            '<button type="button" class="stlite-embed__action stlite-embed__edit" '
            'aria-expanded="false" title="Edit this code and run it here" hidden>Edit</button>'
        ]
        if runtime.page_url:
            link = f"{runtime.page_url}#{embed.anchor}"
            actions.append(
                f'<button type="button" class="stlite-embed__action stlite-embed__copy" '
                f'{_attrs({"data-clipboard-text": link})} title="Copy a link to this example">'
                "Copy link</button>"
            )
        if embed.files:
            archive = html.escape(embed.zip_url.rsplit("/", 1)[-1])
            actions.append(
                f'<a class="stlite-embed__action stlite-embed__download" {_attrs({"href": embed.zip_url})} '
                f'download="{archive}" title="Download all {len(embed.files)} files as {archive}">'
                "Download .zip</a>"
            )
        else:
            actions.append(
                f'<a class="stlite-embed__action stlite-embed__download" {_attrs({"href": embed.src_url})} '
                f'download="{name}" title="Download {name}">Download .py</a>'
            )
        # A playground link carries one file only: none for a multi-file example.
        if runtime.playground_url and not embed.files:
            href = playground_link(runtime.playground_url, embed.code)
            actions.append(
                f'<a class="stlite-embed__action stlite-embed__playground" {_attrs({"href": href})} '
                'target="_blank" rel="noopener" title="Open this code in an online editor">'
                "Open in playground</a>"
            )
        return (
            f"<div {_attrs(attrs)}>\n"
            f'<div class="stlite-embed__bar">'
            f'<a class="stlite-embed__name" href="#{embed.anchor}" title="Link to this example">'
            f"{breakable(d.snippet)}</a>"
            f'<span class="stlite-embed__actions" {NO_SEARCH}>{"".join(actions)}</span>'
            f"</div>"
            + (
                # For search only: what the example shows, in its own words.
                f'\n<p class="stlite-embed__purpose" hidden>{html.escape(embed.purpose)}</p>'
                if embed.purpose
                else ""
            )
        )
    if part == "APP":
        attrs = {
            "class": "stlite-embed__app",
            "data-stlite-entry": d.snippet,
            "data-stlite-src": embed.src_url,
            "data-stlite-module": runtime.module_url,
            "data-stlite-pyodide": runtime.pyodide_url,
            "data-stlite-shared-worker": "true" if runtime.shared_worker else "false",
            "data-stlite-wheels": " ".join(runtime.wheel_urls),
            "style": f"height: {d.options.height}px",
            # A named region, focusable from script (embed.js keeps focus here
            # when Retry replaces the message).
            "role": "region",
            "aria-label": f"Live app: {d.snippet}",
            "tabindex": "-1",
        }
        if embed.poster:
            attrs["class"] += " stlite-embed__app--poster"
        if embed.files:
            # Every file of the example: mount path (folder/path) -> URL relative to the page.
            folder = d.snippet.split("/", 1)[0]
            attrs["data-stlite-files"] = json.dumps(
                {f"{folder}/{path}": url for (path, _), url in zip(embed.files, embed.file_urls)},
                separators=(",", ":"),
            )
        return (
            f"<div {_attrs(attrs)}>"
            f"{poster_html(embed.poster)}"
            # Search skips each piece (NO_SEARCH ends at the first closing tag
            # of its own name, so it cannot sit on this box around a div).
            f'<p class="stlite-embed__status" role="status" {NO_SEARCH}>'
            "This example runs Streamlit in your browser once you start it."
            "</p>"
            f"<noscript><p {NO_SEARCH}>The live app needs JavaScript; the Code tab shows the whole example.</p></noscript>"
            "</div>"
        )
    if part == "CLOSE":
        source = embed.public_url or d.snippet
        if embed.files:
            return (
                f'<p class="stlite-embed__local" {NO_SEARCH}>Run locally: download the .zip, unpack it, '
                f"<code>pip install streamlit=={html.escape(runtime.streamlit_version)}</code> then "
                f"<code>streamlit run {breakable(d.snippet)}</code> "
                f"(tested on {html.escape(runtime.tested_on)})</p>\n"
                "</div>"
            )
        return (
            f'<p class="stlite-embed__local" {NO_SEARCH}>Run locally: '
            f"<code>pip install streamlit=={html.escape(runtime.streamlit_version)}</code> then "
            f"<code>streamlit run {breakable(source)}</code> "
            f"(tested on {html.escape(runtime.tested_on)})</p>\n"
            "</div>"
        )
    raise ValueError(part)


# ---- Poster: the picture shown until the live app is ready -------------- #


def poster_html(poster: Poster | None) -> str:
    """Two pictures (light, dark: CSS shows the page's scheme) and a badge."""
    if poster is None:
        return ""
    imgs = "".join(
        f'<img class="stlite-embed__poster-img stlite-embed__poster-img--{scheme}" '
        + _attrs({"src": url, "alt": poster.alt, "width": str(poster.width), "height": str(poster.height)})
        + ' loading="lazy" decoding="async">'
        for scheme, url in (("light", poster.light_url), ("dark", poster.dark_url))
    )
    return (
        f'<div class="stlite-embed__poster" {NO_SEARCH}>{imgs}'
        '<span class="stlite-embed__poster-badge">Picture of the app</span></div>'
    )
