"""Before: a small widget at the bottom reruns the whole page.

Click "Add a like": the slow part at the top runs again every time (watch
the spinner and the run counter), although nothing in it changed.
"""
import time

import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

# Stand-in for the expensive part of a page: loading data, drawing charts.
with st.spinner("Building the slow part..."):
    time.sleep(1)
st.write("Slow part: done")

# Any click here starts a full run, slow part included.
if st.button("Add a like", key="like"):
    st.session_state.likes = st.session_state.get("likes", 0) + 1
st.write(f"Likes: {st.session_state.get('likes', 0)}")
