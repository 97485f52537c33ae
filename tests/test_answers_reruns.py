"""AppTest checks for the reruns section: downloads, forms in depth, st.rerun,
fragments and dialogs.

Each test runs the snippet file that a page embeds and asserts what that page
says about it, reading what a reader would see (captions, written lines,
warnings, errors).

What AppTest cannot show, and where it is proved instead
(``test_answers_reruns_browser.py``, real Streamlit in Chromium):

* It always reruns the whole script. A click in a fragment or a dialog, a
  download button with ``on_click="ignore"``, and ``run_every`` timers are
  frontend or fragment behaviour, so "only the fragment reran" and "nothing
  reran" are browser claims.
* ``st.rerun(scope="fragment")`` raises under AppTest, because AppTest never
  does a fragment rerun. The test below pins that message down (it is also an
  entry of the errors page); the browser test shows the call working.
* ``clear_on_submit`` empties the fields in the browser, so AppTest still
  reports the submitted text afterwards.
"""
from __future__ import annotations

import re

import pytest
from apptest_helpers import (
    captions,
    counter,
    has_line_starting,
    line,
    load,
    no_exception,
    script_runs,
    start,
    texts,
)
import streamlit as st
from streamlit.testing.v1 import AppTest
from streamlit_messages import (
    DOCS,
    FORM_CALLBACK_ERROR,
    RERUN_IN_CALLBACK,
    SCOPE_ERROR,
    is_streamlit_text,
    quoted_messages,
    reworded_messages_shown,
    streamlit_message_templates,
)

TASK_SUBMIT = "FormSubmitter:task_form-Add task"


# --- download-button.md -----------------------------------------------------

REPORT = "\n".join(f"Row {n}: {n * n}" for n in range(1, 6))


def build_report(stem: str) -> AppTest:
    at = start(stem)
    assert line(at, "No report") == "No report on screen."
    at.button(key="build").click().run()
    no_exception(at)
    assert line(at, "Report ready") == "Report ready: 5 rows"
    assert [c.value for c in at.code] == [REPORT]
    assert [d.label for d in at.download_button] == ["Download report"]
    return at


def test_download_button_wipes_results_a_plain_download_reruns_and_the_report_is_gone():
    at = build_report("download_button_wipes_results")
    assert at.download_button(key="download").proto.ignore_rerun is False
    assert script_runs(at) == 2

    at.download_button(key="download").click().run()
    no_exception(at)
    # The click started a full run in which "Build report" is False again.
    assert script_runs(at) == 3
    assert line(at, "No report") == "No report on screen."
    assert not has_line_starting(at, "Report ready")
    assert len(at.code) == 0
    assert len(at.download_button) == 0


def test_download_button_ignore_keeps_results_sets_ignore_rerun():
    at = build_report("download_button_ignore_keeps_results")
    # on_click="ignore" reaches the browser as this flag; the browser test
    # shows that a click then sends no rerun and the report stays.
    assert at.download_button(key="download").proto.ignore_rerun is True


def test_download_button_ignore_keeps_results_other_widgets_still_rerun():
    # The page's caveat: "ignore" is about the download button only. Any
    # other rerun (here: the next run with "Build report" not pressed) still
    # drops a report that lives only under `if st.button(...)`.
    at = build_report("download_button_ignore_keeps_results")
    at.run()
    no_exception(at)
    assert line(at, "No report") == "No report on screen."


def test_download_button_in_fragment_draws_the_button_inside_the_fragment():
    at = build_report("download_button_in_fragment")
    assert at.download_button(key="download").proto.ignore_rerun is False
    # The fragment ran once, inside the full run that built the report.
    assert counter(at, "Fragment runs") == 1
    assert script_runs(at) == 2


# --- forms-in-depth.md --------------------------------------------------------


def test_form_on_change_inside_form_error_stops_with_the_form_callback_error():
    at = load("form_on_change_inside_form_error").run()
    assert [e.message for e in at.exception] == [FORM_CALLBACK_ERROR]
    # The run stopped at the text input: the submit button was never drawn.
    assert len(at.button) == 0


