"""Site hook: how much each page weighs in Material's search.

Material ranks a page higher or lower by ``search: boost:`` in its meta; the
weights are kept here, in one place, rather than in each page's front matter.
A page not listed weighs 1. A listed page that no longer exists stops the
build (strict mode turns the warning into an error).
"""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = get_plugin_logger("search_weights")

WEIGHTS = {
    # An index of quoted messages, each linking to its answer: the answer
    # pages rank above it for the same words.
    "errors.md": 0.5,
    # The answer about buttons and reruns: first for "button rerun".
    "button-state.md": 1.5,
}


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for name in WEIGHTS:
        if files.get_file_from_path(name) is None:
            log.warning(f"hooks/search_weights.py: no page {name} to weigh")
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    weight = WEIGHTS.get(page.file.src_uri)
    if weight is not None:
        page.meta.setdefault("search", {}).setdefault("boost", weight)
    return markdown
