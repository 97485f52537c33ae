"""AppTest checks for the answers on chat, multipage apps, dependent widgets,
long work and threads, query parameters and removed experimental names.

Pages: docs/chat.md, docs/multipage.md, docs/data-editor.md, docs/dependent-widgets.md,
docs/long-work.md, docs/tabs-expanders.md, docs/query-params.md and
docs/experimental-names.md.
Each test runs the snippet (or, for a multi-file example, the entry file with
its pages) that the page embeds and asserts what the page says about it.

What AppTest cannot show, and how these tests deal with it:

* A page switch in a multipage app: ``AppTest.switch_page`` selects the page
  and ``run()`` executes the entry file, which runs that page through
  ``st.navigation``, as ``streamlit run`` does. The examples keep their pages
  in ``app_pages/``: a folder named ``pages/`` would make AppTest run the page
  files without the entry file (see the multipage page's caveat, proven
  below). test_answers_apps_browser.py switches pages through the real
  navigation links too.
* Query parameters: AppTest starts a run with the parameters a URL would
  carry, so "a reload with this link" is a new AppTest with them. That a pick
  writes ``?city=`` into the address bar is done by Streamlit's frontend and
  checked in Chromium (test_answers_apps_browser.py).
* Editing cells of ``st.data_editor``: AppTest has no data editor widget, so
  test_answers_apps_browser.py types the edits into the grid in Chromium;
  here only what needs no edit (first run, Save, the recorded changes).
* AppTest can't click a tab; setting the tabs' key in session state before a
  run opens a tab from code (which the page also describes), and
  test_answers_apps_browser.py clicks the tab in Chromium.
* Threads don't exist in Pyodide, so no snippet uses one; the page shows the
  thread code as plain blocks, and the tests run those very blocks here, in
  real Streamlit.
"""
from __future__ import annotations

import ast
import json
import logging
import re

import pytest
import streamlit as st
from apptest_helpers import SNIPPETS, captions, counter, load, no_exception, script_runs, start, texts
from mkdocs_stlite.sources import embedded_snippets
from streamlit.testing.v1 import AppTest

DOCS = SNIPPETS.parent / "docs"

# Snippets (or multi-file entries) per page, in the order the page shows them.
PAGE_SNIPPETS = {
    "chat.md": ["chat_messages_vanish.py", "chat_history_in_session_state.py"],
    "multipage.md": [
        "multipage_value_lost/streamlit_app.py",
        "multipage_keep_values/streamlit_app.py",
    ],
    "data-editor.md": [
        "data_editor_feedback_loses_edits.py",
        "data_editor_fixed_input_keyed.py",
    ],
    "dependent-widgets.md": [
        "dependent_widgets_reset_unkeyed.py",
        "dependent_widgets_keyed_keep_choice.py",
    ],
    "long-work.md": ["long_work_redone_every_click.py", "long_work_status_once.py"],
    "tabs-expanders.md": ["tabs_all_run_every_time.py", "tabs_on_change_lazy.py"],
    "query-params.md": ["query_params_lost_on_reload.py", "query_params_bind_widget.py"],
    "experimental-names.md": [
        "experimental_rerun_attribute_error.py",
        "experimental_rerun_renamed.py",
    ],
    "selections.md": ["selection_reruns_whole_script.py", "selection_in_fragment.py"],
    "auto-refresh.md": ["refresh_loop_reruns_everything.py", "refresh_run_every_fragment.py"],
}
THREAD_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"


def app(stem: str) -> AppTest:
    """``snippets/<stem>.py`` (a multi-file example: ``folder/entry``) under AppTest."""
    return load(stem)


def run(stem: str) -> AppTest:
    return no_exception(app(stem).run())


def inline_app(*lines: str) -> AppTest:
    """A small app written line by line in a test, after its first run."""
    return AppTest.from_string("\n".join(lines)).run()


def page_text(page: str) -> str:
    return (DOCS / page).read_text(encoding="utf-8")


