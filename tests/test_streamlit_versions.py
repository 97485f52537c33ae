"""Where Streamlit 1.62.0 (the live examples) and the newest release differ.

This module runs twice in ``./dev test``: on the pinned 1.62.0 in the main
session, and on the newest release (requirements-newest.lock) with the rest of
the AppTest suite (``test_newest_streamlit.py``). Each test asserts the old
behaviour below the release that changed it and the new behaviour from that
release on, so a later release that changes it again fails here. Each
difference is the one-line note under "Versions" on the page named in its
section; the release that made each change was read from the Streamlit wheels
1.62.0 to 1.67.0.
"""
from __future__ import annotations

import datetime
import gc
import inspect
import re
import warnings

import pytest
import streamlit as st
from apptest_helpers import SNIPPETS, line, no_exception, script_runs, start
from packaging.version import Version
from streamlit.testing.v1 import AppTest
from claim_scripts import REWORDED_MESSAGE_APPS, RERUN_BETWEEN
from streamlit_messages import (
    MODIFY_AFTER_1_62,
    MODIFY_AFTER_1_65,
    READ_ONLY_1_62,
    READ_ONLY_1_65,
    REFUSED_IGNORE,
    REMOVED_NAME_1_62,
    RERUN_IN_CALLBACK,
)

DOCS = SNIPPETS.parent / "docs"
RUNNING = Version(st.__version__)


def since(release: str) -> bool:
    """Whether the Streamlit under test has the change made in ``release``."""
    return RUNNING >= Version(release)


def versions_note(page: str) -> str:
    """The page's "Versions" section (the one with the ``which-version`` anchor)."""
    text = (DOCS / page).read_text(encoding="utf-8")
    start_at = text.index("{#which-version}")
    end = text.find("\n## ", start_at)
    return " ".join(text[start_at : end if end != -1 else None].split())


def run_string(source: str) -> AppTest:
    return AppTest.from_string(source, default_timeout=30).run()


# --- st-rerun.md, callbacks.md: st.rerun() inside a callback (1.63.0) ---------


def test_rerun_in_a_callback_warns_up_to_1_62_and_is_honoured_from_1_63():
    at = start("rerun_in_callback_warning")
    at.button(key="save").click().run()
    no_exception(at)
    warnings_shown = [w.value for w in at.warning]
    if since("1.63.0"):
        # The request is queued and served after the callbacks: no warning.
        assert warnings_shown == []
    else:
        assert warnings_shown == [RERUN_IN_CALLBACK]
    # On both: st.rerun() ends the callback (the +100 after it never runs),
    # and in a plain app the click's own run is the only extra run.
    assert line(at, "Saves") == "Saves: 1"
    assert script_runs(at) == 2


def test_st_rerun_and_callbacks_pages_note_the_1_63_change():
    for page in ("st-rerun.md", "callbacks.md", "errors.md"):
        assert "1.63.0" in versions_note(page), page


# --- st-rerun.md: a widget placed after st.rerun() keeps its value (1.64.0) ---


def test_a_widget_after_st_rerun_loses_its_value_up_to_1_63_and_keeps_it_from_1_64():
    at = run_string(RERUN_BETWEEN)
    at.text_input(key="city").input("Oslo")
    at.text_input(key="name").input("Ada").run()
    at.button(key="go").click().run()
    no_exception(at)
    assert at.text_input(key="city").value == "Oslo"  # reached before st.rerun(): kept on both
    assert at.text_input(key="name").value == ("Ada" if since("1.64.0") else "")


FORM_IN_APPTEST = """\
import streamlit as st
with st.form("f"):
    name = st.text_input("Name", key="name")
    st.form_submit_button("Submit", key="go")
st.write(f"The script reads: {name!r}")
"""


def test_apptest_batches_a_forms_input_from_1_65():
    # forms-in-depth.md#caveats: without the submit, a run reads the typed
    # value up to 1.64 and the old one from 1.65.0; with it, the new value.
    at = run_string(FORM_IN_APPTEST)
    at.text_input(key="name").input("Ada").run()
    assert at.markdown[0].value == ("The script reads: ''" if since("1.65.0") else "The script reads: 'Ada'")
    at = run_string(FORM_IN_APPTEST)
    at.text_input(key="name").input("Ada")
    at.button(key="go").click().run()
    assert at.markdown[0].value == "The script reads: 'Ada'"
    assert "| `AppTest` applies a form's values only on its submit | 1.65.0 |" in (
        DOCS / "forms-in-depth.md"
    ).read_text(encoding="utf-8")