def submit_task(at: AppTest, title: str, priority: str | None = None) -> AppTest:
    at.text_input(key="title").input(title)
    if priority is not None:
        at.selectbox(key="priority").select(priority)
    at.button(key=TASK_SUBMIT).click().run()
    return no_exception(at)


def test_form_submit_callback_clear_reads_values_by_key_in_the_callback():
    at = start("form_submit_callback_clear")
    assert line(at, "Tasks") == "Tasks: 0"
    # Only the submit button carries a callback, and the form clears on submit.
    assert at.text_input(key="title").proto.form_id == "task_form"
    assert at.selectbox(key="priority").proto.form_id == "task_form"
    form = at.get("form")[0].proto.form
    assert (form.form_id, form.clear_on_submit, form.enter_to_submit) == ("task_form", True, True)

    submit_task(at, "Buy milk", "high")
    assert line(at, "Tasks") == "Tasks: 1"
    assert line(at, "Task 1") == "Task 1: Buy milk (priority high)"
    assert script_runs(at) == 2

    submit_task(at, "Call Bo", "low")
    assert line(at, "Tasks") == "Tasks: 2"
    assert texts(at)[-2:] == ["Task 1: Buy milk (priority high)", "Task 2: Call Bo (priority low)"]


def test_form_submit_callback_clear_skips_a_blank_task():
    at = start("form_submit_callback_clear")
    submit_task(at, "   ")
    assert line(at, "Tasks") == "Tasks: 0"
    assert script_runs(at) == 2  # the submit still reran the script once


def test_form_dependent_inputs_fragment_city_list_follows_the_country():
    at = start("form_dependent_inputs_fragment")
    assert line(at, "Trip") == "Trip: Lyon, France"
    assert at.selectbox(key="city").options == ["Lyon", "Paris", "Toulouse"]
    # Not in a form: each choice is sent on its own.
    assert at.selectbox(key="country").proto.form_id == ""

    at.selectbox(key="city").select("Paris").run()
    no_exception(at)
    assert line(at, "Trip") == "Trip: Paris, France"

    at.selectbox(key="country").select("Japan").run()
    no_exception(at)
    assert at.selectbox(key="city").options == ["Osaka", "Sapporo", "Tokyo"]
    # The old city is not a Japanese one, so the list starts over at its first.
    assert line(at, "Trip") == "Trip: Osaka, Japan"


# --- st-rerun.md -----------------------------------------------------------------


def test_rerun_after_inline_change_is_current_and_costs_two_runs_per_click():
    at = start("rerun_after_inline_change")
    assert line(at, "Tickets issued") == "Tickets issued: 0"

    at.button(key="issue").click().run()
    no_exception(at)
    # The line above the button already shows the click...
    assert line(at, "Tickets issued") == "Tickets issued: 1"
    # ...because st.rerun() added a second run: 1 + 2.
    assert script_runs(at) == 3

    at.button(key="issue").click().run()
    no_exception(at)
    assert line(at, "Tickets issued") == "Tickets issued: 2"
    assert script_runs(at) == 5


def test_rerun_after_inline_change_does_not_loop():
    # The guard: without a click, the button is False and st.rerun() is not
    # reached, so a plain run is exactly one run.
    at = start("rerun_after_inline_change")
    at.button(key="issue").click().run()
    at.run()
    no_exception(at)
    assert script_runs(at) == 4
    assert line(at, "Tickets issued") == "Tickets issued: 1"


def test_rerun_in_callback_warning_is_a_no_op_with_a_warning():
    at = start("rerun_in_callback_warning")
    assert [w.value for w in at.warning] == []

    at.button(key="save").click().run()
    no_exception(at)
    assert [w.value for w in at.warning] == [RERUN_IN_CALLBACK]
    # The change made before st.rerun() is kept; the line after it never ran.
    assert line(at, "Saves") == "Saves: 1"
    # One click, one run: st.rerun() added nothing.
    assert script_runs(at) == 2

    # The warning was drawn by the callback, so the next run drops it.
    at.run()
    no_exception(at)
    assert [w.value for w in at.warning] == []
    assert line(at, "Saves") == "Saves: 1"


# --- fragments.md --------------------------------------------------------------------