def python_blocks(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```$", text, flags=re.S | re.M)


def section(text: str, title: str) -> str:
    return text.split(f"## {title}", 1)[1].split("\n## ", 1)[0]


# --- The page form -------------------------------------------------------------


@pytest.mark.parametrize("page,names", PAGE_SNIPPETS.items())
def test_page_embeds_its_examples_in_order(page, names):
    # The outline, the word budget and every Python block: tests/test_pages.py.
    assert embedded_snippets(page_text(page)) == names


@pytest.mark.parametrize("name", [n for names in PAGE_SNIPPETS.values() for n in names if "/" in n])
def test_multi_file_entry_shows_the_run_counter_first(name):
    at = run(name.removesuffix(".py"))
    first = at.main.children[0]
    assert first.type == "caption" and first.value == "Script runs this session: 1"


@pytest.mark.parametrize("name", [n for names in PAGE_SNIPPETS.values() for n in names if "/" in n])
def test_multi_file_example_imports_only_streamlit(name):
    for path in (SNIPPETS / name.split("/")[0]).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        modules |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert modules == {"streamlit"}, (path, modules)


# --- chat.md ---------------------------------------------------------------------


def send(at: AppTest, text: str) -> AppTest:
    return no_exception(at.chat_input[0].set_value(text).run())


def test_chat_without_history_shows_only_the_newest_message_and_a_click_wipes_it():
    at = run("chat_messages_vanish")
    send(at, "hello there")
    assert texts(at) == ["hello there", "You said 2 word(s): hello there"]
    send(at, "second")
    assert texts(at) == ["second", "You said 1 word(s): second"]
    at.button(key="helpful").click().run()
    assert texts(at) == [] and script_runs(at) == 4


def test_chat_history_survives_messages_and_helpful_clicks():
    at = run("chat_history_in_session_state")
    send(at, "hello there")
    send(at, "second")
    conversation = [
        "hello there",
        "You said 2 word(s): hello there",
        "second",
        "You said 1 word(s): second",
    ]
    assert texts(at) == conversation
    assert [m.name for m in at.chat_message] == ["user", "assistant", "user", "assistant"]
    # One keyed "Helpful" button per reply; clicking the first keeps everything.
    assert [b.key for b in at.button] == ["helpful_1", "helpful_3"]
    at.button(key="helpful_1").click().run()
    no_exception(at)
    assert texts(at) == conversation
    assert "Marked as helpful" in captions(at)
    assert [b.key for b in at.button] == ["helpful_3"]
    assert at.session_state.messages[1]["helpful"] is True


def test_chat_reply_is_streamed_with_write_stream():
    source = (SNIPPETS / "chat_history_in_session_state.py").read_text(encoding="utf-8")
    assert "st.write_stream(reply_words(prompt))" in source
    assert "yield" in source


def test_chat_input_in_a_form_fails_with_the_quoted_message():
    at = AppTest.from_string(
        'import streamlit as st\nwith st.form("f"):\n    st.chat_input("x")\n    st.form_submit_button()\n'
    ).run()
    assert [e.message for e in at.exception] == ["`st.chat_input()` can't be used in a `st.form()`."]
    assert "`st.chat_input()` can't be used in a `st.form()`." in page_text("chat.md")


def test_identical_buttons_in_two_messages_clash_without_a_key():
    lines = [
        "import streamlit as st",
        "for _ in range(2):",
        '    with st.chat_message("assistant"):',
        '        st.button("Helpful")',
    ]
    at = AppTest.from_string("\n".join(lines), default_timeout=30).run()
    assert at.exception
    assert at.exception[0].message.startswith(
        "There are multiple `button` elements with the same auto-generated ID."
    )


def test_data_editor_can_sit_in_a_form():
    lines = [
        "import streamlit as st",
        'with st.form("f"):',
        '    rows = st.data_editor([{"qty": 1}], key="rows")',
        '    st.form_submit_button("Save")',
        'st.write(f"{rows[0][\'qty\']}")',
    ]
    at = AppTest.from_string("\n".join(lines), default_timeout=30).run()
    no_exception(at)
    assert texts(at) == ["1"]


def test_chat_submit_modes_named_on_the_page_exist():
    import inspect

    doc = inspect.getsource(type(st._main).chat_input)
    for mode in ('"disable"', '"stop"', '"submit"'):
        assert f"``{mode}``" in doc, mode


# --- multipage.md ----------------------------------------------------------------


def test_multipage_value_on_a_page_is_dropped_after_a_switch():
    """In AppTest the first run after ``switch_page`` still sees the old value
    (it sends the old widget states along); a real page switch does not, which
    test_answers_apps_browser.py shows. From the next run on both agree."""
    at = run("multipage_value_lost/streamlit_app")
    assert texts(at) == ["Picked: Lisbon"]
    at.selectbox(key="city").select("Oslo").run()
    at.switch_page("app_pages/report.py").run()
    no_exception(at)
    assert script_runs(at) == 3  # the entry file ran again for the switch
    at.button(key="refresh").click().run()
    assert texts(at) == ["Report for: (nothing picked)"]
    at.switch_page("app_pages/pick.py").run()
    assert at.selectbox(key="city").value == "Lisbon"
    assert script_runs(at) == 5


def test_multipage_entry_widget_and_own_key_keep_values_across_pages():
    at = run("multipage_keep_values/streamlit_app")
    at.selectbox(key="city").select("Oslo").run()
    at.text_input(key="_note").input("bring umbrella").run()
    at.switch_page("app_pages/report.py").run()
    no_exception(at)
    assert texts(at) == ["Report for: Oslo", "Note: bring umbrella"]
    at.button(key="refresh").click().run()
    assert texts(at) == ["Report for: Oslo", "Note: bring umbrella"]
    at.switch_page("app_pages/pick.py").run()
    assert at.selectbox(key="city").value == "Oslo"
    assert at.text_input(key="_note").value == "bring umbrella"
    assert script_runs(at) == 6


def test_same_widget_on_two_pages_is_two_widgets(tmp_path):
    """The caveat: a widget's identity includes its page."""
    (tmp_path / "views").mkdir()
    widget = 'import streamlit as st\nst.selectbox("City", ["Lisbon", "Oslo"], key="city")\n'
    (tmp_path / "views" / "a.py").write_text(widget)
    (tmp_path / "views" / "b.py").write_text(widget)
    (tmp_path / "app.py").write_text(
        'import streamlit as st\nst.navigation([st.Page("views/a.py"), st.Page("views/b.py")]).run()\n'
    )
    at = AppTest.from_file(str(tmp_path / "app.py"), default_timeout=30).run()
    at.selectbox(key="city").select("Oslo").run()
    at.switch_page("views/b.py").run()
    assert at.selectbox(key="city").value == "Lisbon"


def test_a_pages_folder_makes_apptest_skip_the_entry_file(tmp_path):
    """The caveat on naming the folder pages/: switch_page runs the page alone."""
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.py").write_text('import streamlit as st\nst.write("page a")\n')
    (tmp_path / "app.py").write_text(
        'import streamlit as st\nst.caption("entry")\nst.navigation([st.Page("pages/a.py")]).run()\n'
    )
    at = AppTest.from_file(str(tmp_path / "app.py"), default_timeout=30).run()
    assert captions(at) == ["entry"]
    at.switch_page("pages/a.py").run()
    assert texts(at) == ["page a"] and captions(at) == []


def test_multipage_page_names_the_folder_caveat():
    text = page_text("multipage.md")
    assert "`pages/`" in text and "`app_pages/`" in text


# --- data-editor.md ------------------------------------------------------------------


def test_data_editor_examples_start_from_the_same_rows():
    for stem in ("data_editor_feedback_loses_edits", "data_editor_fixed_input_keyed"):
        assert texts(run(stem))[0] == "Total: 3", stem


def test_keyed_editor_records_changes_under_its_key_and_save_copies_the_rows():
    at = run("data_editor_fixed_input_keyed")
    recorded = at.session_state["basket"]
    assert {"edited_rows", "added_rows", "deleted_rows"} <= set(recorded)
    at.button(key="save").click().run()
    no_exception(at)
    assert texts(at) == ["Total: 3", "Saved total: 3"]
    assert at.session_state["saved"] == [
        {"item": "Apples", "qty": 1},
        {"item": "Bread", "qty": 1},
        {"item": "Milk", "qty": 1},
    ]


# --- dependent-widgets.md -----------------------------------------------------------


def choice_after_prices(name: str, prices: list[int]) -> list[str]:
    at = run(name)
    at.selectbox[0].select("Chair").run()
    seen = []
    for price in prices:
        at.slider(key="max_price").set_value(price).run()
        no_exception(at)
        seen.append(at.selectbox[0].value)
    return seen


def test_unkeyed_select_box_jumps_back_when_its_options_change():
    # 140 keeps the list as it was (Desk costs 140); 100 drops the desk.
    assert choice_after_prices("dependent_widgets_reset_unkeyed", [140, 100]) == ["Chair", "Cup"]


def test_keyed_select_box_keeps_the_choice_while_it_is_offered():
    assert choice_after_prices("dependent_widgets_keyed_keep_choice", [140, 100, 70]) == [
        "Chair",
        "Chair",
        "Cup",
    ]


def test_a_changing_label_resets_an_unkeyed_widget():
    code = (
        "import streamlit as st\n"
        'n = st.number_input("n", 1, 5, 1, key="n")\n'
        'st.selectbox(f"Pick ({n})", ["a", "b"])\n'
    )
    at = AppTest.from_string(code).run()
    at.selectbox[0].select("b").run()
    at.number_input(key="n").set_value(2).run()
    assert at.selectbox[0].value == "a"


# --- long-work.md --------------------------------------------------------------------


def test_top_level_job_runs_again_on_every_rerun():
    at = run("long_work_redone_every_click")
    assert counter(at, "Job runs") == 1
    at.toggle(key="details").set_value(True).run()
    assert counter(at, "Job runs") == 2
    assert texts(at) == ["Result: 3 steps done"]


def test_job_on_request_runs_once_in_a_status_and_its_result_stays():
    at = run("long_work_status_once")
    assert counter(at, "Job runs") == 0 and texts(at) == ["Result: (not run yet)"]
    at.button(key="start").click().run()
    no_exception(at)
    assert counter(at, "Job runs") == 1
    status = at.status[0]
    assert status.label == "Job finished" and status.state == "complete"
    assert [m.value for m in status.markdown] == [f"Step {n} of 3 done" for n in (1, 2, 3)]
    at.toggle(key="details").set_value(True).run()
    assert counter(at, "Job runs") == 1
    assert texts(at) == ["Result: 3 steps done"]
    assert not at.status


def thread_blocks() -> tuple[str, str]:
    threads = page_text("long-work.md").split("### Threads", 1)[1].split("\n## ", 1)[0]
    good, bad = python_blocks(threads)
    return good, bad


class Collect(logging.Handler):
    def __init__(self):
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@pytest.fixture
def thread_log():
    handler = Collect()
    logger = logging.getLogger(THREAD_LOGGER)
    logger.addHandler(handler)
    yield handler.messages
    logger.removeHandler(handler)


def test_st_call_in_a_thread_warns_and_draws_nothing(thread_log):
    _, bad = thread_blocks()
    at = AppTest.from_string(bad, default_timeout=30).run()
    no_exception(at)
    assert texts(at) == []
    expected = (
        "Thread 'worker': missing ScriptRunContext! This warning can be ignored when running "
        "in bare mode."
    )
    assert expected in thread_log


def test_thread_that_only_computes_gets_its_result_drawn(thread_log):
    good, _ = thread_blocks()
    at = AppTest.from_string(good, default_timeout=30).run()
    no_exception(at)
    assert texts(at) == [f"Total: {sum(range(10**6))}"]
    assert not [m for m in thread_log if "missing ScriptRunContext" in m and "MainThread" not in m]


def test_thread_writing_into_a_passed_container_raises_no_session_context(thread_log):
    code = (
        "import threading, streamlit as st\n"
        "errors = []\n"
        "box = st.container()\n"
        "def work():\n"
        "    try:\n"
        "        box.write('x')\n"
        "    except Exception as exc:\n"
        "        errors.append(type(exc).__name__)\n"
        "t = threading.Thread(target=work); t.start(); t.join()\n"
        "st.write(', '.join(errors))\n"
    )
    at = AppTest.from_string(code).run()
    assert texts(at) == ["NoSessionContext"]


# --- tabs-expanders.md -------------------------------------------------------------


def test_default_tabs_build_every_tab_on_every_run():
    at = run("tabs_all_run_every_time")
    at.button(key="rerun").click().run()
    assert texts(at) == ["Sales built 2 time(s)", "Costs built 2 time(s)"]
    assert [t.label for t in at.tabs] == ["Sales", "Costs"]


def test_tracked_tabs_build_only_the_open_tab():
    at = run("tabs_on_change_lazy")
    at.button(key="rerun").click().run()
    assert texts(at) == ["Sales built 2 time(s)"]
    assert at.session_state["report_tab"] == "Sales"
    at.session_state["report_tab"] = "Costs"  # opening a tab from code
    at.run()
    no_exception(at)
    assert texts(at) == ["Costs built 1 time(s)"]


def test_expander_open_is_none_by_default_and_tracked_with_on_change():
    at = inline_app(
        "import streamlit as st",
        'plain = st.expander("Plain")',
        'tracked = st.expander("Tracked", key="more", on_change="rerun")',
        'st.write(f"{plain.open} {tracked.open}")',
    )
    assert texts(at) == ["None False"]
    at.session_state["more"] = True
    at.run()
    assert texts(at) == ["None True"]


# --- query-params.md -----------------------------------------------------------------


def opened_with(name: str, **params: str) -> AppTest:
    at = app(name)
    for key, value in params.items():
        at.query_params[key] = value
    return no_exception(at.run())


def test_session_state_choice_ignores_the_url():
    at = run("query_params_lost_on_reload")
    at.selectbox(key="city").select("Oslo").run()
    assert texts(at)[0] == "Weather for Oslo"
    # A reload is a new session: back to the default.
    assert texts(run("query_params_lost_on_reload"))[0] == "Weather for Lisbon"
    assert texts(opened_with("query_params_lost_on_reload", city="Oslo"))[0] == "Weather for Lisbon"


def test_bound_widget_starts_from_the_url_and_ignores_invalid_values():
    assert texts(opened_with("query_params_bind_widget", city="Oslo"))[0] == "Weather for Oslo"
    assert texts(opened_with("query_params_bind_widget", city="Paris"))[0] == "Weather for Lisbon"


def test_bound_parameter_cannot_be_cleared_through_query_params():
    code = (
        "import streamlit as st\n"
        'st.selectbox("City", ["Lisbon", "Oslo"], key="city", bind="query-params")\n'
        "st.query_params.clear()\n"
    )
    at = AppTest.from_string(code)
    at.query_params["city"] = "Oslo"
    at.run()
    assert at.exception and "bound to widgets" in at.exception[0].message


# --- experimental-names.md -----------------------------------------------------------


def test_old_name_raises_attribute_error_on_the_click():
    at = run("experimental_rerun_attribute_error")
    at.button(key="add").click().run()
    assert [e.message for e in at.exception] == [
        "module 'streamlit' has no attribute 'experimental_rerun'"
    ]
    message = "AttributeError: module 'streamlit' has no attribute 'experimental_rerun'"
    assert message.split(": ", 1)[1] in " ".join(page_text("experimental-names.md").split())
    assert f"```pytb\n{message}\n```" in page_text("errors.md")


def test_st_rerun_updates_the_count_above_the_button():
    at = run("experimental_rerun_renamed")
    at.button(key="add").click().run()
    no_exception(at)
    assert texts(at) == ["Items in the basket: 1"]
    assert script_runs(at) == 3  # the click's run, then the one st.rerun() started


def test_every_old_name_in_the_table_is_gone_and_its_replacement_exists():
    table = section(page_text("experimental-names.md"), "How it works")
    rows = re.findall(r"^\| (`st\.experimental_.*?) \| (`st\..*?`) \|$", table, re.M)
    assert len(rows) >= 9
    for old, new in rows:
        for name in re.findall(r"`st\.(\w+)`", old):
            assert not hasattr(st, name), name
        assert hasattr(st, re.fullmatch(r"`st\.(\w+)`", new).group(1)), new


