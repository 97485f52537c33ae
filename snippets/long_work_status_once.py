"""After: run the job on request, show it in st.status, keep the result.

The job runs only on the run that the Start button started. Its result goes
to session state, so later reruns (the toggle) show it without working again.
"""
import time

import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

if st.button("Start job", key="start"):
    st.session_state.job_runs = st.session_state.get("job_runs", 0) + 1
    with st.status("Working...", expanded=True) as status:
        for step in range(1, 4):
            time.sleep(0.5)  # stands in for a slow step
            st.write(f"Step {step} of 3 done")
        status.update(label="Job finished", state="complete", expanded=False)
    st.session_state.result = "3 steps done"

st.caption(f"Job runs: {st.session_state.get('job_runs', 0)}")
st.write(f"Result: {st.session_state.get('result', '(not run yet)')}")
st.toggle("Show details", key="details")
