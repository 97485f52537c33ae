"""AppTest checks for the answers on buttons, state, widgets, caching and uploads.

Pages: docs/button-state.md, docs/one-step-behind.md,
docs/session-state-errors.md, docs/widget-state-lost.md, docs/caching.md and
docs/file-uploader.md. Each test runs the very snippet file that the page
embeds and asserts what the page says about it, reading what a reader would
see: captions ("Script runs this session: N", "Expensive calls: N", ...),
the lines the script writes, widget values and the exception box.

What AppTest cannot show, and how these tests deal with it:

* Caches are global to the Python process, as on a server, so every AppTest
  in this process shares them. The ``fresh_caches`` fixture empties
  ``st.cache_data`` and ``st.cache_resource`` before each test that needs a
  cold cache; a few tests use a second AppTest on purpose, as "another
  session" that finds the cache already filled.
* ``persist_state="page"`` can't be tested here: AppTest builds a new pages
  manager on every run, so the page's hash starts out empty and Streamlit's
  page-switch cleanup drops "page"-scoped values one run later. The snippet
  uses ``persist_state="session"``, which AppTest runs faithfully; the page
  only describes "page" in prose.
* File uploads: AppTest's ``FileUploader.set_value`` hands the file to the
  upload manager directly (a new file id per call, the same id on later
  runs), which is what the browser does after its HTTP upload. The browser
  tests at the end of this file upload real files through Chromium into
  ``streamlit run`` (``tests/streamlit_server.py``) and check the same
  counters, including "same file again" for both fixes.
* Reading a button's key before the button is drawn, and ``persist_state``
  refilling a field in the browser, are also checked there in real
  Streamlit, since both lean on the runtime more than on the script.
* Nothing here runs inside stlite/Pyodide. The in-browser caveats on the
  pages (caches emptied by a reload, ``time.sleep`` turned into an async
  sleep) are not proven by these tests; the one Streamlit fact behind the
  sleep caveat (1.62 can't cache a coroutine function) is.
* A real page switch (``st.navigation``) is not driven; the snippets show
  the same clean-up by hiding a widget, which the page explains.
"""
from __future__ import annotations

import gc
import re
import warnings

import pytest
import streamlit as st
from mkdocs_stlite.sources import embedded_snippets
from apptest_helpers import (
    SNIPPETS,
    counter,
    drawn_before,
    has_line_starting,
    has_text,
    line,
    no_exception,
    script_runs,
    start,
)
from streamlit.testing.v1 import AppTest
from streamlit_messages import MODIFY_AFTER_1_62

DOCS = SNIPPETS.parent / "docs"

# Snippet stems per page, in the order the page shows them.
PAGE_SNIPPETS = {
    "button-state.md": [
        "button_output_disappears",
        "button_flag_in_session_state",
        "button_toggle_keeps_state",
    ],
    "one-step-behind.md": [
        "one_step_behind_follow_button",
        "one_step_behind_on_click",
        "one_step_behind_handle_first",
    ],
    "session-state-errors.md": [
        "session_state_errors_set_after_widget",
        "session_state_errors_callback_fix",
    ],
    "widget-state-lost.md": [
        "widget_state_lost_when_hidden",
        "widget_state_lost_copy_to_own_key",
        "widget_state_lost_persist_state",
    ],
    "caching.md": [
        "caching_model_reloads_every_run",
        "caching_model_and_data_cached",
        "caching_ttl_expires",
    ],
    "file-uploader.md": [
        "file_uploader_reprocess_every_run",
        "file_uploader_cache_on_bytes",
        "file_uploader_result_by_file_id",
    ],
}
ALL_STEMS = [stem for stems in PAGE_SNIPPETS.values() for stem in stems]

SAMPLE_TEXT = b"alpha beta\ngamma delta epsilon\nzeta\n"
OTHER_TEXT = b"one\ntwo three\n"


# --- Helpers -----------------------------------------------------------------


