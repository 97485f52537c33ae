"""After: the like button moves into a fragment; a click reruns only that part.

Click "Add a like": "Fragment runs" goes up, while "Script runs this
session" and the slow part above stay as they are.
"""
import time

import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

with st.spinner("Building the slow part..."):
    time.sleep(1)
st.write("Slow part: done")


@st.fragment
def likes():
    # Counts the runs of this function only: once per full run, plus
    # once per click on a widget inside it.
    st.session_state.fragment_runs = st.session_state.get("fragment_runs", 0) + 1
    st.caption(f"Fragment runs: {st.session_state.fragment_runs}")
    if st.button("Add a like", key="like"):
        st.session_state.likes = st.session_state.get("likes", 0) + 1
    st.write(f"Likes: {st.session_state.get('likes', 0)}")


likes()

# A widget outside the fragment still reruns everything.
st.button("Rerun the whole page", key="full")
