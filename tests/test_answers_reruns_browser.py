"""The reruns section's claims, checked in real Streamlit through Chromium.

Downloads, forms in depth, st.rerun, fragments and dialogs: the claims that
AppTest cannot check (``test_answers_reruns.py`` says why) are proved here, by
serving each snippet with ``streamlit run`` and driving it as a reader would.

The waiting and the rerun record come from ``test_rerun_claims_browser.py``:
a run is over when its counter shows the expected number and the app is idle,
and ``RerunLog`` lists every rerun request the page sent, in order, with the
fragment id for a fragment-only rerun and "" for a full one. "Nothing reran"
is always proved by a later action whose run is visible: once it shows, every
request sent before it is in the log, so a missing request is really missing.
"""
from __future__ import annotations


import pytest
from packaging.version import Version
from playwright.sync_api import Page, expect

from streamlit_page import (
    RUN_TIMEOUT_MS,
    SCRIPT_RUNS,
    commit_edit,
    counter,
    expect_counter,
    expect_run,
    open_snippet,
    output,
    wait_until_idle,
)

pytestmark = pytest.mark.browser

FRAGMENT_RUNS = "Fragment runs"
DIALOG_RUNS = "Dialog runs"
REPORT = "\n".join(f"Row {n}: {n * n}" for n in range(1, 6))


def expect_fragment_run(page: Page, n: int, label: str = FRAGMENT_RUNS) -> None:
    """Wait until fragment run number ``n`` has started and finished."""
    expect_counter(page, label, n)
    wait_until_idle(page)


def shown(page: Page, label: str) -> str:
    """The counter line as it is now (no waiting)."""
    return counter(page, label).inner_text()


def button(page: Page, name: str):
    return page.get_by_role("button", name=name, exact=True)


# --------------------------------------------------------------------------
# download-button.md
# --------------------------------------------------------------------------


def build_report(page: Page) -> None:
    expect(output(page, "No report")).to_be_visible()
    button(page, "Build report").click()
    expect_run(page, 2)
    expect(output(page, "Report ready")).to_have_text("Report ready: 5 rows")


def download(page: Page) -> str:
    """Click "Download report"; return the text of the file the browser saved."""
    with page.expect_download() as info:
        page.get_by_test_id("stDownloadButton").get_by_role("button").click()
    path = info.value.path()
    return open(path, encoding="utf-8").read()


def test_plain_download_button_reruns_and_wipes_the_report(streamlit_app, page):
    """Claim (download_button_wipes_results.py): "Press "Build report", then
    "Download report": the download starts, but the app reruns, and the report
    and the download button are both gone."
    """
    log = open_snippet(page, streamlit_app("download_button_wipes_results"))
    build_report(page)

    assert download(page) == REPORT  # the file itself is fine...
    expect_run(page, 3)  # ...but the click started a full run
    expect(output(page, "No report")).to_have_text("No report on screen.")
    expect(output(page, "Report ready")).to_have_count(0)
    expect(page.get_by_test_id("stDownloadButton")).to_have_count(0)
    assert log.count() == 3
    assert log.fragment_ids()[2] == ""


def test_download_button_on_click_ignore_sends_no_rerun(streamlit_app, page):
    """Claim (download_button_ignore_keeps_results.py): "the file downloads and
    the app does not rerun, so the report stays on screen."
    """
    log = open_snippet(page, streamlit_app("download_button_ignore_keeps_results"))
    build_report(page)

    assert download(page) == REPORT
    assert download(page) == REPORT  # and again: still there, still working
    expect(output(page, "Report ready")).to_have_text("Report ready: 5 rows")
    expect_counter(page, SCRIPT_RUNS, 2)

    # A later, visible run: every request sent before it is now in the log.
    button(page, "Build report").click()
    expect_run(page, 3)
    assert log.count() == 3, "a download click asked the server for a rerun"
    assert log.triggers(2) == ["build"]


def test_download_button_in_fragment_reruns_only_the_fragment(streamlit_app, page):
    """Claim (download_button_in_fragment.py): "A click on a widget inside a
    fragment reruns only that fragment, so the report drawn by the full run
    stays where it is."
    """
    log = open_snippet(page, streamlit_app("download_button_in_fragment"))
    build_report(page)
    expect_counter(page, FRAGMENT_RUNS, 1)

    assert download(page) == REPORT
    expect_fragment_run(page, 2)
    expect(output(page, "Report ready")).to_have_text("Report ready: 5 rows")
    assert shown(page, SCRIPT_RUNS) == f"{SCRIPT_RUNS}: 2"
    assert log.count() == 3
    assert log.fragment_ids()[2] != "", "the download click was a full rerun"


# --------------------------------------------------------------------------
# forms-in-depth.md
# --------------------------------------------------------------------------


