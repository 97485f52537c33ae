"""Before: an on_change callback on a widget inside a form.

Streamlit refuses this: the app stops with an error that says only the
submit button of a form may have a callback.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")


def remember_title():
    st.session_state.saved = st.session_state.title


with st.form("task_form"):
    # A widget in a form never sends its own change to Streamlit, so a
    # change callback here could never fire. Streamlit raises an error
    # on this line instead of ignoring it silently.
    st.text_input("Task", key="title", on_change=remember_title)
    st.form_submit_button("Add task")
