"""Options of the ``stlite`` plugin, as written under ``plugins:`` in mkdocs.yml."""
from __future__ import annotations

from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from .options import EmbedOptions, OptionError
from .sources import DEFAULT_BUILD_DIR


class EmbedDefault(c.BaseConfigOption):
    """The site-wide default of a per-embed option: its default value, its check
    and its documentation are the option's one declaration in ``options.py``."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.default = EmbedOptions.default(name)
        self.__doc__ = EmbedOptions.doc(name)

    def run_validation(self, value: Any) -> Any:
        try:
            return EmbedOptions.check(self.name, value)
        except OptionError as exc:
            raise c.ValidationError(exc.message) from None


class StliteConfig(base.Config):
    #: Folder of snippet files (one standalone Streamlit app per ``.py``),
    #: relative to mkdocs.yml. Embeds name files in it. Only the files a page
    #: embeds are published, to ``<site>/snippets/``, so the live app fetches
    #: the bytes the page shows. Each must be a regular file in this folder
    #: (no symbolic link), UTF-8 with LF line endings, no tab characters and
    #: a final newline (so the Code tab, the download and the playground link
    #: all carry the file exactly), and valid Python; otherwise the build
    #: stops naming the file and line.
    snippets_dir = c.Type(str, default="snippets")

    #: Folder holding the ``@stlite/browser`` build, relative to mkdocs.yml.
    #: Copied to ``<site>/assets/stlite/`` (without source maps and type
    #: declarations) unless ``stlite_url`` is set.
    stlite_dir = c.Type(str, default=DEFAULT_BUILD_DIR)

    #: Base URL to load stlite from instead of the copy in the site, e.g. a
    #: CDN folder ending in ``/``. Empty: the site's own copy.
    stlite_url = c.Type(str, default="")

    #: URL of ``pyodide.mjs`` for the live apps. Empty: the one stlite picks.
    pyodide_url = c.Type(str, default="")

    #: Folder of pure-Python wheels (relative to mkdocs.yml) that the live apps
    #: install at boot, before micropip resolves Streamlit's dependencies, so it
    #: never asks the package index for them. Copied to
    #: ``<site>/assets/stlite-wheels/``. `./dev` fills it from
    #: browser-wheels.lock. Empty: none (micropip fetches what Pyodide lacks).
    wheels_dir = c.Type(str, default="")

    #: Run all live apps of a page in one Pyodide worker (falls back to one
    #: worker per app where SharedWorker is missing).
    shared_worker = c.Type(bool, default=True)

    #: Streamlit version a reader should install to run an example at home
    #: (shown in each example's "Run locally" line). Empty: the version of the
    #: Streamlit wheel inside ``stlite_dir``, i.e. the one the live app runs.
    streamlit_version = c.Type(str, default="")

    #: A pip lock file, relative to mkdocs.yml, pinning the newest Streamlit
    #: release the examples are also tested on (``streamlit==X`` on a line of
    #: its own). Each "Run locally" line then names both versions ("tested on
    #: Streamlit 1.62.0 and 1.67.0"). A missing file or pin fails the build.
    #: Empty: the line names ``streamlit_version`` alone.
    newest_lock = c.Type(str, default="")

    #: Base of the "Open in playground" link; the snippet's code is appended
    #: URL-encoded after ``#code=``. Empty: no playground link.
    playground_url = c.Type(str, default="https://share.stlite.net/")

    #: Folder of posters, relative to mkdocs.yml: each example's first frame
    #: drawn by ``tools/posters.py`` (``./dev posters``), listed in its
    #: ``manifest.json``. An embed whose snippet has current posters shows
    #: them until its app is ready, and a page's preview card shows its first
    #: example. Missing folder or poster: the embed works without one.
    posters_dir = c.Type(str, default="posters")

    #: Site-wide defaults of the per-embed options. Each is declared once, with
    #: its default, its check and its documentation, in ``options.EmbedOptions``;
    #: a page's ``{height=...}`` goes through the same declaration.
    height = EmbedDefault("height")  #: see ``EmbedOptions.height``
    open = EmbedDefault("open")  #: see ``EmbedOptions.open``