def test_callback_on_a_form_widget_stops_the_app_with_an_error(streamlit_app, page):
    """Claim (form_on_change_inside_form_error.py): "the app stops with an
    error that says only the submit button of a form may have a callback."
    """
    open_snippet(page, streamlit_app("form_on_change_inside_form_error"))
    error = page.get_by_test_id("stException")
    # The backticks of the message render as code, so the text has none.
    expect(error).to_contain_text(
        "StreamlitInvalidFormCallbackError: Within a form, callbacks can only be "
        "defined on st.form_submit_button. Defining callbacks on other widgets "
        "inside a form is not allowed.",
        timeout=RUN_TIMEOUT_MS,
    )
    expect(button(page, "Add task")).to_have_count(0)


def pick(page: Page, label: str, option: str) -> None:
    """Choose ``option`` in the select box labelled ``label``."""
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option, exact=True).click()


def test_submit_callback_reads_the_form_by_key_and_the_form_clears(streamlit_app, page):
    """Claim (form_submit_callback_clear.py): "Type a task and press Enter (or
    click "Add task"). The callback adds it to the list, and clear_on_submit
    empties the field for the next one." Typing doesn't rerun; "each submit
    adds exactly one" run.
    """
    log = open_snippet(page, streamlit_app("form_submit_callback_clear"))
    expect(output(page, "Tasks")).to_have_text("Tasks: 0")

    task = page.get_by_role("textbox", name="Task")
    task.fill("Buy milk")
    pick(page, "Priority", "high")
    assert log.count() == 1  # form edits stay in the browser
    task.press("Enter")  # Enter submits the form (enter_to_submit is on)
    expect_run(page, 2)
    expect(output(page, "Tasks")).to_have_text("Tasks: 1")
    expect(output(page, "Task 1")).to_have_text("Task 1: Buy milk (priority high)")
    # clear_on_submit: the fields are back to their defaults.
    expect(task).to_have_value("")
    expect(page.get_by_role("combobox", name="Priority")).to_have_value("normal")

    task.fill("Call Bo")
    button(page, "Add task").click()
    expect_run(page, 3)
    expect(output(page, "Tasks")).to_have_text("Tasks: 2")
    expect(output(page, "Task 2")).to_have_text("Task 2: Call Bo (priority normal)")
    assert log.count() == 3
    assert log.triggers(1) == ["Add task"] and log.triggers(2) == ["Add task"]


def test_dependent_choices_in_a_fragment_rerun_only_the_fragment(streamlit_app, page):
    """Claim (form_dependent_inputs_fragment.py): "In a fragment it follows at
    once, and only the fragment reruns."
    """
    log = open_snippet(page, streamlit_app("form_dependent_inputs_fragment"))
    expect(output(page, "Trip")).to_have_text("Trip: Lyon, France")

    pick(page, "Country", "Japan")
    expect_fragment_run(page, 2)
    expect(output(page, "Trip")).to_have_text("Trip: Osaka, Japan")
    pick(page, "City", "Tokyo")
    expect_fragment_run(page, 3)
    expect(output(page, "Trip")).to_have_text("Trip: Tokyo, Japan")

    assert shown(page, SCRIPT_RUNS) == f"{SCRIPT_RUNS}: 1"
    ids = log.fragment_ids()
    assert len(ids) == 3 and ids[0] == "" and "" not in ids[1:]


# --------------------------------------------------------------------------
# st-rerun.md
# --------------------------------------------------------------------------


def test_st_rerun_after_an_inline_change_adds_a_server_side_run(streamlit_app, page):
    """Claim (rerun_after_inline_change.py): "Click "Issue ticket": the number
    at the top is right straight away. Each click costs two runs: the one the
    click started, and the one st.rerun() asks for."
    """
    log = open_snippet(page, streamlit_app("rerun_after_inline_change"))
    expect(output(page, "Tickets issued")).to_have_text("Tickets issued: 0")

    button(page, "Issue ticket").click()
    expect_run(page, 3)
    expect(output(page, "Tickets issued")).to_have_text("Tickets issued: 1")
    button(page, "Issue ticket").click()
    expect_run(page, 5)
    expect(output(page, "Tickets issued")).to_have_text("Tickets issued: 2")
    # The browser asked once per click; the extra runs came from st.rerun().
    assert log.count() == 3


