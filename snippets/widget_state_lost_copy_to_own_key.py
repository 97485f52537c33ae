"""After: the value lives under a key of your own, which no cleanup touches.

The widget gets a temporary key ("_nickname"). A callback copies each change
to "nickname", and the widget is filled from "nickname" whenever it is drawn.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

# The permanent copy: a plain session state key, not tied to any widget.
if "nickname" not in st.session_state:
    st.session_state.nickname = ""


def save_nickname():
    # Runs after each change, before the script: keep the new value safe.
    st.session_state.nickname = st.session_state._nickname


show_settings = st.toggle("Show settings", value=True, key="show_settings")

if show_settings:
    # Set the widget's value from the saved copy, before the widget is drawn.
    st.session_state._nickname = st.session_state.nickname
    st.text_input("Nickname", key="_nickname", on_change=save_nickname)

st.write(f"Saved nickname: {st.session_state.nickname or '(empty)'}")

st.button("Rerun", key="rerun")