def button_labels(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def page_text(page: str) -> str:
    return (DOCS / page).read_text(encoding="utf-8")


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def fresh_caches():
    """Start from empty caches, as a freshly started server does."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


# --- Conventions of these pages' snippets ------------------------------------
# (test_snippet_conventions.py checks the ones every snippet follows.)


@pytest.mark.parametrize("stem", ALL_STEMS)
def test_snippet_has_no_sleep(stem):
    # stlite turns a function that calls time.sleep into a coroutine, which
    # st.cache_data can't cache; none of these snippets needs to wait.
    assert "sleep" not in (SNIPPETS / f"{stem}.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("page,stems", PAGE_SNIPPETS.items())
def test_page_embeds_its_snippets_in_order(page, stems):
    assert embedded_snippets(page_text(page)) == [f"{stem}.py" for stem in stems]


# --- button-state.md -----------------------------------------------------------


def test_button_output_disappears_on_the_next_run():
    stem = "button_output_disappears"
    at = start(stem)
    assert line(at, "Load report returned: ") == "Load report returned: False"
    assert not has_text(at, "Report: 3 orders are waiting.")

    at.button(key="load_report").click().run()
    no_exception(at)
    assert line(at, "Load report returned: ") == "Load report returned: True"
    assert has_text(at, "Report: 3 orders are waiting.")
    assert "Mark as shipped" in button_labels(at)

    # Any other interaction: the button is False again and the report is gone.
    at.button(key="rerun_only").click().run()
    no_exception(at)
    assert line(at, "Load report returned: ") == "Load report returned: False"
    assert not has_text(at, "Report: 3 orders are waiting.")
    assert "Mark as shipped" not in button_labels(at)
    assert script_runs(at) == 3


def test_button_inside_a_button_never_fires():
    stem = "button_output_disappears"
    at = start(stem)
    at.button(key="load_report").click().run()
    no_exception(at)
    at.button(key="ship").click().run()
    no_exception(at)
    # The click reran the script, "Load report" was False, the inner block
    # was skipped: no confirmation, and the report (with its button) is gone.
    assert not has_text(at, "All 3 orders are marked as shipped.")
    assert not has_text(at, "Report: 3 orders are waiting.")
    assert "Mark as shipped" not in button_labels(at)


def test_button_flag_in_session_state_keeps_the_report_and_the_inner_button_works():
    stem = "button_flag_in_session_state"
    at = start(stem)
    assert not has_text(at, "Report: 3 orders are waiting.")

    at.button(key="load_report").click().run()
    no_exception(at)
    assert has_text(at, "Report: 3 orders are waiting.")

    for _ in range(2):
        at.button(key="rerun_only").click().run()
        no_exception(at)
        assert has_text(at, "Report: 3 orders are waiting.")

    at.button(key="ship").click().run()
    no_exception(at)
    assert has_text(at, "All 3 orders are marked as shipped.")
    at.button(key="rerun_only").click().run()
    no_exception(at)
    assert has_text(at, "All 3 orders are marked as shipped.")

    at.button(key="close_report").click().run()
    no_exception(at)
    assert not has_text(at, "Report: 3 orders are waiting.")
    assert not has_text(at, "All 3 orders are marked as shipped.")

    # Closing reset both flags: loading again shows a report not yet shipped.
    at.button(key="load_report").click().run()
    no_exception(at)
    assert has_text(at, "Report: 3 orders are waiting.")
    assert not has_text(at, "All 3 orders are marked as shipped.")


def test_button_toggle_keeps_state_across_reruns():
    stem = "button_toggle_keeps_state"
    at = start(stem)
    assert not has_text(at, "Report: 3 orders are waiting.")

    at.toggle(key="show_report").set_value(True).run()
    no_exception(at)
    assert has_text(at, "Report: 3 orders are waiting.")
    at.checkbox(key="shipped").check().run()
    no_exception(at)
    for _ in range(2):
        at.button(key="rerun_only").click().run()
        no_exception(at)
        assert has_text(at, "Report: 3 orders are waiting.")
        assert has_text(at, "All 3 orders are marked as shipped.")

    at.toggle(key="show_report").set_value(False).run()
    no_exception(at)
    assert not has_text(at, "Report: 3 orders are waiting.")


def test_button_toggle_keeps_state_hidden_checkbox_forgets_its_value():
    # The page's caveat: hide the report and show it again, "Shipped" is off.
    stem = "button_toggle_keeps_state"
    at = start(stem)
    at.toggle(key="show_report").set_value(True).run()
    at.checkbox(key="shipped").check().run()
    no_exception(at)
    assert at.checkbox(key="shipped").value is True

    at.toggle(key="show_report").set_value(False).run()
    no_exception(at)
    at.toggle(key="show_report").set_value(True).run()
    no_exception(at)
    assert at.checkbox(key="shipped").value is False
    assert not has_text(at, "All 3 orders are marked as shipped.")


# --- one-step-behind.md ----------------------------------------------------------


def status(at: AppTest) -> str:
    return line(at, "Status: ")


def follow_label(at: AppTest) -> str:
    return at.button(key="follow").label


def test_one_step_behind_follow_button_shows_the_opposite_of_the_state():
    stem = "one_step_behind_follow_button"
    at = start(stem)
    assert (status(at), follow_label(at)) == ("Status: not following", "Follow")

    at.button(key="follow").click().run()
    no_exception(at)
    # The click switched the state on, but the page still shows "off".
    assert at.session_state["following"] is True
    assert (status(at), follow_label(at)) == ("Status: not following", "Follow")

    # The "second click" the reader makes switches it back off, while the
    # page now claims "following".
    at.button(key="follow").click().run()
    no_exception(at)
    assert at.session_state["following"] is False
    assert (status(at), follow_label(at)) == ("Status: following", "Unfollow")

    # Any run without a click catches up.
    at.run()
    no_exception(at)
    assert (status(at), follow_label(at)) == ("Status: not following", "Follow")


@pytest.mark.parametrize("stem", ["one_step_behind_on_click", "one_step_behind_handle_first"])
def test_one_step_behind_fixes_update_status_and_label_on_the_same_click(stem):
    at = start(stem)
    assert (status(at), follow_label(at)) == ("Status: not following", "Follow")
    expected = [("Status: following", "Unfollow"), ("Status: not following", "Follow")] * 2
    for want in expected:
        at.button(key="follow").click().run()
        no_exception(at)
        assert (status(at), follow_label(at)) == want
        assert at.session_state["following"] is (want[1] == "Unfollow")
    # A run without a click changes nothing.
    at.run()
    no_exception(at)
    assert (status(at), follow_label(at)) == ("Status: not following", "Follow")
    assert script_runs(at) == 6


def test_one_step_behind_handle_first_reads_the_click_before_the_button_is_drawn():
    # The handled click comes from the key, read above the button: the status
    # line is drawn before the button, and yet it is current.
    stem = "one_step_behind_handle_first"
    at = start(stem)
    assert drawn_before(at, "markdown", "button")
    at.button(key="follow").click().run()
    no_exception(at)
    assert status(at) == "Status: following"


def test_one_step_behind_before_and_after_differ_after_one_click():
    before = start("one_step_behind_follow_button")
    after = start("one_step_behind_on_click")
    for at in (before, after):
        at.button(key="follow").click().run()
        no_exception(at)
    assert status(before) == "Status: not following"
    assert status(after) == "Status: following"


# --- session-state-errors.md -------------------------------------------------------


def test_session_state_errors_set_after_widget_raises_on_click():
    stem = "session_state_errors_set_after_widget"
    at = start(stem)
    at.text_input(key="name").input("Bob").run()
    no_exception(at)
    assert line(at, "Hello, ") == "Hello, Bob!"

    at.button(key="clear").click().run()
    assert len(at.exception) == 1
    error = at.exception[0]
    assert error.message == MODIFY_AFTER_1_62
    assert error.proto.type == "streamlit.errors.StreamlitAPIException"
    # The run stopped at the assignment: the greeting below was not written,
    # and the field still holds the old text.
    assert not has_line_starting(at, "Hello, ")
    assert at.text_input(key="name").value == "Bob"

    # The next run does not reach the bad line and carries on normally.
    at.run()
    no_exception(at)
    assert line(at, "Hello, ") == "Hello, Bob!"


def test_session_state_errors_callback_fix_clears_and_fills_without_error():
    stem = "session_state_errors_callback_fix"
    at = start(stem)
    # Start value set above the widget.
    assert at.text_input(key="name").value == "Ada"
    assert line(at, "Hello, ") == "Hello, Ada!"

    at.text_input(key="name").input("Bob").run()
    no_exception(at)
    at.button(key="clear").click().run()
    no_exception(at)
    assert at.text_input(key="name").value == ""
    assert line(at, "Hello, ") == "Hello, stranger!"

    at.button(key="example").click().run()
    no_exception(at)
    assert at.text_input(key="name").value == "Grace"
    assert line(at, "Hello, ") == "Hello, Grace!"


def test_session_state_errors_page_quotes_the_real_message():
    page = flat(page_text("session-state-errors.md"))
    assert flat(f"StreamlitAPIException: {MODIFY_AFTER_1_62}") in page
    assert flat(
        "StreamlitValueAssignmentNotAllowedError: Values for the widget with `key` "
        "'upload' cannot be set using `st.session_state`."
    ) in page


CANNOT_BE_SET = {
    "st.button": 'st.button("Go", key="upload")',
    "st.download_button": 'st.download_button("Get", data=b"x", key="upload")',
    "st.form_submit_button": 'with st.form("f"):\n    st.form_submit_button("Send", key="upload")',
    "st.file_uploader": 'st.file_uploader("File", key="upload")',
    "st.camera_input": 'st.camera_input("Photo", key="upload")',
    "st.audio_input": 'st.audio_input("Voice", key="upload")',
    "st.data_editor": 'st.data_editor([{"a": 1}], key="upload")',
}


@pytest.mark.parametrize("command", CANNOT_BE_SET)
def test_session_state_errors_keys_that_cannot_be_set(command):
    # The list and the message on the page, checked against Streamlit itself.
    assert f"`{command}`" in page_text("session-state-errors.md")
    at = AppTest.from_string(
        "import streamlit as st\nst.session_state.upload = None\n" + CANNOT_BE_SET[command],
        default_timeout=30,
    )
    at.run()
    assert [e.message for e in at.exception] == [
        "Values for the widget with `key` 'upload' cannot be set using `st.session_state`."
    ]
    assert at.exception[0].proto.type.endswith("StreamlitValueAssignmentNotAllowedError")


def test_session_state_errors_a_value_widget_key_can_be_set_above_it():
    # The control case for the test above: a text input takes the value.
    at = AppTest.from_string(
        'import streamlit as st\nst.session_state.upload = "hi"\n'
        'st.write(st.text_input("Text", key="upload"))',
        default_timeout=30,
    )
    at.run()
    no_exception(at)
    assert at.text_input(key="upload").value == "hi"


# --- widget-state-lost.md ------------------------------------------------------------


def nickname_line(at: AppTest) -> str:
    return line(at, "Nickname in session state: ")


def test_widget_state_lost_when_hidden_value_is_gone_after_hiding():
    stem = "widget_state_lost_when_hidden"
    at = start(stem)
    at.text_input(key="nickname").input("Zed").run()
    no_exception(at)
    assert nickname_line(at) == "Nickname in session state: 'Zed'"

    at.toggle(key="show_settings").set_value(False).run()
    no_exception(at)
    assert not at.text_input  # the widget is not drawn
    # Still readable during the run that hid the widget...
    assert nickname_line(at) == "Nickname in session state: 'Zed'"

    at.button(key="rerun").click().run()
    no_exception(at)
    # ...and deleted from the next run on.
    assert nickname_line(at) == "Nickname in session state: (gone)"
    assert "nickname" not in at.session_state

    at.toggle(key="show_settings").set_value(True).run()
    no_exception(at)
    assert at.text_input(key="nickname").value == ""
    assert nickname_line(at) == "Nickname in session state: ''"


def hide_rerun_show(at: AppTest) -> None:
    at.toggle(key="show_settings").set_value(False).run()
    no_exception(at)
    at.button(key="rerun").click().run()
    no_exception(at)
    at.button(key="rerun").click().run()
    no_exception(at)
    at.toggle(key="show_settings").set_value(True).run()
    no_exception(at)


def test_widget_state_lost_copy_to_own_key_keeps_the_value():
    stem = "widget_state_lost_copy_to_own_key"
    at = start(stem)
    assert line(at, "Saved nickname: ") == "Saved nickname: (empty)"
    at.text_input(key="_nickname").input("Zed").run()
    no_exception(at)
    assert line(at, "Saved nickname: ") == "Saved nickname: Zed"

    at.toggle(key="show_settings").set_value(False).run()
    at.button(key="rerun").click().run()
    no_exception(at)
    assert not at.text_input
    assert line(at, "Saved nickname: ") == "Saved nickname: Zed"

    at.toggle(key="show_settings").set_value(True).run()
    no_exception(at)
    assert at.text_input(key="_nickname").value == "Zed"

    # Later edits are saved too.
    at.text_input(key="_nickname").input("Ann").run()
    no_exception(at)
    hide_rerun_show(at)
    assert at.text_input(key="_nickname").value == "Ann"
    assert line(at, "Saved nickname: ") == "Saved nickname: Ann"


def test_widget_state_lost_persist_state_keeps_the_value():
    stem = "widget_state_lost_persist_state"
    at = start(stem)
    at.text_input(key="nickname").input("Zed").run()
    no_exception(at)
    hide_rerun_show(at)
    assert at.text_input(key="nickname").value == "Zed"
    assert nickname_line(at) == "Nickname in session state: 'Zed'"


def test_widget_state_lost_before_and_after_differ():
    results = {}
    for stem in ("widget_state_lost_when_hidden", "widget_state_lost_persist_state"):
        at = start(stem)
        at.text_input(key="nickname").input("Zed").run()
        hide_rerun_show(at)
        results[stem] = at.text_input(key="nickname").value
    assert results == {
        "widget_state_lost_when_hidden": "",
        "widget_state_lost_persist_state": "Zed",
    }


def test_widget_state_lost_reassign_trick_from_the_page_works():
    # Runs the code block of the page's "re-assign trick" section in a small app.
    page = page_text("widget-state-lost.md")
    section = page.split("### The re-assign trick", 1)[1]
    trick = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    app = (
        "import streamlit as st\n"
        + trick
        + 'if st.toggle("Show settings", value=True, key="show_settings"):\n'
        + '    st.text_input("Nickname", key="nickname")\n'
        + 'st.button("Rerun", key="rerun")\n'
    )
    at = AppTest.from_string(app, default_timeout=30)
    at.run()
    no_exception(at)
    at.text_input(key="nickname").input("Zed").run()
    hide_rerun_show(at)
    assert at.text_input(key="nickname").value == "Zed"
    # Without the trick, the same app loses the value (the test can fail).
    at = AppTest.from_string(app.replace(trick, ""), default_timeout=30)
    at.run()
    at.text_input(key="nickname").input("Zed").run()
    hide_rerun_show(at)
    assert at.text_input(key="nickname").value == ""


# --- caching.md -------------------------------------------------------------------------


def _review_runs(stem: str, reviews: tuple[str, ...]):
    """Type each review in turn; the app and, per run, (expensive calls, script runs)."""
    at = start(stem)
    seen = [(counter(at, "Expensive calls"), script_runs(at))]
    for review in reviews:
        at.text_input(key="review").input(review).run()
        no_exception(at)
        seen.append((counter(at, "Expensive calls"), script_runs(at)))
    return at, seen


def test_caching_model_reloads_every_run_counts_one_call_per_run(fresh_caches):
    at, seen = _review_runs("caching_model_reloads_every_run", ("great food", "bad service", "awful, awful"))
    assert seen == [(1, 1), (2, 2), (3, 3), (4, 4)]
    assert line(at, "Score: ") == "Score: -4"


def test_caching_model_and_data_cached_model_runs_once(fresh_caches):
    at, seen = _review_runs("caching_model_and_data_cached", ("great food", "bad service", "great, great!"))
    assert seen == [(1, 1), (1, 2), (1, 3), (1, 4)]
    assert line(at, "Score: ") == "Score: 4"


def test_caching_model_and_data_cached_data_loads_follow_max_entries(fresh_caches):
    # The page's walk-through: Oslo, Pune, Lima again (pushed out), Pune (kept).
    stem = "caching_model_and_data_cached"
    at = start(stem)
    assert counter(at, "Data loads") == 1  # Lima, the default choice
    expected = [("Oslo", 2), ("Pune", 3), ("Lima", 4), ("Pune", 4), ("Lima", 4)]
    for city, loads in expected:
        at.selectbox(key="city").select(city).run()
        no_exception(at)
        assert counter(at, "Data loads") == loads, city
        assert line(at, "Loaded ") == f"Loaded 3 reviews for {city}."
    assert counter(at, "Expensive calls") == 1


def test_caching_model_and_data_cached_is_shared_with_another_session(fresh_caches):
    first = start("caching_model_and_data_cached")
    assert counter(first, "Expensive calls") == 1
    # A second session: same results, but the bodies never ran for it.
    second = start("caching_model_and_data_cached")
    assert counter(second, "Expensive calls") == 0
    assert counter(second, "Data loads") == 0
    assert line(second, "Score: ") == line(first, "Score: ")
    assert line(second, "Loaded ") == "Loaded 3 reviews for Lima."


def test_caching_ttl_expires_after_five_seconds(fresh_caches, monkeypatch):
    # Streamlit's caches tell an entry's age by cache_utils.TTLCACHE_TIMER (a
    # hook it keeps for tests); here that clock moves only when the test moves it.
    from streamlit.runtime.caching import cache_utils

    now = [1000.0]
    monkeypatch.setattr(cache_utils, "TTLCACHE_TIMER", lambda: now[0])
    stem = "caching_ttl_expires"
    at = start(stem)
    assert counter(at, "Rate fetches") == 1
    for _ in range(2):
        now[0] += 2.45  # 4.9 s after the fetch in all: still fresh
        at.button(key="rerun").click().run()
        no_exception(at)
        assert counter(at, "Rate fetches") == 1
    now[0] += 0.4  # 5.3 s after the fetch
    at.button(key="rerun").click().run()
    no_exception(at)
    assert counter(at, "Rate fetches") == 2
    assert line(at, "EUR/USD: ") == "EUR/USD: 1.08"


def test_caching_a_coroutine_function_fails_in_streamlit_1_62(fresh_caches):
    # Why the page's stlite caveat matters: stlite turns a function that calls
    # time.sleep into `async def`, and st.cache_data can't store a coroutine.
    at = AppTest.from_string(
        "import streamlit as st\n"
        "@st.cache_data\n"
        "async def slow():\n"
        "    return 1\n"
        "coroutine = slow()\n"
        "coroutine.close()\n",
        default_timeout=30,
    )
    with warnings.catch_warnings():
        # The coroutine the failed call created is never awaited; that is the
        # point, so keep its warning out of the report.
        warnings.simplefilter("ignore", RuntimeWarning)
        at.run()
        messages = [e.message for e in at.exception]
        del at
        gc.collect()
    assert len(messages) == 1
    assert messages[0].startswith("Cannot serialize the return value")
    assert "Cannot serialize the return value" in page_text("caching.md")


# --- file-uploader.md ---------------------------------------------------------------------


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="upload").set_value((name, data, "text/plain")).run()
    return no_exception(at)


def flip_toggle(at: AppTest, times: int) -> None:
    for _ in range(times):
        toggle = at.toggle(key="show_longest")
        toggle.set_value(not toggle.value).run()
        no_exception(at)


def test_file_uploader_reprocess_every_run_processes_on_every_rerun(fresh_caches):
    stem = "file_uploader_reprocess_every_run"
    at = start(stem)
    assert counter(at, "Processing runs") == 0
    upload(at, "notes.txt", SAMPLE_TEXT)
    assert line(at, "notes.txt: ") == "notes.txt: 3 lines, 6 words"
    assert counter(at, "Processing runs") == 1
    flip_toggle(at, 3)
    assert counter(at, "Processing runs") == 4
    assert script_runs(at) == 5


def test_file_uploader_cache_on_bytes_processes_each_content_once(fresh_caches):
    stem = "file_uploader_cache_on_bytes"
    at = start(stem)
    upload(at, "notes.txt", SAMPLE_TEXT)
    assert counter(at, "Processing runs") == 1
    flip_toggle(at, 3)
    assert line(at, "notes.txt: ") == "notes.txt: 3 lines, 6 words"
    assert counter(at, "Processing runs") == 1

    # The same content again (a new upload, a new file id): still cached.
    at.file_uploader(key="upload").set_value(None).run()
    no_exception(at)
    upload(at, "notes.txt", SAMPLE_TEXT)
    assert counter(at, "Processing runs") == 1

    # Different content: one more run.
    upload(at, "other.txt", OTHER_TEXT)
    assert line(at, "other.txt: ") == "other.txt: 2 lines, 3 words"
    assert counter(at, "Processing runs") == 2


def test_file_uploader_cache_on_bytes_is_shared_between_sessions(fresh_caches):
    first = start("file_uploader_cache_on_bytes")
    upload(first, "notes.txt", SAMPLE_TEXT)
    assert counter(first, "Processing runs") == 1
    second = start("file_uploader_cache_on_bytes")
    upload(second, "copy.txt", SAMPLE_TEXT)
    assert counter(second, "Processing runs") == 0
    assert line(second, "copy.txt: ") == "copy.txt: 3 lines, 6 words"


def test_file_uploader_result_by_file_id_processes_each_upload_once(fresh_caches):
    stem = "file_uploader_result_by_file_id"
    at = start(stem)
    upload(at, "notes.txt", SAMPLE_TEXT)
    first_id = at.file_uploader(key="upload").value.file_id
    assert counter(at, "Processing runs") == 1
    flip_toggle(at, 3)
    assert counter(at, "Processing runs") == 1
    # The id the snippet compares against stays the same on every rerun.
    assert at.file_uploader(key="upload").value.file_id == first_id
    assert line(at, "Longest line: ") == "Longest line: gamma delta epsilon"

    # The same content uploaded again is a new upload with a new id.
    at.file_uploader(key="upload").set_value(None).run()
    no_exception(at)
    upload(at, "notes.txt", SAMPLE_TEXT)
    assert at.file_uploader(key="upload").value.file_id != first_id
    assert counter(at, "Processing runs") == 2


def test_file_uploader_result_by_file_id_is_per_session(fresh_caches):
    first = start("file_uploader_result_by_file_id")
    upload(first, "notes.txt", SAMPLE_TEXT)
    second = start("file_uploader_result_by_file_id")
    upload(second, "notes.txt", SAMPLE_TEXT)
    assert counter(first, "Processing runs") == 1
    assert counter(second, "Processing runs") == 1


def test_file_uploader_before_and_after_differ(fresh_caches):
    results = {}
    for stem in PAGE_SNIPPETS["file-uploader.md"]:
        st.cache_data.clear()
        at = start(stem)
        upload(at, "notes.txt", SAMPLE_TEXT)
        flip_toggle(at, 4)
        results[stem] = counter(at, "Processing runs")
    assert results == {
        "file_uploader_reprocess_every_run": 5,
        "file_uploader_cache_on_bytes": 1,
        "file_uploader_result_by_file_id": 1,
    }


# --- The same claims in real Streamlit, driven through Chromium ------------------------
#
# AppTest stands in for the browser above. These tests check the claims that
# lean most on the real runtime: a file going through the browser's real
# upload, a button's key read before the button is drawn, and persist_state
# restoring a field in the browser. They use the `streamlit run` fixture from
# tests/streamlit_server.py and read what the page shows.

from playwright.sync_api import Page, expect  # noqa: E402


BROWSER_TIMEOUT_MS = 10_000


def shown_counter(page: Page, name: str):
    return page.get_by_text(re.compile(rf"^{re.escape(name)}: \d+$"))


def expect_shown(page: Page, name: str, n: int) -> None:
    expect(shown_counter(page, name)).to_have_text(f"{name}: {n}", timeout=BROWSER_TIMEOUT_MS)


def expect_idle_after_run(page: Page, n: int) -> None:
    expect_shown(page, "Script runs this session", n)
    expect(page.get_by_test_id("stApp")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=BROWSER_TIMEOUT_MS
    )


def open_app(page: Page, url: str) -> None:
    page.set_default_timeout(BROWSER_TIMEOUT_MS)
    page.goto(url)
    expect_idle_after_run(page, 1)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=BROWSER_TIMEOUT_MS)


def written(page: Page, prefix: str):
    lines = page.locator('[data-testid="stMarkdown"] [data-testid="stMarkdownContainer"]')
    return lines.filter(has_text=re.compile(rf"^{re.escape(prefix)}"))


def browser_upload(page: Page, name: str, data: bytes) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        files=[{"name": name, "mimeType": "text/plain", "buffer": data}]
    )


def browser_remove_upload(page: Page, name: str) -> None:
    page.get_by_role("button", name=f"Remove {name}").click()


def click_toggle(page: Page, label: str) -> None:
    page.get_by_text(label, exact=True).click()


@pytest.mark.browser
def test_browser_file_uploader_before_and_after(streamlit_app, page):
    """Real uploads: the plain version processes on every rerun, the cached
    one once per content, the file-id one once per upload."""
    expected_after_toggles = {
        "file_uploader_reprocess_every_run": 3,
        "file_uploader_cache_on_bytes": 1,
        "file_uploader_result_by_file_id": 1,
    }
    for stem, processing_runs in expected_after_toggles.items():
        open_app(page, streamlit_app(stem))
        expect_shown(page, "Processing runs", 0)
        browser_upload(page, "notes.txt", SAMPLE_TEXT)
        expect_idle_after_run(page, 2)
        expect(written(page, "notes.txt: ")).to_have_text("notes.txt: 3 lines, 6 words")
        expect_shown(page, "Processing runs", 1)
        click_toggle(page, "Show the longest line")
        expect_idle_after_run(page, 3)
        expect(written(page, "Longest line: ")).to_have_text("Longest line: gamma delta epsilon")
        click_toggle(page, "Show the longest line")
        expect_idle_after_run(page, 4)
        expect_shown(page, "Processing runs", processing_runs)


@pytest.mark.browser
def test_browser_same_file_again_cache_versus_file_id(streamlit_app, page):
    """Removing the file and uploading the same content again: a cache hit for
    the bytes cache, a new file id (so one more run) for the session state way."""
    for stem, after_reupload in (
        ("file_uploader_cache_on_bytes", 1),
        ("file_uploader_result_by_file_id", 2),
    ):
        # The server keeps its cache between page loads; start this one cold
        # by using content no earlier test uploaded to this server.
        content = SAMPLE_TEXT + stem.encode()
        open_app(page, streamlit_app(stem))
        browser_upload(page, "notes.txt", content)
        expect_idle_after_run(page, 2)
        expect_shown(page, "Processing runs", 1)
        browser_remove_upload(page, "notes.txt")
        expect_idle_after_run(page, 3)
        expect(written(page, "notes.txt: ")).to_have_count(0)
        browser_upload(page, "notes.txt", content)
        expect_idle_after_run(page, 4)
        expect(written(page, "notes.txt: ")).to_have_count(1)
        expect_shown(page, "Processing runs", after_reupload)


@pytest.mark.browser
def test_browser_handle_first_reads_the_click_before_the_button(streamlit_app, page):
    """A button's key holds True at the top of the run its click started."""
    open_app(page, streamlit_app("one_step_behind_handle_first"))
    expect(written(page, "Status: ")).to_have_text("Status: not following")
    page.get_by_role("button", name="Follow").click()
    expect_idle_after_run(page, 2)
    expect(written(page, "Status: ")).to_have_text("Status: following")
    page.get_by_role("button", name="Unfollow").click()
    expect_idle_after_run(page, 3)
    expect(written(page, "Status: ")).to_have_text("Status: not following")


@pytest.mark.browser
def test_browser_hidden_text_input_lost_versus_persist_state(streamlit_app, page):
    """Hide the field, rerun, show it again: empty before, kept with persist_state."""
    for stem, kept in (
        ("widget_state_lost_when_hidden", ""),
        ("widget_state_lost_persist_state", "Zed"),
    ):
        open_app(page, streamlit_app(stem))
        field = page.get_by_role("textbox", name="Nickname")
        field.fill("Zed")
        field.press("Enter")
        expect_idle_after_run(page, 2)
        click_toggle(page, "Show settings")
        expect_idle_after_run(page, 3)
        expect(field).to_have_count(0)
        page.get_by_role("button", name="Rerun").click()
        expect_idle_after_run(page, 4)
        click_toggle(page, "Show settings")
        expect_idle_after_run(page, 5)
        expect(page.get_by_role("textbox", name="Nickname")).to_have_value(kept)