def test_data_editor_value_cannot_be_set_through_session_state():
    # The page's own example, after a line that sets the editor's key.
    example = (SNIPPETS / "data_editor_fixed_input_keyed.py").read_text(encoding="utf-8")
    setter = 'import streamlit as st\nst.session_state["basket"] = {"edited_rows": {}}\n'
    at = AppTest.from_string(setter + example, default_timeout=30).run()
    message = "Values for the widget with `key` 'basket' cannot be set using `st.session_state`."
    assert [e.message for e in at.exception] == [message]
    assert message in " ".join(section(page_text("data-editor.md"), "Caveats").split())
    # The error index quotes it word for word, the key as a placeholder, and
    # sends the reader to the data editor's answer.
    entry = section(page_text("errors.md"), "Data editor")
    quoted = message.replace("'basket'", "'<key>'")
    assert entry.count(f"```text\n{quoted}\n```") == 1
    assert "(data-editor.md#caveats)" in entry


# --- selections.md ---------------------------------------------------------------------
# AppTest has no way to click the grid: pick_rows sends what the browser sends for a
# pick, the table's id with its new selection. (The clicks: test_answers_apps_browser.py.)


def pick_rows(at: AppTest, rows: list[int]) -> AppTest:
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = at.dataframe[0].proto.id
    state.string_value = json.dumps({"selection": {"rows": rows, "columns": [], "cells": []}})
    return no_exception(at._run(states))


