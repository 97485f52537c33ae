"""Also after: handle the click at the top, before anything is drawn.

A widget's value is in st.session_state under its key as soon as the run
starts, even before the script reaches the widget. Read it first, update the
state, and only then draw.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

if "following" not in st.session_state:
    st.session_state.following = False

# On the run that a click starts, the button's key already holds True here.
# (On the very first run the button does not exist yet, hence .get.)
if st.session_state.get("follow"):
    st.session_state.following = not st.session_state.following

st.write(f"Status: {'following' if st.session_state.following else 'not following'}")
label = "Unfollow" if st.session_state.following else "Follow"
st.button(label, key="follow")  # its return value is no longer needed