def test_st_rerun_page_notes_the_1_64_change():
    assert "Since 1.64.0 a widget placed after" in versions_note("st-rerun.md")


# --- caching.md: st.cache_data / st.cache_resource on an `async def` function (1.64.0)

ASYNC_CACHED = """\
import asyncio
import streamlit as st

calls = st.session_state.setdefault("calls", [])

@st.DECORATOR
async def answer():
    calls.append(1)
    return 42

st.write(f"First: {asyncio.run(answer())}")
st.write(f"Second: {asyncio.run(answer())}")
st.write(f"Calls: {len(calls)}")
"""


@pytest.mark.parametrize("decorator", ["cache_data", "cache_resource"])
def test_caching_a_coroutine_function_fails_up_to_1_63_and_caches_from_1_64(decorator):
    getattr(st, decorator).clear()  # a cold cache, as on a fresh server
    with warnings.catch_warnings():
        # Up to 1.63 st.cache_data never awaits the coroutine it created.
        warnings.simplefilter("ignore", RuntimeWarning)
        at = run_string(ASYNC_CACHED.replace("DECORATOR", decorator))
        messages = [e.message for e in at.exception]
        written = [m.value for m in at.markdown]
        del at
        gc.collect()
    if since("1.64.0"):
        assert messages == []
        assert written == ["First: 42", "Second: 42", "Calls: 1"]
    elif decorator == "cache_data":
        assert len(messages) == 1
        assert messages[0].startswith("Cannot serialize the return value")
        assert written == []
    else:
        # The first call ran the function; the second got the same coroutine back.
        assert messages == ["cannot reuse already awaited coroutine"]
        assert written == ["First: 42"]


def test_caching_and_errors_pages_note_the_1_64_change():
    note = versions_note("caching.md")
    assert "since 1.64.0 both decorators also cache an `async def` function's result" in note
    assert '("Cannot serialize the return value")' in note
    assert '`st.cache_resource` keeps the coroutine, so its second call fails' in note
    assert '"cannot reuse already awaited coroutine"' in note
    assert "1.64.0" in versions_note("errors.md")


# --- session-state-errors.md: the two messages reworded in 1.65.0 -------------


def test_modified_after_instantiated_message_up_to_1_64_and_from_1_65():
    at = start("session_state_errors_set_after_widget")
    at.button(key="clear").click().run()
    assert len(at.exception) == 1
    message = at.exception[0].message
    if since("1.65.0"):
        assert message.startswith(MODIFY_AFTER_1_65)
        assert "with that key" in versions_note("session-state-errors.md")
    else:
        assert message == MODIFY_AFTER_1_62


def test_read_only_key_message_up_to_1_64_and_from_1_65():
    at = run_string('import streamlit as st\nst.session_state.upload = None\nst.button("Go", key="upload")\n')
    assert [e.message for e in at.exception] == [
        READ_ONLY_1_65 if since("1.65.0") else READ_ONLY_1_62
    ]
    if since("1.65.0"):
        assert "is read-only and cannot be assigned through session state" in versions_note(
            "session-state-errors.md"
        )
    assert at.exception[0].proto.type.endswith("StreamlitValueAssignmentNotAllowedError")


def test_removed_name_message_up_to_1_64_and_names_the_replacement_from_1_65():
    at = run_string("import streamlit as st\nst.experimental_rerun()\n")
    assert [e.message for e in at.exception] == [
        REMOVED_NAME_1_62 + ". st.experimental_rerun has been removed. Use st.rerun instead."
        if since("1.65.0")
        else REMOVED_NAME_1_62
    ]
    assert "1.65.0" in versions_note("experimental-names.md")
    assert "Use st.rerun instead" in versions_note("experimental-names.md")
    assert "1.65.0" in versions_note("data-editor.md")


def test_session_state_errors_and_errors_pages_note_the_1_65_wording():
    assert "1.65.0" in versions_note("session-state-errors.md")
    assert "1.65.0" in versions_note("errors.md")


# --- widget-without-rerun.md, forms.md: on_change="ignore" (1.63.0 to 1.66.0) --