def test_fragment_before_whole_page_reruns_every_click_is_a_full_run():
    at = start("fragment_before_whole_page_reruns")
    assert line(at, "Likes") == "Likes: 0"
    for n in (1, 2, 3):
        at.button(key="like").click().run()
        no_exception(at)
        assert line(at, "Likes") == f"Likes: {n}"
        assert script_runs(at) == n + 1
        assert line(at, "Slow part") == "Slow part: done"


def test_fragment_rerun_only_part_counts_likes_and_fragment_runs():
    # AppTest reruns everything, so both counters go up here; the browser
    # test proves that in a real app only "Fragment runs" does.
    at = start("fragment_rerun_only_part")
    assert line(at, "Likes") == "Likes: 0"
    at.button(key="like").click().run()
    no_exception(at)
    assert line(at, "Likes") == "Likes: 1"
    assert counter(at, "Fragment runs") == 2


def test_fragment_run_every_clock_starts_at_zero_ticks():
    at = start("fragment_run_every_clock")
    assert line(at, "Ticks") == "Ticks: 0"
    assert line(at, "This line") == "This line is drawn by full runs only."


def test_fragment_rerun_scopes_fragment_scope_is_refused_during_a_full_run():
    # AppTest runs the fragment as part of a full run, which is exactly the
    # case Streamlit refuses (and the message the errors page lists).
    at = start("fragment_rerun_scopes")
    at.button(key="add").click().run()
    assert [e.message for e in at.exception] == [SCOPE_ERROR]


def test_fragment_rerun_scopes_app_scope_reruns_the_whole_script():
    at = start("fragment_rerun_scopes")
    assert line(at, "Page says") == "Page says: 0 items"
    at.button(key="publish").click().run()
    no_exception(at)
    # The click's run plus the one st.rerun() asked for.
    assert script_runs(at) == 3
    assert line(at, "Page says") == "Page says: 0 items"


# --- dialogs.md -------------------------------------------------------------------------


def test_dialog_before_inline_editor_each_edit_is_a_full_run():
    at = start("dialog_before_inline_editor")
    assert line(at, "Note") == "Note: Buy bread"
    at.checkbox(key="editing").check().run()
    no_exception(at)
    assert script_runs(at) == 2
    at.text_input(key="draft").input("Buy rice").run()
    no_exception(at)
    assert script_runs(at) == 3
    assert line(at, "Preview") == "Preview: Buy rice"
    assert line(at, "Note") == "Note: Buy bread"  # not saved yet

    at.button(key="save").click().run()
    no_exception(at)
    assert line(at, "Note") == "Note: Buy rice"
    assert script_runs(at) == 5  # the click's run + the st.rerun() run


def test_dialog_edit_without_full_rerun_opening_is_one_full_run():
    at = start("dialog_edit_without_full_rerun")
    assert counter(at, "Script runs this session") == 1
    assert not any(c.startswith("Dialog runs") for c in captions(at))

    at.button(key="open").click().run()
    no_exception(at)
    # The click that opens the dialog is an ordinary full run...
    assert script_runs(at) == 2
    # ...during which the dialog function runs once and draws its content.
    assert counter(at, "Dialog runs") == 1
    assert at.text_input(key="draft").value == "Buy bread"
    assert line(at, "Preview") == "Preview: Buy bread"
    assert line(at, "Note") == "Note: Buy bread"


def test_dialog_edit_without_full_rerun_closes_when_a_run_does_not_call_it():
    # What "Save" relies on: a full run that doesn't call edit_note() has no
    # dialog. (AppTest can't press Save itself: its reruns are always full
    # runs, in which the dialog is not open; the browser test presses it.)
    at = start("dialog_edit_without_full_rerun")
    at.button(key="open").click().run()
    no_exception(at)
    at.run()
    no_exception(at)
    assert not any(c.startswith("Dialog runs") for c in captions(at))
    assert len(at.text_input) == 0


def test_dialog_open_from_fragment_opens_from_the_fragment():
    # AppTest reruns everything, so here the click is a full run; the browser
    # test shows that in a real app it is a fragment run only.
    at = start("dialog_open_from_fragment")
    assert counter(at, "Fragment runs") == 1
    at.button(key="open").click().run()
    no_exception(at)
    assert counter(at, "Fragment runs") == 2
    assert counter(at, "Dialog runs") == 1
    assert at.text_input(key="draft").value == "Buy bread"