def test_st_rerun_in_a_callback_only_warns(streamlit_app, page):
    """Claim (rerun_in_callback_warning.py): "Click "Save": the callback's
    change is kept, and a warning box says the st.rerun() call was a no-op.
    The script reruns once, as after any click."
    """
    open_snippet(page, streamlit_app("rerun_in_callback_warning"))
    save = button(page, "Save")

    save.click()
    expect_run(page, 2)
    if Version(streamlit_app.version) < Version("1.63.0"):
        expect(page.get_by_test_id("stAlertContentWarning")).to_have_text(
            "Calling st.rerun() within a callback is a no-op."
        )
    else:  # since 1.63.0 no warning (test_streamlit_versions.py pins the change)
        expect(page.get_by_test_id("stAlert")).to_have_count(0)
    expect(output(page, "Saves")).to_have_text("Saves: 1")  # not 101

    save.click()
    expect(output(page, "Saves")).to_have_text("Saves: 2", timeout=RUN_TIMEOUT_MS)
    wait_until_idle(page)
    # Two clicks, two reruns: had st.rerun() queued one, this would say 5.
    assert shown(page, SCRIPT_RUNS) == f"{SCRIPT_RUNS}: 3"


# --------------------------------------------------------------------------
# fragments.md
# --------------------------------------------------------------------------


def test_without_a_fragment_every_click_reruns_the_whole_page(streamlit_app, page):
    """Claim (fragment_before_whole_page_reruns.py): "Click "Add a like": the
    slow part at the top runs again every time"."""
    log = open_snippet(page, streamlit_app("fragment_before_whole_page_reruns"))
    for run in (2, 3):
        button(page, "Add a like").click()
        expect_run(page, run)
        expect(output(page, "Likes")).to_have_text(f"Likes: {run - 1}")
    assert log.fragment_ids() == ["", "", ""]


def test_a_click_in_a_fragment_raises_only_the_fragment_counter(streamlit_app, page):
    """Claim (fragment_rerun_only_part.py): "Click "Add a like": "Fragment
    runs" goes up, while "Script runs this session" and the slow part above
    stay as they are." And: "A widget outside the fragment still reruns
    everything."
    """
    log = open_snippet(page, streamlit_app("fragment_rerun_only_part"))
    expect_counter(page, FRAGMENT_RUNS, 1)

    for n in (2, 3, 4):
        button(page, "Add a like").click()
        expect_fragment_run(page, n)
        expect(output(page, "Likes")).to_have_text(f"Likes: {n - 1}")
        assert shown(page, SCRIPT_RUNS) == f"{SCRIPT_RUNS}: 1"
    fragment_ids = log.fragment_ids()
    assert fragment_ids[0] == "" and len(set(fragment_ids[1:])) == 1 and fragment_ids[1]

    button(page, "Rerun the whole page").click()
    expect_run(page, 2)
    expect_counter(page, FRAGMENT_RUNS, 5)  # a full run runs the fragment too
    expect(output(page, "Likes")).to_have_text("Likes: 3")
    assert log.fragment_ids()[-1] == ""


def test_run_every_reruns_only_the_fragment_on_a_timer(streamlit_app, page):
    """Claim (fragment_run_every_clock.py): "The tick count below goes up about
    once a second with no clicks at all, and the rest of the page doesn't run
    again."
    """
    log = open_snippet(page, streamlit_app("fragment_run_every_clock"))
    expect(output(page, "Ticks")).to_have_text("Ticks: 3", timeout=15_000)
    assert shown(page, SCRIPT_RUNS) == f"{SCRIPT_RUNS}: 1"
    ids = log.fragment_ids()
    assert len(ids) >= 4 and ids[0] == "" and "" not in ids[1:]


def test_st_rerun_scopes_in_a_fragment(streamlit_app, page):
    """Claim (fragment_rerun_scopes.py): ""Add one" changes the count after the
    fragment already drew it, then calls st.rerun(scope="fragment") so only
    the fragment redraws. "Show on page" calls st.rerun() so the line outside
    the fragment catches up too."
    """
    log = open_snippet(page, streamlit_app("fragment_rerun_scopes"))
    expect_counter(page, FRAGMENT_RUNS, 1)

    button(page, "Add one").click()
    # The click's fragment run, then the one st.rerun(scope="fragment") asked for.
    expect_fragment_run(page, 3)
    expect(output(page, "Cart says")).to_have_text("Cart says: 1 items")
    expect(output(page, "Page says")).to_have_text("Page says: 0 items")  # stale
    assert shown(page, SCRIPT_RUNS) == f"{SCRIPT_RUNS}: 1"
    expect(page.get_by_test_id("stException")).to_have_count(0)

    button(page, "Show on page").click()
    expect_run(page, 2)
    expect(output(page, "Page says")).to_have_text("Page says: 1 items")
    expect_counter(page, FRAGMENT_RUNS, 5)
    # Both buttons only sent fragment reruns; the full run came from st.rerun().
    ids = log.fragment_ids()
    assert len(ids) == 3 and ids[0] == "" and ids[1] and ids[2]


# --------------------------------------------------------------------------
# dialogs.md
# --------------------------------------------------------------------------


