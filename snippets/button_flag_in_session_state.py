"""After: the buttons set flags in st.session_state, and the flags decide.

Click "Load report", then click around: the report stays until you click
"Close report", and "Mark as shipped" inside it works.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

# Flags that outlive a single run. Set their start values only once.
if "report_open" not in st.session_state:
    st.session_state.report_open = False
    st.session_state.shipped = False

# The clicks only switch the flag; they no longer decide what is shown.
left, right = st.columns(2)
if left.button("Load report", key="load_report"):
    st.session_state.report_open = True
if right.button("Close report", key="close_report"):
    st.session_state.report_open = False
    st.session_state.shipped = False

# The flag stays True on later runs, so the report stays on the page.
if st.session_state.report_open:
    st.write("Report: 3 orders are waiting.")
    # This inner button is drawn again on the run its click starts, so the
    # click is seen, and the flag it sets keeps the message up afterwards.
    if st.button("Mark as shipped", key="ship"):
        st.session_state.shipped = True
    if st.session_state.shipped:
        st.write("All 3 orders are marked as shipped.")

# Any other widget reruns the script; the report no longer cares.
st.button("Rerun only", key="rerun_only")