def test_a_pick_is_returned_and_kept_under_the_tables_key_where_code_can_set_it():
    for stem in ("selection_reruns_whole_script", "selection_in_fragment"):
        at = run(stem)
        assert texts(at)[-1] == "Selected: (no row)"
        pick_rows(at, [1])
        assert texts(at)[-1] == "Selected: Lisbon"
        assert list(at.session_state["cities"]["selection"]["rows"]) == [1]
        at.session_state["cities"] = {"selection": {"rows": [2], "columns": []}}
        no_exception(at.run())
        assert texts(at)[-1] == "Selected: Rome"


def test_a_callable_on_select_runs_before_the_script():
    at = inline_app(
        "import streamlit as st",
        "def picked():",
        "    st.session_state.seen = list(st.session_state.table.selection.rows)",
        'st.write(f"Callback saw: {st.session_state.get(\'seen\')}")',
        'st.dataframe({"a": [1, 2]}, key="table", on_select=picked)',
    )
    assert texts(at) == ["Callback saw: None"]
    pick_rows(at, [1])
    assert texts(at) == ["Callback saw: [1]"]  # drawn above the table, after the callback


def test_default_table_returns_no_selection_and_a_chart_selection_needs_a_parameter():
    at = inline_app(
        "import streamlit as st",
        'plain = st.dataframe({"a": [1, 2]})',
        "st.write(type(plain).__name__)",
        'spec = {"mark": "point", "encoding": {"x": {"field": "a", "type": "quantitative"}}}',
        'picked = st.vega_lite_chart({"a": [1, 2]}, dict(spec, params=[{"name": "pick", "select": "point"}]),',
        '                            on_select="rerun", key="chart")',
        "st.write(f\"Chart selection: {sorted(picked.selection)}\")",
        'st.vega_lite_chart({"a": [1, 2]}, spec, on_select="rerun")',
    )
    assert texts(at)[:2] == ["DeltaGenerator", "Chart selection: ['pick']"]
    assert at.exception[0].message.startswith(
        "Selections are activated, but the provided chart spec does not have any selections defined."
    )


# --- auto-refresh.md -------------------------------------------------------------------
# The loop and the timer run on their own: test_answers_apps_browser.py watches both.


def test_run_every_fragment_draws_the_reading_inside_the_fragment():
    at = run("refresh_run_every_fragment")
    assert script_runs(at) == 1 and counter(at, "Fragment runs") == 1
    assert texts(at)[-1] == "Latest reading: 4"