# How the app uses each widget of the page's Versions table, as a reader would.
# A widget AppTest cannot change is only drawn (None); every row of the table
# has at least one widget that is changed.
IGNORE_WIDGETS = {
    "slider": ('st.slider("W", 0, 10, key="w", on_change="ignore")', lambda w: w.set_value(7)),
    "text_input": ('st.text_input("W", key="w", on_change="ignore")', lambda w: w.input("Ada")),
    "selectbox": ('st.selectbox("W", ["a", "b"], key="w", on_change="ignore")', lambda w: w.select("b")),
    "select_slider": ('st.select_slider("W", ["a", "b"], key="w", on_change="ignore")',
                      lambda w: w.set_value("b")),
    "number_input": ('st.number_input("W", key="w", on_change="ignore")', lambda w: w.increment()),
    "checkbox": ('st.checkbox("W", key="w", on_change="ignore")', lambda w: w.check()),
    "toggle": ('st.toggle("W", key="w", on_change="ignore")', lambda w: w.set_value(True)),
    "radio": ('st.radio("W", ["a", "b"], key="w", on_change="ignore")', lambda w: w.set_value("b")),
    "multiselect": ('st.multiselect("W", ["a", "b"], key="w", on_change="ignore")',
                    lambda w: w.select("b")),
    "text_area": ('st.text_area("W", key="w", on_change="ignore")', lambda w: w.input("Ada")),
    "date_input": ('st.date_input("W", datetime.date(2026, 1, 1), key="w", on_change="ignore")',
                   lambda w: w.set_value(datetime.date(2026, 1, 2))),
    "time_input": ('st.time_input("W", datetime.time(9, 0), key="w", on_change="ignore")',
                   lambda w: w.set_value(datetime.time(10, 0))),
    "file_uploader": ('st.file_uploader("W", key="w", on_change="ignore")', None),
    "pills": ('st.pills("W", ["a", "b"], key="w", on_change="ignore")', None),
    "segmented_control": ('st.segmented_control("W", ["a", "b"], key="w", on_change="ignore")', None),
    "color_picker": ('st.color_picker("W", key="w", on_change="ignore")', lambda w: w.pick("#00ff00")),
    "feedback": ('st.feedback(key="w", on_change="ignore")', None),
    "data_editor": ('st.data_editor({"a": [1]}, key="w", on_change="ignore")', None),
    "camera_input": ('st.camera_input("W", key="w", on_change="ignore")', None),
    "audio_input": ('st.audio_input("W", key="w", on_change="ignore")', None),
    "datetime_input": ('st.datetime_input("W", datetime.datetime(2026, 1, 1, 9), key="w", '
                       'on_change="ignore")', None),
}
OLD_IGNORE_FAILURE = "'str' object is not callable"  # "ignore" taken for a callback


def ignore_table() -> dict[str, str]:
    """Widget name -> the release the page's Versions table gives it."""
    table = {}
    text = (DOCS / "widget-without-rerun.md").read_text(encoding="utf-8")
    section = text[text.index("{#which-version}") : text.index("{#further-reading}")]
    for cells in (line.split("|")[1:-1] for line in section.splitlines() if line.startswith("| `st.")):
        release = cells[1].strip()
        for name in re.findall(r"`st\.(\w+)`", cells[0]):
            table[name] = release
    return table


def test_the_versions_table_lists_every_widget_this_test_checks():
    table = ignore_table()
    assert set(table) - {"button", "chat_input"} == set(IGNORE_WIDGETS)
    assert table["slider"] == "1.63.0" and table["button"] == "not in 1.67.0"


def test_on_change_ignore_per_release_fails_before_it_and_holds_from_it():
    """One app per row of the table: its widgets drawn, then each changed once."""
    rows: dict[str, list[str]] = {}
    for name, release in ignore_table().items():
        if name in IGNORE_WIDGETS:
            rows.setdefault(release, []).append(name)
    failures = []
    for release, names in rows.items():
        calls = "\n".join(IGNORE_WIDGETS[n][0].replace('key="w"', f'key="{n}"') for n in names)
        at = run_string(f"import datetime\nimport streamlit as st\n{calls}\n")
        messages = [e.message for e in at.exception]
        if not messages:
            for n in names:
                change = IGNORE_WIDGETS[n][1]
                if change is not None:
                    change(getattr(at, n)(key=n))
            at.run()
            messages = [e.message for e in at.exception]
        if since(release):
            expected = []
        elif since("1.64.0"):  # refused when drawn
            expected = [REFUSED_IGNORE + " Pass a callback, or omit `on_change`."]
        else:  # drawn, then the first change takes "ignore" for a callback
            expected = [OLD_IGNORE_FAILURE]
        if messages != expected:
            failures.append((release, names, messages))
    assert len(rows) == 4
    assert failures == [], f"on {RUNNING}: {failures}"


