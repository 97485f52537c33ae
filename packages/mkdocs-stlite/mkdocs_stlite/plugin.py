"""The ``stlite`` MkDocs plugin: its events, grouped by build phase."""
from __future__ import annotations

import os
import re
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
from .directive import DirectiveError, EmbedOptions, find_directives
from .render import PLACEHOLDER_HTML, Embed, Runtime, html_for, markdown_for

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parent / "assets"
#: Where the plugin puts things in the built site.
SITE_ASSETS = "assets/stlite-embed"
SITE_STLITE = "assets/stlite"
SITE_SNIPPETS = "snippets"
SITE_WHEELS = "assets/stlite-wheels"
#: Files of the stlite build that a browser never needs.
SKIP_SUFFIXES = (".map", ".d.ts")
REQUIRED_EXTENSIONS = ("pymdownx.superfences", "pymdownx.tabbed")


class StlitePlugin(BasePlugin[StliteConfig]):
    def __init__(self) -> None:
        self.snippets_dir = Path()
        self.stlite_dir = Path()
        self.project_dir = Path()
        self.defaults = EmbedOptions(height=420, open="live", layout="tabs")
        self.embeds: dict[str, list[Embed]] = {}
        self.streamlit_version = ""
        self.site_url = ""
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
            self.stlite_dir = (self.project_dir / self.config.stlite_dir).resolve()
            if not (self.stlite_dir / "stlite.js").is_file():
                raise PluginError(
                    f"{where}.stlite_dir: no stlite.js in {self.stlite_dir} "
                    "(run `npm ci`, or set stlite_url)"
                )
        elif not self.config.stlite_url.endswith("/"):
            raise PluginError(f"{where}.stlite_url must end with '/' (a folder holding stlite.js)")
        self.defaults = EmbedOptions(
            height=self.config.height, open=self.config.open, layout=self.config.layout
        )
        self.streamlit_version = self.config.streamlit_version or self._bundled_streamlit(where)
        self.wheels = self._wheels(where)
        self.site_url = config.site_url or ""
        if not self.site_url:
            log.info("site_url is not set: examples get no 'Copy link' button and no absolute URLs")
        if not self.defaults.height >= 120:
            raise PluginError(f"{where}.height must be at least 120 pixels")
        missing = [e for e in REQUIRED_EXTENSIONS if e not in config.markdown_extensions]
        if missing:
            raise PluginError(f"{where}: add {', '.join(missing)} to markdown_extensions")
        tabbed = config.mdx_configs.get("pymdownx.tabbed", {})
        if not tabbed.get("alternate_style"):
            raise PluginError(f"{where}: set pymdownx.tabbed alternate_style: true")

        config.extra_css.append(f"{SITE_ASSETS}/embed.css")
        script = ExtraScriptValue(f"{SITE_ASSETS}/embed.js")
        script.type = "module"
        config.extra_javascript.append(script)
        return config

    def _bundled_streamlit(self, where: str) -> str:
        if self.config.stlite_url:
            raise PluginError(f"{where}.streamlit_version must be set when stlite_url is")
        wheels = sorted((self.stlite_dir / "wheels").glob("streamlit-*.whl"))
        match = re.match(r"streamlit-([^-]+)-", wheels[0].name) if len(wheels) == 1 else None
        if not match:
            raise PluginError(
                f"{where}: cannot tell which Streamlit {self.stlite_dir} bundles; "
                "set streamlit_version"
            )
        return match.group(1)

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

    # ------------------------------------------------------------------ #
    # Files phase: assets, the stlite build and the snippets join the site
    # ------------------------------------------------------------------ #
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for asset in ("embed.js", "embed.css"):
            files.append(
                File.generated(config, f"{SITE_ASSETS}/{asset}", abs_src_path=str(ASSETS / asset))
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
        for path in sorted(self.snippets_dir.glob("*.py")):
            files.append(
                File.generated(config, f"{SITE_SNIPPETS}/{path.name}", abs_src_path=str(path))
            )
        return files

    # ------------------------------------------------------------------ #
    # Page phase: directive -> Markdown -> HTML
    # ------------------------------------------------------------------ #
    def _where(self, page: Page, line: int) -> str:
        src = page.file.abs_src_path
        shown = os.path.relpath(src, self.project_dir) if src else page.file.src_uri
        return f"{shown}:{line}"

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
            code = path.read_text(encoding="utf-8")
            site_path = f"{SITE_SNIPPETS}/{d.snippet}"
            embed = Embed(
                index=index,
                directive=d,
                code=code,
                src_url=get_relative_url(site_path, page.url),
                public_url=urljoin(self.site_url, site_path) if self.site_url else "",
            )
            embeds.append(embed)
            lines[d.line - 1] = markdown_for(embed)
        self.embeds[page.file.src_uri] = embeds
        return "\n".join(lines)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        embeds = self.embeds.get(page.file.src_uri)
        if not embeds:
            return html
        runtime = self._runtime(page)
        done: list[tuple[int, str]] = []

        def replace(match) -> str:
            embed = embeds[int(match["index"])]
            done.append((embed.index, match["part"]))
            return html_for(embed, match["part"], runtime)

        html = PLACEHOLDER_HTML.sub(replace, html)
        for embed in embeds:
            for part in ("OPEN", "APP", "CLOSE"):
                if done.count((embed.index, part)) != 1:
                    raise PluginError(
                        f"{self._where(page, embed.directive.line)}: the embed of "
                        f"{embed.directive.snippet!r} could not be placed here; put the "
                        "::stlite line on its own, with blank lines around it"
                    )
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.update(e.anchor for e in embeds)
        return html

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
            playground_url=self.config.playground_url,
            wheel_urls=tuple(
                get_relative_url(f"{SITE_WHEELS}/{w.name}", page.url) for w in self.wheels
            ),
        )

    # ------------------------------------------------------------------ #
    # Serve phase
    # ------------------------------------------------------------------ #
    def on_serve(self, server, *, config: MkDocsConfig, builder):
        server.watch(str(self.snippets_dir))
        server.watch(str(ASSETS))
        return server
