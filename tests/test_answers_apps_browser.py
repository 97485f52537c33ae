"""The claims of the multipage and query-parameter answers that need a browser.

AppTest can select a page and start a run with query parameters, but it does
not click Streamlit's own navigation links and it does not have an address
bar. Here the examples run under real ``streamlit run`` (the multipage one
from its entry file, with its pages folder next to it) and Chromium drives
them as a reader would: page links, a select box, a reload. The data editor,
tab, selection and refresh answers follow, and the long-work answer's click
made while a run is still under way, which AppTest cannot make.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

import streamlit_page as sp
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
    sp.open_snippet(page, streamlit_app(f"{example}/streamlit_app"))
    expect(page.get_by_role("heading", name="Pick")).to_be_visible()
    choose(page, "City", "Oslo")
    sp.expect_run(page, 2)
    go_to(page, "Report")
    # The entry file ran again for the switch, then the Report page.
    sp.expect_run(page, 3)
    # Unlike AppTest, the real page switch already lacks a page's widget value
    # on the first run of the new page.
    expect(sp.output(page, "Report for:")).to_have_text(report)
    page.get_by_role("button", name="Refresh").click()
    sp.expect_run(page, 4)
    expect(sp.output(page, "Report for:")).to_have_text(report)
    go_to(page, "Pick")
    sp.expect_run(page, 5)
    first_word = back_on_pick.split()[0]
    expect(sp.output(page, first_word)).to_have_text(back_on_pick)


def test_bound_select_box_writes_the_url_and_a_reload_keeps_the_choice(streamlit_app, page):  # noqa: F811
    url = streamlit_app("query_params_bind_widget")
    sp.open_snippet(page, url)
    assert "city=" not in page.url
    choose(page, "City", "Oslo")
    expect(page).to_have_url(re.compile(r"[?&]city=Oslo\b"), timeout=sp.RUN_TIMEOUT_MS)
    page.reload()
    sp.expect_run(page, 1)  # a new session...
    expect(sp.output(page, "Weather for")).to_have_text("Weather for Oslo")  # ...on Oslo again
    choose(page, "City", "Lisbon")
    expect(sp.output(page, "Weather for")).to_have_text("Weather for Lisbon")
    # Back to the default: the parameter leaves the URL.
    expect(page).not_to_have_url(re.compile(r"city="), timeout=sp.RUN_TIMEOUT_MS)



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
    sp.expect_run(page, run)


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
    sp.open_snippet(page, streamlit_app(example))
    expect(sp.output(page, "Total")).to_have_text("Total: 3")
    for run, ((row, value), total) in enumerate(zip([(0, 5), (1, 7), (2, 4), (0, 2)], totals), start=2):
        edit_qty(page, row, value, run)
        expect(sp.output(page, "Total")).to_have_text(total)


# --- tabs-expanders.md ------------------------------------------------------------


def test_clicking_a_tracked_tab_reruns_and_builds_only_that_tab(streamlit_app, page):  # noqa: F811
    sp.open_snippet(page, streamlit_app("tabs_on_change_lazy"))
    expect(sp.output(page, "Sales built")).to_have_text("Sales built 1 time(s)")
    page.get_by_role("tab", name="Costs").click()
    sp.expect_run(page, 2)
    expect(sp.output(page, "Costs built")).to_have_text("Costs built 1 time(s)")
    expect(sp.output(page, "Sales built")).to_have_count(0)


# --- selections.md: a row picked with its checkbox, as a reader does -----------------
# With row selections on, the grid's first column holds each row's checkbox.


def pick_row(page: Page, row: int) -> None:
    """Click the selection checkbox of ``row`` (0-based) in the only table."""
    grid = page.get_by_test_id("stDataFrame").bounding_box()
    page.mouse.click(grid["x"] + ROW_PX / 2, grid["y"] + ROW_PX * (row + 1) + ROW_PX / 2)


@pytest.mark.parametrize(
    ("example", "script_runs", "fragment_runs"),
    [
        ("selection_reruns_whole_script", 2, None),
        ("selection_in_fragment", 1, 2),
    ],
)
def test_picking_a_row_reruns_the_script_or_only_its_fragment(
    streamlit_app, page, example, script_runs, fragment_runs  # noqa: F811
):
    log = sp.open_snippet(page, streamlit_app(example))
    expect(sp.output(page, "Selected")).to_have_text("Selected: (no row)")
    pick_row(page, 1)
    expect(sp.output(page, "Selected")).to_have_text("Selected: Lisbon", timeout=sp.RUN_TIMEOUT_MS)
    sp.wait_until_idle(page)
    sp.expect_counter(page, sp.SCRIPT_RUNS, script_runs)
    if fragment_runs is not None:
        sp.expect_counter(page, "Fragment runs", fragment_runs)
    # The selection was the one rerun asked for: of the whole script, or
    # (carrying the fragment's id) of the fragment alone.
    assert len(log.fragment_ids()) == 2
    assert bool(log.fragment_ids()[1]) == (fragment_runs is not None)


# --- auto-refresh.md: reruns nobody asked for -----------------------------------------


def test_a_refresh_loop_reruns_the_whole_script_until_its_bound(streamlit_app, page):  # noqa: F811
    page.set_default_timeout(sp.ACTION_TIMEOUT_MS)
    page.add_init_script(sp.RECORD_SENT_MESSAGES)
    page.goto(streamlit_app("refresh_loop_reruns_everything"))
    sp.expect_counter(page, sp.SCRIPT_RUNS, 2)
    # The loop keeps the session busy between its runs.
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "running")
    sp.expect_counter(page, sp.SCRIPT_RUNS, 4)
    expect(sp.output(page, "Stopped")).to_have_text("Stopped after 3 refreshes, so this example ends.")
    sp.wait_until_idle(page)
    # Every rerun came from the server's own loop: the page asked for the first run only.
    assert sp.RerunLog(page).count() == 1


def test_run_every_reruns_only_the_fragment_that_replaced_the_loop(streamlit_app, page):  # noqa: F811
    log = sp.open_snippet(page, streamlit_app("refresh_run_every_fragment"))
    sp.expect_counter(page, "Fragment runs", 3)
    sp.expect_counter(page, sp.SCRIPT_RUNS, 1)
    ids = log.fragment_ids()
    assert ids[0] == "" and len(ids) >= 3 and all(ids[1:]), ids


# --- long-work.md: a click while the job runs -------------------------------------------
# AppTest runs a script to its end before it takes the next input, so a click
# *during* a run needs the real server. The job's steps take 0.5 s each; the
# click that lands mid-job is made as soon as the page shows step 1 (a wait on
# the page's DOM, checked every animation frame, not a timer), while the job
# still has two steps to go.

# Every text the app puts on screen, in the order it appears: a line is logged
# each time it appears or changes into a text it did not have just before
# (a line that stays as it is is logged once). What was never logged was never
# shown, however briefly.
RECORD_SHOWN_TEXTS = """
(() => {
  const log = [];
  window.__shownTexts = log;
  let before = new Set();
  new MutationObserver(() => {
    const now = new Set();
    const lines = '[data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"]';
    for (const el of document.querySelectorAll(lines))
      now.add(el.textContent.trim());
    for (const text of now) if (!before.has(text)) log.push(text);
    before = now;
  }).observe(document, { subtree: true, childList: true, characterData: true });
})();
"""


def open_job(page: Page, url: str) -> sp.RerunLog:
    """Open a long-work snippet with the log of shown texts on; wait for its first run."""
    page.add_init_script(RECORD_SHOWN_TEXTS)
    return sp.open_snippet(page, url)


def shown_texts(page: Page) -> list[str]:
    """The texts the app has shown so far, in the order they appeared."""
    return page.evaluate("() => window.__shownTexts")


def click_details_once_shown(page: Page, text: str, since: int = 0) -> None:
    """Flip "Show details" as soon as ``text`` is on screen (logged after entry ``since``)."""
    page.wait_for_function(
        "([text, since]) => window.__shownTexts.indexOf(text, since) >= 0",
        arg=[text, since], polling="raf", timeout=sp.RUN_TIMEOUT_MS,
    )
    page.get_by_text("Show details", exact=True).click()


def test_a_click_during_the_job_stops_it_and_the_job_does_not_resume(streamlit_app, page):  # noqa: F811
    log = open_job(page, streamlit_app("long_work_status_once"))
    expect(sp.output(page, "Result")).to_have_text("Result: (not run yet)")
    details = page.get_by_role("switch", name="Show details")

    page.get_by_role("button", name="Start job").click()
    click_details_once_shown(page, "Step 1 of 3 done")  # half-way: steps 2 and 3 to come

    sp.expect_run(page, 3)
    # The click's run started over from the top, with the button no longer
    # pressed: the job ran once, was cut short, and left no result.
    expect(details).to_be_checked()
    sp.expect_counter(page, "Job runs", 1)
    expect(sp.output(page, "Result")).to_have_text("Result: (not run yet)")
    expect(page.get_by_test_id("stExpander")).to_have_count(0)  # no status box
    shown = set(shown_texts(page))
    assert {"Working...", "Step 1 of 3 done"} <= shown, shown
    assert not {"Step 3 of 3 done", "Job finished", "Result: 3 steps done"} & shown, shown
    assert log.count() == 3 and log.triggers(1) == ["start"] and log.triggers(2) == []


def job_lines(shown: list[str]) -> list[str]:
    """The job counter and progress-bar texts among ``shown``, in order."""
    return [t for t in shown if t.startswith(("Job runs", "Working", "Step"))]


# long-work.md#before: each flip runs the whole job again; a flip while the bar
# moves stops that run before its last step and the next run starts at step 1;
# "Job runs" counts every run, the stopped one too.
def test_a_click_during_the_top_level_job_stops_it_and_the_next_run_starts_at_step_1(
    streamlit_app, page  # noqa: F811
):
    log = open_job(page, streamlit_app("long_work_redone_every_click"))
    sp.expect_counter(page, "Job runs", 1)
    expect(sp.output(page, "Result")).to_have_text("Result: 3 steps done")
    first_run = len(shown_texts(page))

    page.get_by_text("Show details", exact=True).click()  # run 2: the job again
    click_details_once_shown(page, "Step 1 of 3", since=first_run)  # run 3, mid-job

    sp.expect_run(page, 3)
    expect(page.get_by_role("switch", name="Show details")).not_to_be_checked()
    # Each click ran the job again, the cut-short run included.
    sp.expect_counter(page, "Job runs", 3)
    expect(sp.output(page, "Result")).to_have_text("Result: 3 steps done")
    shown = shown_texts(page)[first_run:]
    cut = shown.index("Job runs: 3")
    second_run, third_run = shown[:cut], shown[cut:]
    # Run 2 reset the bar and got as far as step 1; the click stopped it
    # before the last step.
    assert job_lines(second_run)[:3] == ["Job runs: 2", "Working...", "Step 1 of 3"], second_run
    assert "Step 3 of 3" not in second_run, second_run
    # Run 3 started the job over from an empty bar and did all three steps.
    assert job_lines(third_run) == [
        "Job runs: 3", "Working...", "Step 1 of 3", "Step 2 of 3", "Step 3 of 3"
    ], third_run
    assert log.count() == 3 and log.fragment_ids() == ["", "", ""]
