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


# Debian's packages. The old headless shell ("chromium-headless-shell", the
# engine without the browser around it, which is also what Playwright drives
# in headless mode) needs about half the CPU of the full browser for the same
# page, and the tests are CPU-bound on 2 cores; the full browser works too.
HEADLESS_SHELL = ("/usr/lib/chromium/chromium-headless-shell", "/usr/bin/chromium-headless-shell")
FULL_BROWSER = ("/usr/bin/chromium",)


def chromium_executable() -> str | None:
    """$CHROMIUM, else Debian's headless shell, else Debian's Chromium; None lets
    Playwright use its own download."""
    candidates = (os.environ.get("CHROMIUM"), *HEADLESS_SHELL, *FULL_BROWSER, shutil.which("chromium"))
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            return candidate
    return None
