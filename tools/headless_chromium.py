"""Which Chromium the tests and tools drive, and the flags it needs here.

One place for both, used by tests/conftest.py, tools/bench.py and
tools/posters.py.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

# Flags for a headless Chromium on a machine with a closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_executable() -> str | None:
    """Debian's Chromium (or $CHROMIUM); None lets Playwright use its own download."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None