def test_inline_editor_reruns_the_whole_script_per_edit(streamlit_app, page):
    """Claim (dialog_before_inline_editor.py): "Tick "Edit the note" and change
    the text (press Enter or click away): each change reruns the whole script,
    as the run counter shows."
    """
    log = open_snippet(page, streamlit_app("dialog_before_inline_editor"))
    page.get_by_text("Edit the note").click()
    expect_run(page, 2)
    draft = page.get_by_role("textbox", name="New text")
    commit_edit(page, draft, "Buy rice", run=3)
    expect(output(page, "Preview")).to_have_text("Preview: Buy rice")
    commit_edit(page, draft, "Buy tea", run=4, enter=False)
    assert log.fragment_ids() == ["", "", "", ""]


def test_dialog_edits_rerun_only_the_dialog(streamlit_app, page):
    """Claim (dialog_edit_without_full_rerun.py): "Click "Edit the note": that
    click is one full run. Inside the dialog, each edit reruns only the dialog
    function ("Dialog runs" goes up, the script counter doesn't). "Save"
    closes the dialog with one more full run."
    """
    log = open_snippet(page, streamlit_app("dialog_edit_without_full_rerun"))
    button(page, "Edit the note").click()
    expect_run(page, 2)  # opening is a full run
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect_counter(page, DIALOG_RUNS, 1)

    draft = dialog.get_by_role("textbox", name="New text")
    draft.fill("Buy rice")
    draft.press("Enter")
    expect_fragment_run(page, 2, DIALOG_RUNS)
    expect(dialog.get_by_text("Preview: Buy rice")).to_be_visible()
    draft.fill("Buy tea")
    draft.press("Enter")
    expect_fragment_run(page, 3, DIALOG_RUNS)
    assert shown(page, SCRIPT_RUNS) == f"{SCRIPT_RUNS}: 2"
    expect(output(page, "Note")).to_have_text("Note: Buy bread")

    dialog.get_by_role("button", name="Save").click()
    expect_run(page, 3)  # st.rerun(): one full run...
    expect(page.get_by_role("dialog")).to_have_count(0)  # ...that closes it
    expect(output(page, "Note")).to_have_text("Note: Buy tea")

    ids = log.fragment_ids()
    # first run, open (full), two edits and Save (dialog reruns); the last
    # full run was asked for by st.rerun() on the server, not by the page.
    assert ids[:2] == ["", ""] and len(ids) == 5 and "" not in ids[2:]


def test_dismissing_a_dialog_does_not_rerun(streamlit_app, page):
    """Claim (dialogs.md): "Or press Esc instead: the dialog closes, nothing
    reruns, and the note keeps its old text. (Open the dialog again straight
    away and your last committed draft is still in the field: the widget
    kept its value.)" (``on_dismiss="ignore"`` is the default.)
    """
    log = open_snippet(page, streamlit_app("dialog_edit_without_full_rerun"))
    button(page, "Edit the note").click()
    expect_run(page, 2)
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()

    draft = dialog.get_by_role("textbox", name="New text")
    draft.fill("Buy tea")
    draft.press("Enter")  # a dialog run: the draft reached the server
    expect_fragment_run(page, 2, DIALOG_RUNS)

    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(output(page, "Note")).to_have_text("Note: Buy bread")

    button(page, "Edit the note").click()  # a later, visible run
    expect_run(page, 3)
    assert log.count() == 4, "dismissing the dialog asked for a rerun"
    assert log.triggers(3) == ["open"]
    # The note was not saved, but the dialog's widget kept the draft.
    expect(output(page, "Note")).to_have_text("Note: Buy bread")
    expect(page.get_by_role("dialog").get_by_role("textbox", name="New text")).to_have_value(
        "Buy tea"
    )


def test_a_dialog_opened_from_a_fragment_costs_no_full_run(streamlit_app, page):
    """Claim (dialog_open_from_fragment.py): "Click "Edit the note": the dialog
    opens with a fragment run, not a full one ("Script runs this session"
    stays put). Only "Save" reruns the whole script, to close the dialog and
    show the new note."
    """
    log = open_snippet(page, streamlit_app("dialog_open_from_fragment"))
    expect_counter(page, FRAGMENT_RUNS, 1)

    button(page, "Edit the note").click()
    expect_fragment_run(page, 2)
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect_counter(page, DIALOG_RUNS, 1)
    assert shown(page, SCRIPT_RUNS) == f"{SCRIPT_RUNS}: 1"

    draft = dialog.get_by_role("textbox", name="New text")
    draft.fill("Buy tea")
    draft.press("Enter")
    expect_fragment_run(page, 2, DIALOG_RUNS)
    assert shown(page, SCRIPT_RUNS) == f"{SCRIPT_RUNS}: 1"

    dialog.get_by_role("button", name="Save").click()
    expect_run(page, 2)
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(output(page, "Note")).to_have_text("Note: Buy tea")
    ids = log.fragment_ids()
    assert ids[0] == "" and len(ids) == 4 and "" not in ids[1:]
