"""Options of the ``stlite`` plugin, as written under ``plugins:`` in mkdocs.yml."""
from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class StliteConfig(base.Config):
    #: Folder of snippet files (one standalone Streamlit app per ``.py``),
    #: relative to mkdocs.yml. Embeds name files in it; used ones are copied
    #: to ``<site>/snippets/`` so the live app fetches the bytes the page shows.
    snippets_dir = c.Type(str, default="snippets")

    #: Folder holding the ``@stlite/browser`` build, relative to mkdocs.yml.
    #: Copied to ``<site>/assets/stlite/`` (without source maps and type
    #: declarations) unless ``stlite_url`` is set.
    stlite_dir = c.Type(str, default="node_modules/@stlite/browser/build")

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

    #: Base of the "Open in playground" link; the snippet's code is appended
    #: URL-encoded after ``#code=``. Empty: no playground link.
    playground_url = c.Type(str, default="https://share.stlite.net/")

    #: Defaults for the per-embed options (see ``directive.EmbedOptions``).
    height = c.Type(int, default=420)
    open = c.Choice(("live", "code"), default="live")
    layout = c.Choice(("tabs", "side"), default="tabs")