# --- errors.md: every quoted message is the running Streamlit's own text -----

def test_errors_page_quotes_at_least_the_messages_its_entries_promise():
    messages = quoted_messages("errors.md")
    assert len(messages) >= 20
    for must in (
        RERUN_IN_CALLBACK,
        FORM_CALLBACK_ERROR,
        SCOPE_ERROR,
        "DuplicateWidgetID",
    ):
        assert must in (DOCS / "errors.md").read_text(encoding="utf-8"), must


@pytest.mark.parametrize("page", ["errors.md", "st-rerun.md", "fragments.md"])
def test_quoted_messages_are_streamlits_own_text(page):
    """On the pinned and on the newest release, each with its own wording: a
    release that rewords a message again fails here until the page quotes it.
    A message Streamlit puts together from several strings is looked up in
    what the apps that raise it show."""
    templates = streamlit_message_templates() + reworded_messages_shown()
    for message in quoted_messages(page, st.__version__):
        assert is_streamlit_text(message, templates), (
            f"{page}: not a Streamlit {st.__version__} message: {message!r}"
        )


def test_errors_page_gives_each_newer_wording_its_own_block():
    pinned = quoted_messages("errors.md", "1.62.0")
    newest = quoted_messages("errors.md", "1.67.0")
    assert RERUN_IN_CALLBACK in pinned and RERUN_IN_CALLBACK not in newest
    assert len(set(pinned) - set(newest)) == 7  # reworded or gone by 1.67.0


def test_errors_page_messages_seen_in_these_tests_are_quoted_exactly():
    # The three messages the snippets above really produce, word for word.
    page = (DOCS / "errors.md").read_text(encoding="utf-8")
    for message in (RERUN_IN_CALLBACK, FORM_CALLBACK_ERROR, SCOPE_ERROR):
        assert re.search(rf"^```text[^\n]*\n{re.escape(message)}\n```$", page, re.M), message


def test_every_error_entry_points_to_an_answer():
    source = (DOCS / "errors.md").read_text(encoding="utf-8")
    body = source.split("## Caveats", 1)[0]
    # Split after each run of ```text blocks: the prose that follows must link.
    chunks = re.split(r"(?:```text[^\n]*\n.*?\n```\s*)+", body, flags=re.S)[1:]
    assert chunks
    for chunk in chunks:
        assert re.search(r"\]\([a-z-]+\.md#[a-z-]+\)", chunk), chunk[:80]


# --- which-fix.md: the chart and the list reach every answer -----------------


def all_pages_but(page: str) -> set[str]:
    return {p.name for p in DOCS.glob("*.md")} - {page}


def test_which_fix_charts_link_every_answer_with_directory_urls():
    source = (DOCS / "which-fix.md").read_text(encoding="utf-8")
    charts = re.findall(r"^```mermaid\n(.*?)\n```$", source, flags=re.S | re.M)
    assert len(charts) == 3, "one chart per kind of trouble"
    chart = "\n".join(charts)
    clicks = re.findall(r'^\s*click (\w+) "([^"]+)"', chart, flags=re.M)
    nodes = set(re.findall(r'(\w+)[\[\(\{]+"', chart))  # id["label"], id(["label"]), id{"label"}
    targets = set()
    for node, url in clicks:
        assert node in nodes, f"click on an unknown node {node}"
        # which-fix.md is served at which-fix/, so each page is one level up.
        match = re.fullmatch(r"\.\./(?:([a-z-]+)/)?", url)
        assert match, f"{url} is not a ../page/ URL"
        targets.add(f"{match.group(1) or 'index'}.md")
    # Every answer; the home page (how a rerun works) is linked from the text.
    assert targets == all_pages_but("which-fix.md") - {"index.md"}


def test_which_fix_plain_list_links_every_page():
    source = (DOCS / "which-fix.md").read_text(encoding="utf-8")
    listed = source.split("## The same answers as a list", 1)[1].split("\n## ", 1)[0]
    linked = set(re.findall(r"\]\(([a-z-]+\.md)#[a-z-]+\)", listed))
    assert linked == all_pages_but("which-fix.md")
