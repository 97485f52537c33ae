"""The ``stlite`` MkDocs plugin: its events, grouped by build phase."""
from __future__ import annotations

import hashlib
import html as html_lib
import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .config import StliteConfig
from .directive import DirectiveError, find_directives
from .options import EmbedOptions
from .render import (
    PLACEHOLDER,
    PLACEHOLDER_HTML,
    Embed,
    Poster,
    Runtime,
    exclude_listings_from_search,
    html_for,
    markdown_for,
    poster_alt,
)
from .multifile import (
    ExampleError,
    check_pages,
    example_zip,
    folder_of,
    folder_paths,
    is_multi_file,
    links_in,
)
from .sources import SourceError, build_dir, bundled_streamlit_version

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parent / "assets"
#: CodeMirror for the example editor, bundled by `npm run build:editor` (not committed).
EDITOR_BUNDLE = ASSETS / "editor" / "codemirror.js"
#: Where the plugin puts things in the built site.
SITE_ASSETS = "assets/stlite-embed"
SITE_STLITE = "assets/stlite"
SITE_SNIPPETS = "snippets"
SITE_POSTERS = "assets/stlite-posters"
SITE_WHEELS = "assets/stlite-wheels"
#: Files of the stlite build that a browser never needs.
SKIP_SUFFIXES = (".map", ".d.ts")
REQUIRED_EXTENSIONS = ("pymdownx.superfences", "pymdownx.tabbed")


