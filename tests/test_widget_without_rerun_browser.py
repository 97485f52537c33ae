"""widget-without-rerun.md's claim, checked in real Streamlit through Chromium.

The page's `on_change="ignore"` example needs Streamlit 1.64.0 or later, so it
can't be a live example (those run 1.62.0) and isn't a snippet: this module
takes the code block from the page's "Also after" section as it is, writes it
to a temporary file and serves it with ``streamlit run`` from the newest
release (``.venv-newest``), whatever ``--streamlit`` says. AppTest can't show
this claim, since it reruns the script on every ``.run()``.

"Nothing reran" is proved as in the other browser modules: every rerun starts
with a ``rerunScript`` message the page sends, and once a later run (the
button's) is visible, every message sent before it is in the record.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import DOCS
from streamlit_page import SCRIPT_RUNS, expect_counter, expect_run, open_snippet, output
from streamlit_server import PYTHONS, start_server, stop_server, streamlit_version

pytestmark = pytest.mark.browser

PAGE = DOCS / "widget-without-rerun.md"
SECTION = "{#with-ignore}"


def example_code() -> str:
    """The Python block of the page's "Also after" section, exactly as shown."""
    text = PAGE.read_text(encoding="utf-8")
    section = text[text.index(SECTION) :]
    section = section[: section.index("\n## ")]
    blocks = re.findall(r"^```python\n(.*?)^```$", section, re.S | re.M)
    assert len(blocks) == 1, f"{PAGE.name}: one Python block under {SECTION}"
    return blocks[0]


@pytest.fixture(scope="module")
def ignore_app(tmp_path_factory):
    python = PYTHONS["newest"]
    if not python.exists():
        pytest.fail(f"{python} is missing; ./dev test sets up .venv-newest", pytrace=False)
    folder = tmp_path_factory.mktemp("ignore-app")
    app = folder / "widget_without_rerun_ignore.py"
    app.write_text(example_code(), encoding="utf-8")
    server = start_server(app, folder, python)
    try:
        yield server.url, streamlit_version(python)
    finally:
        _, left = stop_server(server)
        assert not left, f"processes survived the kill of their group: {left}"


def test_the_test_serves_the_pages_block():
    code = example_code()
    assert code.count('on_change="ignore"') == 2 and 'st.button("Search"' in code


def test_ignored_changes_send_no_rerun_and_the_next_click_delivers_them(ignore_app, page: Page):
    """Claim (widget-without-rerun.md#with-ignore): "Drag the slider and pick
    another city: the run counter stays at 1. Press Search: the script runs
    once and sees both new values."
    """
    url, version = ignore_app
    log = open_snippet(page, url)
    expect(output(page, "Pick a price")).to_be_visible()

    slider = page.get_by_role("slider")
    slider.focus()
    slider.press("End")  # the keyboard moves the thumb to the maximum
    expect(slider).to_have_attribute("aria-valuetext", "100")

    page.get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name="Lima").click()
    expect(page.get_by_role("combobox", name="City")).to_have_value("Lima")

    page.get_by_role("button", name="Search", exact=True).click()
    expect_run(page, 2)
    # The run the click started sees both values the script was never sent before.
    expect(output(page, "Searching")).to_have_text("Searching Lima under 100")
    expect_counter(page, SCRIPT_RUNS, 2)

    # Every request sent before that visible run is in the log: only the click's.
    assert log.count() == 2, f"on Streamlit {version} an ignored change asked for a rerun"
    assert log.triggers(1) == ["search"]
    states = {
        w.id.rsplit("-", 1)[-1]: w for w in log.requests()[1].rerun_script.widget_states.widgets
    }
    assert list(states["price"].double_array_value.data) == [100.0]
