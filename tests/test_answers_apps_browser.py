"""The claims of the multipage and query-parameter answers that need a browser.

AppTest can select a page and start a run with query parameters, but it does
not click Streamlit's own navigation links and it does not have an address
bar. Here the examples run under real ``streamlit run`` (the multipage one
from its entry file, with its pages folder next to it) and Chromium drives
them as a reader would: page links, a select box, a reload.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from streamlit_page import RUN_TIMEOUT_MS, expect_run, open_snippet, output
from streamlit_server import streamlit_app  # noqa: F401

pytestmark = pytest.mark.browser


def choose(page: Page, label: str, option: str) -> None:
    page.get_by_test_id("stSelectbox").filter(has_text=label).click()
    page.get_by_role("option", name=option, exact=True).click()


def go_to(page: Page, title: str) -> None:
    page.get_by_test_id("stTopNavLink").filter(has_text=title).first.click()


@pytest.mark.parametrize(
    ("example", "report", "back_on_pick"),
    [
        ("multipage_value_lost", "Report for: (nothing picked)", "Picked: Lisbon"),
        ("multipage_keep_values", "Report for: Oslo", "City (chosen above, in the entry file): Oslo"),
    ],
)
def test_page_links_switch_pages_and_values_behave_as_the_page_says(
    streamlit_app, page, example, report, back_on_pick  # noqa: F811
):
    open_snippet(page, streamlit_app(f"{example}/streamlit_app"))
    expect(page.get_by_role("heading", name="Pick")).to_be_visible()
    choose(page, "City", "Oslo")
    expect_run(page, 2)
    go_to(page, "Report")
    # The entry file ran again for the switch, then the Report page.
    expect_run(page, 3)
    # Unlike AppTest, the real page switch already lacks a page's widget value
    # on the first run of the new page.
    expect(output(page, "Report for:")).to_have_text(report)
    page.get_by_role("button", name="Refresh").click()
    expect_run(page, 4)
    expect(output(page, "Report for:")).to_have_text(report)
    go_to(page, "Pick")
    expect_run(page, 5)
    first_word = back_on_pick.split()[0]
    expect(output(page, first_word)).to_have_text(back_on_pick)


def test_bound_select_box_writes_the_url_and_a_reload_keeps_the_choice(streamlit_app, page):  # noqa: F811
    url = streamlit_app("query_params_bind_widget")
    open_snippet(page, url)
    assert "city=" not in page.url
    choose(page, "City", "Oslo")
    expect(page).to_have_url(re.compile(r"[?&]city=Oslo\b"), timeout=RUN_TIMEOUT_MS)
    page.reload()
    expect_run(page, 1)  # a new session...
    expect(output(page, "Weather for")).to_have_text("Weather for Oslo")  # ...on Oslo again
    choose(page, "City", "Lisbon")
    expect(output(page, "Weather for")).to_have_text("Weather for Lisbon")
    # Back to the default: the parameter leaves the URL.
    expect(page).not_to_have_url(re.compile(r"city="), timeout=RUN_TIMEOUT_MS)



# --- data-editor.md: edits typed into the grid, as a reader does ----------------
# The grid is drawn on a canvas: a cell is reached by its position. Streamlit's
# default row height is 35 px and the header row is one row high.
ROW_PX = 35


def edit_qty(page: Page, row: int, value: int, run: int) -> None:
    """Type ``value`` into the qty cell of ``row`` (0-based); wait for the run it starts."""
    editor = page.locator("input.gdg-input")
    # Typing on a selected cell opens its editor, an input over the canvas. Right
    # after a run the grid may not take the click yet: then no editor opens, and
    # the click is made again.
    for _ in range(3):
        grid = page.get_by_test_id("stDataFrame").bounding_box()
        page.mouse.click(grid["x"] + grid["width"] * 0.75, grid["y"] + ROW_PX * (row + 1) + ROW_PX / 2)
        page.keyboard.type(str(value))
        try:
            editor.wait_for(state="visible", timeout=3000)
            break
        except PlaywrightTimeoutError:
            continue
    # A cell that was already selected opens with its old value in front: set it
    # whole. An editor that has just opened may still apply the opening keystroke
    # after the fill (the field then shows it twice): the value is set again then,
    # as a reader would correct the field.
    for _ in range(3):
        editor.fill(str(value))
        try:
            expect(editor).to_have_value(str(value), timeout=1500)
            break
        except AssertionError:
            continue
    expect(editor).to_have_value(str(value))
    page.keyboard.press("Enter")
    expect_run(page, run)


@pytest.mark.parametrize(
    ("example", "totals"),
    [
        # 5 kept, 7 reverted, 4 kept, 2 reverted: every second edit is lost.
        ("data_editor_feedback_loses_edits", ["Total: 7", "Total: 7", "Total: 10", "Total: 10"]),
        # Every edit kept: 5+1+1, 5+7+1, 5+7+4, 2+7+4.
        ("data_editor_fixed_input_keyed", ["Total: 7", "Total: 13", "Total: 16", "Total: 13"]),
    ],
)
def test_data_editor_edits_typed_in_the_grid(streamlit_app, page, example, totals):  # noqa: F811
    open_snippet(page, streamlit_app(example))
    expect(output(page, "Total")).to_have_text("Total: 3")
    for run, ((row, value), total) in enumerate(zip([(0, 5), (1, 7), (2, 4), (0, 2)], totals), start=2):
        edit_qty(page, row, value, run)
        expect(output(page, "Total")).to_have_text(total)


# --- tabs-expanders.md ------------------------------------------------------------


def test_clicking_a_tracked_tab_reruns_and_builds_only_that_tab(streamlit_app, page):  # noqa: F811
    open_snippet(page, streamlit_app("tabs_on_change_lazy"))
    expect(output(page, "Sales built")).to_have_text("Sales built 1 time(s)")
    page.get_by_role("tab", name="Costs").click()
    expect_run(page, 2)
    expect(output(page, "Costs built")).to_have_text("Costs built 1 time(s)")
    expect(output(page, "Sales built")).to_have_count(0)