def test_ignore_inside_a_form_is_rejected_on_1_62_and_accepted_from_1_63():
    at = run_string(
        'import streamlit as st\nwith st.form("f"):\n'
        '    st.slider("W", 0, 10, on_change="ignore")\n    st.form_submit_button("Go")\n'
    )
    messages = [e.message for e in at.exception]
    if since("1.63.0"):
        assert messages == []
    else:
        assert messages and messages[0].startswith("Within a form, callbacks can only be defined")


def test_button_refuses_on_click_ignore_in_the_newest_release():
    at = run_string('import streamlit as st\nst.button("Go", key="go", on_click="ignore")\n')
    messages = [e.message for e in at.exception]
    if since("1.64.0"):
        assert messages == ['`on_click="ignore"` is not supported on this widget. '
                            "Pass a callback, or omit `on_click`."]
    else:  # drawn; the click takes "ignore" for a callback
        assert messages == []
        at.button(key="go").click().run()
        assert [e.message for e in at.exception] == [OLD_IGNORE_FAILURE]


def test_forms_home_and_guide_point_to_the_ignore_page():
    assert "widget-without-rerun.md" in versions_note("forms.md")
    assert "1.63.0" in versions_note("forms.md")
    for page in ("index.md", "which-fix.md"):
        assert "widget-without-rerun.md" in (DOCS / page).read_text(encoding="utf-8"), page


# --- errors.md, dialogs.md, fragments.md: messages reworded (1.63.0, 1.67.0) -

# App -> (release of the new wording, 1.62.0's message, the newer message).
REWORDED = {
    "duplicate form key": (
        "1.63.0",
        "There are multiple identical forms with `key='order'`. To fix this, please make "
        "sure that the `key` argument is unique for each `st.form` you create.",
        "There are multiple elements with the same `key='order'`. To fix this, please make "
        "sure that the `key` argument is unique for each element you create.",
    ),
    "dialog without a title": (
        "1.63.0",
        'A non-empty `title` argument has to be provided for dialogs, for example '
        '`@st.dialog("Example Title")`.',
        'The `title` parameter is required. For example: `@st.dialog("Example Title")`.',
    ),
    "parallel fragment writes outside": (
        "1.67.0",
        "Writing to containers outside a parallel fragment is not allowed during the initial "
        "page load, because parallel fragments run concurrently on separate threads and "
        "external container writes are not thread-safe. To fix this, move the element inside "
        "the fragment body, or gate the write behind a widget interaction (e.g., `if "
        "st.button(...):`) so it runs during a sequential fragment rerun instead.",
        "Writing to a container created outside a parallel fragment, including `st.sidebar` "
        "and `st.bottom`, is not supported on a full app run or a later fragment rerun. "
        "To fix this, move the element inside the fragment body.",
    ),
}


@pytest.mark.parametrize("app", REWORDED)
def test_reworded_message_old_text_before_its_release_new_text_from_it(app):
    release, old, new = REWORDED[app]
    at = run_string(REWORDED_MESSAGE_APPS[app])
    assert [" ".join(e.message.split()) for e in at.exception] == [new if since(release) else old]
    # errors.md quotes the newer one (its start, the key as a placeholder)
    # in a block labelled with its release.
    labelled = re.findall(
        rf'^```text title="Streamlit {re.escape(release)} and later"\n(.*?)\n```$',
        (DOCS / "errors.md").read_text(encoding="utf-8"), re.M | re.S,
    )
    assert any(new.replace("'order'", "'<key>'").startswith(quote) for quote in labelled), labelled


def test_pages_note_the_reworded_messages():
    errors = versions_note("errors.md")
    assert "Reworded: a form's duplicate key" in errors and "a dialog without a title | 1.63.0" in errors
    assert "Reworded: both messages about a fragment writing to a container" in errors
    assert 'empty title: "The `title` parameter is required." | 1.63.0' in versions_note("dialogs.md")
    # The other fragment message needs a fragment rerun, which AppTest never
    # does: test_page_claims_browser.py shows it in Chromium, with the wording
    # errors.md gives for the release that serves the app.
    assert "created outside it, but the fragment did not write to that container" in versions_note(
        "fragments.md"
    )
    assert "1.67.0" in versions_note("fragments.md")


