"""Claims the pages make about Streamlit itself, each run against Streamlit.

Each test names the page and section whose sentence it backs; the snippets'
own behaviour is tested in test_answers_*.py.
"""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from apptest_helpers import no_exception
from claim_scripts import DEFERRED_DOWNLOAD, RERUN_BETWEEN, STOP_BEFORE_WIDGET


def app(source: str) -> AppTest:
    return no_exception(AppTest.from_string(source, default_timeout=30).run())


# --- st-rerun.md#what-it-does: only widgets the stopped run reached keep their values


def test_a_widget_after_st_rerun_loses_its_value_one_before_keeps_it():
    at = app(RERUN_BETWEEN)
    at.text_input(key="city").input("Oslo")
    at.text_input(key="name").input("Ada").run()
    assert (at.text_input(key="city").value, at.text_input(key="name").value) == ("Oslo", "Ada")
    at.button(key="go").click().run()
    no_exception(at)
    assert at.text_input(key="city").value == "Oslo"
    assert at.text_input(key="name").value == ""


# --- widget-state-lost.md#how-it-works: a run stopped by st.stop() deletes nothing

def test_a_run_stopped_by_st_stop_keeps_the_value_a_finished_run_deletes_it():
    stopped = app(STOP_BEFORE_WIDGET)
    hidden = app('''import streamlit as st
if not st.toggle("Hide", key="early"):
    st.text_input("Name", key="name")
''')
    for at in (stopped, hidden):
        at.text_input(key="name").input("Ada").run()
        at.toggle(key="early").set_value(True).run()
        no_exception(at)
        assert not at.text_input  # the widget is not drawn in either run
    assert stopped.session_state["name"] == "Ada"
    assert "name" not in hidden.session_state


# --- widget-state-lost.md#query-params: a bound widget starts from the URL

def test_a_widget_bound_to_query_params_starts_from_the_url_in_a_new_session():
    source = '''import streamlit as st
st.text_input("Nickname", key="nickname", bind="query-params")
'''
    at = AppTest.from_string(source, default_timeout=30)
    at.query_params["nickname"] = "Zed"
    no_exception(at.run())
    assert at.text_input(key="nickname").value == "Zed"
    # Unbound, the same URL changes nothing.
    plain = AppTest.from_string(source.replace(', bind="query-params"', ""), default_timeout=30)
    plain.query_params["nickname"] = "Zed"
    assert no_exception(plain.run()).text_input(key="nickname").value == ""


# --- one-step-behind.md#caveats, widget-state-lost.md#caveats: key as identity

LABEL_CHANGES = '''import streamlit as st
st.session_state.runs = st.session_state.get("runs", 0) + 1
st.button(f"Follow {st.session_state.runs}", key="follow")
st.text_input(f"Name {st.session_state.runs}", key="name")
st.button(f"Plain {st.session_state.runs}")
'''


def test_a_keyed_widget_keeps_its_identity_when_its_label_changes():
    at = app(LABEL_CHANGES)
    before = (at.button(key="follow").id, at.button[1].id)
    at.text_input(key="name").input("Ada").run()
    no_exception(at)
    assert at.button(key="follow").id == before[0]
    assert at.button[1].id != before[1]  # without a key the label is part of the identity
    assert at.text_input(key="name").value == "Ada"


def test_a_keyed_slider_still_resets_when_its_max_value_changes():
    at = app('''import streamlit as st
top = st.number_input("Top", value=10, key="top")
st.slider("Level", 0, int(top), 0, key="level")
st.slider(f"Other {top}", 0, 100, 0, key="other")
''')
    at.slider(key="level").set_value(7)
    at.slider(key="other").set_value(7).run()
    at.number_input(key="top").set_value(20).run()
    no_exception(at)
    assert at.slider(key="level").value == 0  # max_value is part of its identity
    assert at.slider(key="other").value == 7  # the label is not


# --- download-button.md#file-contents: data= may be a callable run on click
# (that the click calls it: test_page_claims_browser.py)

def test_download_data_can_be_a_callable_that_the_run_does_not_call():
    at = app(DEFERRED_DOWNLOAD)
    assert at.markdown[-1].value == "Reports built: 0"
    at.button(key="next").click().run()
    assert no_exception(at).markdown[-1].value == "Reports built: 0"


# --- caching.md#caveats: editing a cached function's code starts a new cache
# (session scope and persist="disk" need real sessions and a real restart:
# test_page_claims_browser.py)

CACHED_LOAD = '''import itertools
import streamlit as st
@st.cache_resource
def call_numbers():
    return itertools.count(1)
@st.cache_data
def load():
    return next(call_numbers())  # version 1
st.write(f"load() call {load()}")
'''


def test_editing_a_cached_function_starts_a_new_cache_for_it():
    shown = [
        app(source).markdown[0].value
        for source in (CACHED_LOAD, CACHED_LOAD, CACHED_LOAD.replace("version 1", "version 2"))
    ]
    first = int(shown[0].rsplit(" ", 1)[1])
    # A new session finds the entry; the edited function (only its comment
    # changed) is called again.
    assert shown == [f"load() call {first}", f"load() call {first}", f"load() call {first + 1}"]
