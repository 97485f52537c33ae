"""Also after: a toggle instead of a button, for an on/off choice.

A toggle (or a checkbox) keeps its value from run to run by itself, so
there is no flag to manage: the report shows while the toggle is on.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

# Unlike st.button, st.toggle returns its current state on every run.
show_report = st.toggle("Show report", key="show_report")

if show_report:
    st.write("Report: 3 orders are waiting.")
    # A checkbox works the same way for the inner choice.
    if st.checkbox("Shipped", key="shipped"):
        st.write("All 3 orders are marked as shipped.")

st.button("Rerun only", key="rerun_only")
