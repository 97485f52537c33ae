"""Before: output drawn under `if st.button(...)` vanishes on the next run.

Click "Load report": the report appears. Now click anything else, even the
"Mark as shipped" button inside the report: the report is gone, and the
inner button never gets to do its job.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

# st.button returns True only during the one run that its click started.
load_clicked = st.button("Load report", key="load_report")
st.write(f"Load report returned: {load_clicked}")

if load_clicked:
    st.write("Report: 3 orders are waiting.")
    # A button inside a button: clicking it starts a new run, and in that run
    # "Load report" returns False again, so this whole block is skipped and
    # the line below can never be reached.
    if st.button("Mark as shipped", key="ship"):
        st.write("All 3 orders are marked as shipped.")

# Any other widget also reruns the script, and the report disappears.
st.button("Rerun only", key="rerun_only")
