"""Site hook: the site serves its own copy of Mermaid for its diagrams.

Material draws every ```` ```mermaid ```` fence (``pre.mermaid``) with the
global ``mermaid`` object, and fetches Mermaid from a public CDN when there is
none. ``docs/assets/diagrams/diagrams.js`` defines that global as a small
stand-in that loads the real library from this site the first time a page
asks for a diagram, so pages without diagrams never load it and no page asks a
third party for it.

This hook puts the pinned build (``mermaid`` in package.json, installed into
node_modules by ``npm ci``) next to that script in the built site, and keeps
each diagram's source text out of the search index.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parents[1]
MERMAID = ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
#: Where the library lands in the site: beside the stand-in that loads it.
SITE_PATH = "assets/diagrams/mermaid.min.js"
#: A diagram's source as pymdownx.superfences writes it (mkdocs.yml, custom_fences).
DIAGRAM = '<pre class="mermaid">'


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if not MERMAID.is_file():
        raise PluginError(
            f"hooks/diagrams.py: {MERMAID.relative_to(ROOT)} is missing; run `npm ci` "
            "(./dev does it) to install the Mermaid build the site serves"
        )
    files.append(File.generated(config, SITE_PATH, abs_src_path=str(MERMAID)))
    return files


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Search runs later (on_page_context) and skips elements with this attribute.
    return html.replace(DIAGRAM, '<pre class="mermaid" data-search-exclude>')
