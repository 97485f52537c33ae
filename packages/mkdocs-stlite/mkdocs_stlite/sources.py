"""What the plugin reads from a project, in one place: the stlite build it
serves, the Streamlit that build bundles, the Pyodide URL the build loads, and
which snippets a page embeds.

The plugin uses these, and so do the project's tests and tools, instead of
working the same facts out again.
"""
from __future__ import annotations

import base64
import re
import zipfile
from pathlib import Path

from .directive import find_directives

#: Where ``npm ci`` puts the ``@stlite/browser`` build, relative to mkdocs.yml.
DEFAULT_BUILD_DIR = "node_modules/@stlite/browser/build"

PYODIDE_URL = re.compile(r"https://[^\s\"'`]+/pyodide\.mjs")
INLINED_SCRIPT = re.compile(r"data:text/javascript;base64,([A-Za-z0-9+/=]+)")


class SourceError(ValueError):
    """A fact cannot be read from the project; the message says what is missing."""


def build_dir(project_dir: Path, configured: str = DEFAULT_BUILD_DIR) -> Path:
    """The stlite build folder (holding ``stlite.js``) of the project at ``project_dir``."""
    return (Path(project_dir) / configured).resolve()


def bundled_streamlit_version(build: Path) -> str:
    """The version of the one Streamlit wheel inside the stlite build, from its metadata."""
    wheels = sorted((build / "wheels").glob("streamlit-*.whl"))
    if len(wheels) != 1:
        raise SourceError(f"expected one streamlit wheel in {build / 'wheels'}, found {len(wheels)}")
    with zipfile.ZipFile(wheels[0]) as whl:
        metadata = [n for n in whl.namelist() if n.endswith(".dist-info/METADATA")]
        version = re.search(r"^Version: (\S+)", whl.read(metadata[0]).decode(), re.M) if metadata else None
    if not version:
        raise SourceError(f"no version in the metadata of {wheels[0]}")
    return version.group(1)


def default_pyodide_url(build: Path) -> str:
    """The ``pyodide.mjs`` URL stlite loads when ``pyodide_url`` is not set.

    stlite's worker is inlined in its bundle as a base64 ``data:`` URL, so the
    scripts inlined that way are searched as well as the chunks themselves.
    """
    for chunk in sorted(build.glob("*.js")):
        text = chunk.read_text(encoding="utf-8", errors="ignore")
        sources = [text] + [
            base64.b64decode(blob).decode("utf-8", "ignore") for blob in INLINED_SCRIPT.findall(text)
        ]
        for source in sources:
            found = PYODIDE_URL.search(source)
            if found:
                return found.group(0)
    raise SourceError(f"no pyodide.mjs URL in the scripts of {build}")


def embedded_snippets(markdown: str) -> list[str]:
    """The snippet files a page's Markdown embeds, in order (what the build embeds)."""
    return [d.snippet for d in find_directives(markdown)]