# --- First releases named in the Versions tables of the newer answers ---------
# Read from the Streamlit wheels 1.54.0, 1.55.0, 1.56.0, 1.58.0, 1.59.0, 1.60.0
# and 1.61.0: each feature is missing from the wheel before the release a page
# names and present in it. "1.54.0 or earlier": 1.54.0, the oldest wheel read,
# has it already. The tests below check the other side on the Streamlit under
# test (1.62.0 and the newest release): the feature is there and behaves as the
# page says, and the page's row names that release.


def versions_row(page: str, words: str) -> str:
    """The one row of the page's Versions table that contains ``words``."""
    rows = [r for r in versions_note_lines(page) if r.startswith("|") and words in r]
    assert len(rows) == 1, (page, words, rows)
    return rows[0]


def versions_note_lines(page: str) -> list[str]:
    text = (DOCS / page).read_text(encoding="utf-8")
    start_at = text.index("{#which-version}")
    return text[start_at : text.index("{#further-reading}")].splitlines()


def written_by(*lines: str) -> list[str]:
    """What an app of these lines (after ``import streamlit as st``) writes; it must not raise."""
    at = no_exception(run_string("import streamlit as st\n" + "\n".join(lines) + "\n"))
    return [m.value for m in at.markdown]


def test_tabs_and_expanders_report_the_open_one_from_1_55():
    assert written_by(
        'a, b = st.tabs(["A", "B"], key="t", on_change="rerun")',
        'e = st.expander("E", key="e", on_change="rerun")',
        'p = st.popover("P", key="p", on_change="rerun")',
        'st.write(f"{a.open} {b.open} {e.open} {p.open}")',
    ) == ["True False False False"]
    assert "| 1.55.0 |" in versions_row("tabs-expanders.md", "`on_change` and `.open` on `st.tabs`")
    assert "Before 1.55.0" in versions_note("tabs-expanders.md")
    home = " ".join((DOCS / "index.md").read_text(encoding="utf-8").split())
    assert 'popover created with `on_change="rerun"` or a callback (Streamlit 1.55.0 and later)' in home


def test_table_selection_modes_and_defaults_named_on_the_selections_page():
    assert written_by(
        'data = {"City": ["Oslo", "Rome"]}',
        'one = st.dataframe(data, key="one", on_select="rerun", selection_mode="single-row-required",'
        '                   selection_default={"selection": {"rows": [1]}})',
        'cells = st.dataframe(data, key="cells", on_select="rerun", selection_mode=["single-cell"])',
        'st.write(f"{one.selection.rows} {cells.selection.cells}")',
    ) == ["[1] []"]
    assert "| 1.56.0 |" in versions_row("selections.md", "`selection_default`")
    assert "| 1.54.0 or earlier |" in versions_row("selections.md", "Cell selection modes")


def test_chat_input_submit_mode_named_with_its_release():
    assert "submit_mode" in inspect.signature(st.chat_input).parameters
    assert "`submit_mode` came in 1.59.0." in versions_note("chat.md")


def test_navigation_at_the_top_is_in_the_multipage_table():
    assert "position" in inspect.signature(st.navigation).parameters
    no_exception(start("multipage_keep_values/streamlit_app"))  # it passes position="top"
    assert "| 1.54.0 or earlier |" in versions_row("multipage.md", '`position="top"`')


KEYED_EDITOR = """\
import streamlit as st

runs = st.session_state.setdefault("runs", 0) + 1
st.session_state.runs = runs
st.data_editor([{"qty": runs}], {key}num_rows="{rows}")
"""


def editor_ids(key: str, rows: str) -> set[str]:
    """The editor's widget id on two runs whose input data differ."""
    at = run_string(KEYED_EDITOR.replace("{key}", key).replace("{rows}", rows))
    first = at.dataframe[0].proto.id
    at.run()
    no_exception(at)
    return {first, at.dataframe[0].proto.id}


def test_a_keyed_fixed_row_editor_keeps_its_identity_when_the_data_changes_from_1_60():
    # One id on both runs: the edits recorded against it are kept.
    assert len(editor_ids('key="basket", ', "fixed")) == 1
    # A new id, so the recorded edits are dropped, without a key or with dynamic rows.
    assert len(editor_ids("", "fixed")) == 2
    assert len(editor_ids('key="basket", ', "dynamic")) == 2
    assert "| 1.60.0 |" in versions_row("data-editor.md", "keyed editors with fixed rows")
    assert "Before 1.60.0 the keyed fix alone is not enough" in versions_note("data-editor.md")
