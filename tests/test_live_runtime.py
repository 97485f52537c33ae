"""Opt-in: boot real live apps in the page (needs the Pyodide CDN).

    ./dev test --live -k live -s

Not part of the default run: where the CDN can't be reached (this project's
CI) a live app cannot boot, and this test fails loudly instead of skipping.
"""
from __future__ import annotations

import time
import urllib.request

import pytest

from conftest import STLITE_BUILD
from mkdocs_stlite.sources import default_pyodide_url

pytestmark = [pytest.mark.live, pytest.mark.browser]

BOOT_TIMEOUT_MS = 180_000


@pytest.fixture(scope="module")
def cdn_reachable():
    url = default_pyodide_url(STLITE_BUILD)
    try:
        with urllib.request.urlopen(url, timeout=15) as response:
            response.read(1)
    except OSError as exc:
        pytest.fail(
            f"--live asks for the Pyodide CDN, but {url} cannot be reached ({exc}). "
            "Run it on a machine with internet access.",
            pytrace=False,
        )
    return url


def caption(app, prefix: str):
    return app.locator("[data-testid=stCaptionContainer]", has_text=prefix)


def test_live_apps_boot_rerun_and_share_one_worker(cdn_reachable, served_site, page):
    """Two examples on one page boot in the reader's browser; a click reruns the first."""
    page.goto(served_site + "session-state/")
    apps = page.locator(".stlite-embed__app")
    assert apps.count() >= 2

    start = time.perf_counter()
    first = apps.nth(0)
    first.scroll_into_view_if_needed()
    expect_runs = caption(first, "Script runs this session: 1")
    expect_runs.wait_for(timeout=BOOT_TIMEOUT_MS)
    first_ready = time.perf_counter() - start
    # The poster (the picture shown while Python starts) has given way to the app.
    first.locator(".stlite-embed__poster").wait_for(state="hidden", timeout=10_000)

    first.get_by_role("button", name="Increment").click()
    caption(first, "Script runs this session: 2").wait_for(timeout=30_000)
    assert first.get_by_text("Count: 1").count() == 1

    second = apps.nth(1)
    second.scroll_into_view_if_needed()
    caption(second, "Script runs this session: 1").wait_for(timeout=BOOT_TIMEOUT_MS)
    second_ready = time.perf_counter() - start
    print(f"\nfirst app ready after {first_ready:.1f} s; second app ready after {second_ready:.1f} s")
