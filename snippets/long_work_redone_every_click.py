"""Before: slow work at the top level runs again on every click.

The "job" sits in the script body, so every rerun (here: the toggle) starts
it from step 1 again, progress bar and all.
"""
import time

import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

st.session_state.job_runs = st.session_state.get("job_runs", 0) + 1
st.caption(f"Job runs: {st.session_state.job_runs}")

bar = st.progress(0, text="Working...")
for step in range(1, 4):
    time.sleep(0.5)  # stands in for a slow step
    bar.progress(step / 3, text=f"Step {step} of 3")
st.write("Result: 3 steps done")

st.toggle("Show details", key="details")