#: Characters a snippet may not hold, with what is wrong and the fix. Markdown
#: expands tabs, reads CR as a line end, removes STX/ETX; Python refuses NUL; a
#: byte order mark would ride along into the copy and the playground link;
#: other control characters are invisible on the page. (Form feed is shown as is.)
_REFUSED = (
    ("\r", "a carriage return (CRLF or CR line ending)", "save it with LF line endings"),
    ("\t", "a tab character", "indent with spaces"),
    ("\ufeff", "a byte order mark (U+FEFF)", "save it as UTF-8 without a BOM"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
#: Markdown empties a line of only spaces; the highlighter drops blank lines at
#: either end of a block.
_SPACES_ONLY = re.compile(r"^[ ]+$", re.M)
_LEADING_BLANK = re.compile(r"\A\n")
_TRAILING_BLANK = re.compile(r"\n\n+\Z")


def _inexact(code: str) -> list[tuple[int, str, str]]:
    """Where ``code`` holds what the Code tab would not show as it is: (offset, what, fix)."""
    found = [(code.index(bad), what, fix) for bad, what, fix in _REFUSED if bad in code]
    if control := _CONTROL.search(code):
        char = control[0]
        found.append((control.start(), f"an invisible control character U+{ord(char):04X}", "remove it "
                      "(write it as an escape such as \\x00 in a string)"))
    if spaces := _SPACES_ONLY.search(code):
        found.append((spaces.start(), "a line of only spaces", "make it empty"))
    if _LEADING_BLANK.search(code):
        found.append((0, "a blank line at the start of the file", "remove it"))
    if trailing := _TRAILING_BLANK.search(code):
        found.append((trailing.start() + 1, "blank lines at the end of the file", "remove them"))
    return sorted(found)


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        self.ids.update(value for name, value in attrs if name == "id" and value)


def element_ids(html: str) -> set[str]:
    """The ``id`` of every element in ``html`` (text that only looks like a tag,
    e.g. in inline code, is text)."""
    parser = _Ids()
    parser.feed(html)
    parser.close()
    return parser.ids


class StlitePlugin(BasePlugin[StliteConfig]):
    def __init__(self) -> None:
        self.snippets_dir = Path()
        self.stlite_dir = Path()
        self.project_dir = Path()
        self.defaults = EmbedOptions()
        self.embeds: dict[str, list[Embed]] = {}
        self.streamlit_version = ""
        self.newest_streamlit = ""
        self.site_url = ""
        self.posters_dir = Path()
        self.posters: dict[tuple[str, int, str], dict] = {}  # (snippet, height, scheme) -> entry
        self.posters_used: set[str] = set()
        self.wheels: list[Path] = []

    # ------------------------------------------------------------------ #
    # Configuration phase
    # ------------------------------------------------------------------ #
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.project_dir = Path(config.config_file_path or ".").resolve().parent
        where = f"{os.path.basename(config.config_file_path or 'mkdocs.yml')}: plugins.stlite"
        self.snippets_dir = (self.project_dir / self.config.snippets_dir).resolve()
        if not self.snippets_dir.is_dir():
            raise PluginError(f"{where}.snippets_dir: folder {self.snippets_dir} does not exist")
        if not self.config.stlite_url:
            self.stlite_dir = build_dir(self.project_dir, self.config.stlite_dir)
            if not (self.stlite_dir / "stlite.js").is_file():
                raise PluginError(
                    f"{where}.stlite_dir: no stlite.js in {self.stlite_dir} "
                    "(run `npm ci`, or set stlite_url)"
                )
        elif not self.config.stlite_url.endswith("/"):
            raise PluginError(f"{where}.stlite_url must end with '/' (a folder holding stlite.js)")
        # Checked by the options' declarations when the config was validated.
        self.defaults = EmbedOptions(**{name: self.config[name] for name in EmbedOptions.names()})
        self.streamlit_version = self.config.streamlit_version or self._bundled_streamlit(where)
        self.wheels = self._wheels(where)
        self.newest_streamlit = self._locked_streamlit(where) if self.config.newest_lock else ""
        self.site_url = config.site_url or ""
        if not self.site_url:
            log.info("site_url is not set: examples get no 'Copy link' button and no absolute URLs")
        missing = [e for e in REQUIRED_EXTENSIONS if e not in config.markdown_extensions]
        if missing:
            raise PluginError(f"{where}: add {', '.join(missing)} to markdown_extensions")
        tabbed = config.mdx_configs.get("pymdownx.tabbed", {})
        if not tabbed.get("alternate_style"):
            raise PluginError(f"{where}: set pymdownx.tabbed alternate_style: true")

        self._read_posters()

        config.extra_css.append(f"{SITE_ASSETS}/embed.css")
        script = ExtraScriptValue(f"{SITE_ASSETS}/embed.js")
        script.type = "module"
        config.extra_javascript.append(script)
        return config

    def _bundled_streamlit(self, where: str) -> str:
        if self.config.stlite_url:
            raise PluginError(f"{where}.streamlit_version must be set when stlite_url is")
        try:
            return bundled_streamlit_version(self.stlite_dir)
        except SourceError as exc:
            raise PluginError(
                f"{where}: cannot tell which Streamlit {self.stlite_dir} bundles ({exc}); "
                "set streamlit_version"
            ) from None

    def _read_posters(self) -> None:
        """The manifest ``./dev posters`` writes; no folder means no posters."""
        self.posters_dir = (self.project_dir / self.config.posters_dir).resolve()
        self.posters = {}
        self.posters_used = set()
        manifest = self.posters_dir / "manifest.json"
        if not manifest.is_file():
            log.info(f"no {manifest}: examples show no poster (run ./dev posters)")
            return
        try:
            entries = json.loads(manifest.read_text(encoding="utf-8"))["posters"]
            for e in entries:
                self.posters[(e["snippet"], int(e["height"]), e["theme"])] = e
        except (ValueError, KeyError, TypeError) as exc:
            raise PluginError(f"{manifest}: not a poster manifest ({exc}); run ./dev posters") from None

    def _wheels(self, where: str) -> list[Path]:
        if not self.config.wheels_dir:
            return []
        folder = (self.project_dir / self.config.wheels_dir).resolve()
        wheels = sorted(folder.glob("*.whl"))
        if not wheels:
            raise PluginError(
                f"{where}.wheels_dir: no wheels in {folder} "
                "(`./dev build` downloads them from browser-wheels.lock)"
            )
        return wheels

    def _locked_streamlit(self, where: str) -> str:
        lock = self.project_dir / self.config.newest_lock
        if not lock.is_file():
            raise PluginError(f"{where}.newest_lock: file {lock} does not exist")
        match = re.search(r"^streamlit==([\w.+-]+)", lock.read_text(encoding="utf-8"), re.M)
        if not match:
            raise PluginError(f"{where}.newest_lock: {lock} has no 'streamlit==' pin")
        return match.group(1)

    # ------------------------------------------------------------------ #
    # Files phase: assets, the stlite build and the snippets join the site
    # ------------------------------------------------------------------ #
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for asset in ("embed.js", "embed.css"):
            files.append(
                File.generated(config, f"{SITE_ASSETS}/{asset}", abs_src_path=str(ASSETS / asset))
            )
        # The example editor: loaded by embed.js only when a reader clicks Edit.
        if not EDITOR_BUNDLE.is_file():
            raise PluginError(
                f"the example editor's bundle {EDITOR_BUNDLE} is missing: "
                "run `npm ci && npm run build:editor` (./dev does it for you)"
            )
        for asset in ("editor.js", "editor.css"):
            files.append(
                File.generated(config, f"{SITE_ASSETS}/{asset}", abs_src_path=str(ASSETS / asset))
            )
        files.append(
            File.generated(
                config, f"{SITE_ASSETS}/{EDITOR_BUNDLE.name}", abs_src_path=str(EDITOR_BUNDLE)
            )
        )
        if not self.config.stlite_url:
            for path in sorted(self.stlite_dir.rglob("*")):
                if path.is_file() and not path.name.endswith(SKIP_SUFFIXES):
                    rel = path.relative_to(self.stlite_dir).as_posix()
                    files.append(
                        File.generated(config, f"{SITE_STLITE}/{rel}", abs_src_path=str(path))
                    )
        for path in self.wheels:
            files.append(
                File.generated(config, f"{SITE_WHEELS}/{path.name}", abs_src_path=str(path))
            )
        for path in sorted(self.snippets_dir.iterdir()):
            # A link could publish any file of the machine as an "example";
            # the folder of a multi-file example is checked file by file.
            inside = links_in(path) if path.is_dir() and not path.is_symlink() else []
            outside = path.is_symlink() or not path.resolve().is_relative_to(self.snippets_dir)
            for link in ([path] if outside else []) + inside:
                raise PluginError(
                    f"{self._shown(link)}: a symbolic link in the snippets folder; "
                    "each snippet must be a regular file inside it"
                )
        # Snippets are published in on_env, once the pages have said which they embed.
        return files

    # ------------------------------------------------------------------ #
    # Page phase: directive -> Markdown -> HTML
    # ------------------------------------------------------------------ #
    def _shown(self, path: Path | str) -> str:
        return os.path.relpath(path, self.project_dir)

    def _where(self, page: Page, line: int) -> str:
        src = page.file.abs_src_path
        shown = self._shown(src) if src else page.file.src_uri
        return f"{shown}:{line}"

    def _read_snippet(self, path: Path, embedded_at: str) -> str:
        """The snippet's text, or a build error naming the file and line.

        The Code tab, the download and the playground link must all carry the
        file exactly; what Markdown or the highlighter would change is refused
        (``_inexact``), and a code block always ends with a newline.
        """
        shown = self._shown(path)
        also = f" (embedded at {embedded_at})"
        data = path.read_bytes()
        try:
            code = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise PluginError(f"{shown}:{line}: not UTF-8 text{also}") from None
        for found, what, fix in _inexact(code):
            line = code[:found].count("\n") + 1
            raise PluginError(
                f"{shown}:{line}: {what}; the Code tab would not show the file exactly, {fix}{also}"
            )
        if not code.endswith("\n"):
            raise PluginError(f"{shown}:{code.count(chr(10)) + 1}: no newline at the end of the file{also}")
        if path.suffix != ".py":  # a data file of a multi-file example
            return code
        try:
            compile(code, str(path), "exec", dont_inherit=True)
        except SyntaxError as exc:
            raise PluginError(f"{shown}:{exc.lineno}: {exc.msg} (Python syntax error){also}") from None
        return code

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        try:
            directives = find_directives(markdown, self.defaults)
        except DirectiveError as exc:
            raise PluginError(f"{self._where(page, exc.line)}: {exc.message}") from None
        if not directives:
            self.embeds.pop(page.file.src_uri, None)
            return markdown
        lines = markdown.split("\n")
        embeds: list[Embed] = []
        seen: dict[str, int] = {}
        for index, d in enumerate(directives):
            path = self.snippets_dir / d.snippet
            if not path.is_file():
                raise PluginError(
                    f"{self._where(page, d.line)}: snippet file {d.snippet!r} not found "
                    f"(looked for {path})"
                )
            if d.snippet in seen:
                raise PluginError(
                    f"{self._where(page, d.line)}: {d.snippet!r} is already embedded on this page "
                    f"at line {seen[d.snippet]}; each example has one place per page"
                )
            seen[d.snippet] = d.line
            code = self._read_snippet(path, self._where(page, d.line))
            site_path = f"{SITE_SNIPPETS}/{d.snippet}"
            multi = self._multi_file(page, d, code) if is_multi_file(d.snippet) else {}
            embed = Embed(
                index=index,
                directive=d,
                code=code,
                src_url=get_relative_url(site_path, page.url),
                public_url=urljoin(self.site_url, site_path) if self.site_url else "",
                poster=self._poster(d.snippet, d.options.height, code, multi.get("files", ()), page),
                **multi,
            )
            embeds.append(embed)
            lines[d.line - 1] = markdown_for(embed)
        self.embeds[page.file.src_uri] = embeds
        self._share_image(page, embeds[0])
        return "\n".join(lines)

    def _poster(
        self, snippet: str, height: int, code: str, files: tuple[tuple[str, str], ...], page: Page
    ) -> Poster | None:
        """The current posters of this snippet at this height, or None (logged).

        Current means drawn from these very bytes: the snippet's (the exact-text
        checks make ``code`` its bytes), and for a multi-file example every file
        of its folder too, as the poster tool records them."""

        def digest(text: str) -> str:
            return hashlib.sha256(text.encode("utf-8")).hexdigest()

        want = {path: digest(text) for path, text in files}
        found = {scheme: self.posters.get((snippet, height, scheme)) for scheme in ("light", "dark")}
        if not all(
            e and e["source_sha256"] == digest(code) and e.get("files_sha256", {}) == want
            for e in found.values()
        ):
            if self.posters:
                log.info(f"{snippet} (height {height}) has no current poster; run ./dev posters")
            return None
        files = [found[scheme]["file"] for scheme in ("light", "dark")]
        if not all((self.posters_dir / f).is_file() for f in files):
            log.info(f"{snippet}: a poster file listed in the manifest is missing; run ./dev posters")
            return None
        self.posters_used.update(files)
        light, dark = (get_relative_url(f"{SITE_POSTERS}/{f}", page.url) for f in files)
        entry = found["light"]
        return Poster(light, dark, int(entry["width"]), int(entry["height"]), poster_alt(code, snippet))

    def _share_image(self, page: Page, first: Embed) -> None:
        """The page's preview card shows its first example (light scheme)."""
        if not (self.site_url and first.poster):
            return
        entry = self.posters[(first.directive.snippet, first.directive.options.height, "light")]
        page.meta["share_image"] = urljoin(self.site_url, f"{SITE_POSTERS}/{entry['file']}")
        page.meta["share_image_width"] = first.poster.width
        page.meta["share_image_height"] = first.poster.height
        page.meta["share_image_alt"] = first.poster.alt

    def _multi_file(self, page: Page, d, entry_code: str) -> dict:
        """The extra Embed fields of a multi-file example: every file of its folder,
        each read with a snippet's exact-text checks; bad files stop the build."""
        where = self._where(page, d.line)
        try:
            check_pages(self.snippets_dir, d.snippet, entry_code)
        except ExampleError as exc:
            shown = self._shown(self.snippets_dir / exc.file)
            raise PluginError(f"{where}: in {shown}:{exc.line}: {exc.message}") from None
        folder = folder_of(d.snippet)
        entry = d.snippet.split("/", 1)[1]
        paths = folder_paths(self.snippets_dir / folder, entry)
        return {
            "files": tuple(
                (p, self._read_snippet(self.snippets_dir / folder / p, where)) for p in paths
            ),
            "file_urls": tuple(
                get_relative_url(f"{SITE_SNIPPETS}/{folder}/{p}", page.url) for p in paths
            ),
            "zip_url": get_relative_url(f"{SITE_SNIPPETS}/{folder}.zip", page.url),
        }

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        embeds = self.embeds.get(page.file.src_uri)
        if not embeds:
            return html
        runtime = self._runtime(page)
        done = [(int(m["index"]), m["part"]) for m in PLACEHOLDER_HTML.finditer(html)]

        def replace(match) -> str:
            embed = embeds[int(match["index"])]
            return html_for(embed, match["part"], runtime)

        for embed in embeds:
            self._check_placed(page, embed, html, done)
            self._check_code_tab(page, embed, html)
        self._check_anchors(page, embeds, element_ids(html))
        html = PLACEHOLDER_HTML.sub(replace, exclude_listings_from_search(html))
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.update(e.anchor for e in embeds)
        return html

    def _check_anchors(self, page: Page, embeds: list[Embed], taken: set[str]) -> None:
        """Each embed's anchor is its own on the page: no other embed's, no
        heading's (``taken``: the ids of the page without its embeds)."""
        owners: dict[str, Embed] = {}
        for embed in embeds:
            d, anchor = embed.directive, embed.anchor
            if anchor in owners:
                other = owners[anchor].directive
                raise PluginError(
                    f"{self._where(page, d.line)}: {d.snippet!r} and {other.snippet!r} (line "
                    f"{other.line}) both get the anchor #{anchor} on this page, so a link to one "
                    "would open the other; rename one of the files"
                )
            if anchor in taken:
                raise PluginError(
                    f"{self._where(page, d.line)}: the embed of {d.snippet!r} gets the anchor "
                    f"#{anchor}, which something else on this page (a heading?) already has, so a "
                    "link to one would open the other; give the heading its own id ({#...}) or "
                    "rename the snippet"
                )
            owners[anchor] = embed

    def _check_placed(self, page: Page, embed: Embed, html: str, done: list) -> None:
        if all(done.count((embed.index, part)) == 1 for part in ("OPEN", "APP", "CLOSE")):
            return
        where = f"{self._where(page, embed.directive.line)}: the embed of {embed.directive.snippet!r}"
        found = html.find(PLACEHOLDER.format(index=embed.index, part="OPEN"))
        if found >= 0 and html.rfind("<pre", 0, found) > html.rfind("</pre>", 0, found):
            raise PluginError(
                f"{where} ended up inside a code block: Markdown reads a line indented by "
                "4 spaces as code unless it continues a list item, an admonition or a tab. "
                "Remove the indent to embed it, or fence it with ``` to show the syntax"
            )
        raise PluginError(
            f"{where} could not be placed here; put the ::stlite line on its own, "
            "with blank lines around it"
        )

    def _check_code_tab(self, page: Page, embed: Embed, html: str) -> None:
        """The Code tab shows each file exactly, or the build stops."""
        start = html.index(PLACEHOLDER.format(index=embed.index, part="OPEN"))
        end = html.index(PLACEHOLDER.format(index=embed.index, part="APP"), start)
        blocks = re.findall(r"<code>(.*?)</code>", html[start:end], re.S)
        shown = [html_lib.unescape(re.sub(r"<[^>]+>", "", block)) for block in blocks]
        folder = folder_of(embed.directive.snippet)
        expected = (
            [(f"{folder}/{path}", code) for path, code in embed.files]
            if embed.files
            else [(embed.directive.snippet, embed.code)]
        )
        for number, (name, code) in enumerate(expected):
            if number >= len(shown) or shown[number] != code:
                got = shown[number].split("\n") if number < len(shown) else []
                want = code.split("\n")
                pairs = enumerate(zip(got, want), start=1)
                line = next((n for n, (a, b) in pairs if a != b), min(len(got), len(want)) + 1)
                raise PluginError(
                    f"{self._where(page, embed.directive.line)}: the Code tab would not show "
                    f"{name!r} exactly as the file is (it differs from line {line} of the file)"
                )

    def _runtime(self, page: Page) -> Runtime:
        if self.config.stlite_url:
            module_url = self.config.stlite_url + "stlite.js"
        else:
            module_url = get_relative_url(f"{SITE_STLITE}/stlite.js", page.url)
        return Runtime(
            module_url=module_url,
            pyodide_url=self.config.pyodide_url,
            shared_worker=self.config.shared_worker,
            page_url=page.canonical_url or "",
            streamlit_version=self.streamlit_version,
            newest_streamlit=self.newest_streamlit,
            playground_url=self.config.playground_url,
            wheel_urls=tuple(
                get_relative_url(f"{SITE_WHEELS}/{w.name}", page.url) for w in self.wheels
            ),
        )

    # ------------------------------------------------------------------ #
    # Site phase: publish the snippets the pages embed, and only those
    # ------------------------------------------------------------------ #
    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        used = {e.directive.snippet: e for embeds in self.embeds.values() for e in embeds}
        for name in sorted(used):
            if not used[name].files:
                path = self.snippets_dir / name
                files.append(File.generated(config, f"{SITE_SNIPPETS}/{name}", abs_src_path=str(path)))
                continue
            # A multi-file example: each of its files (as read and checked), and
            # all of them as <folder>.zip.
            folder = folder_of(name)
            for path, code in used[name].files:
                files.append(
                    File.generated(
                        config, f"{SITE_SNIPPETS}/{folder}/{path}", content=code.encode("utf-8")
                    )
                )
            files.append(
                File.generated(
                    config, f"{SITE_SNIPPETS}/{folder}.zip", content=example_zip(folder, used[name].files)
                )
            )
        return env

    # ------------------------------------------------------------------ #
    # Post-build phase: the posters the pages show join the site
    # ------------------------------------------------------------------ #
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        target = Path(config.site_dir) / SITE_POSTERS
        target.mkdir(parents=True, exist_ok=True)
        for name in sorted(self.posters_used):
            shutil.copyfile(self.posters_dir / name, target / name)

    # ------------------------------------------------------------------ #
    # Serve phase
    # ------------------------------------------------------------------ #
    def on_serve(self, server, *, config: MkDocsConfig, builder):
        server.watch(str(self.snippets_dir))
        server.watch(str(ASSETS))
        if self.posters_dir.is_dir():
            server.watch(str(self.posters_dir))
        return server
