"""Before: a refresh loop at the end of the script.

time.sleep, then st.rerun(): the whole script runs again every second with
no click at all. This copy stops after 3 refreshes; the usual loop never
stops while the page is open.
"""
import time

import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

st.write("Title, filters and charts: drawn again on every refresh.")
READINGS = [7, 4, 1, 8, 5, 2]  # stands in for a sensor or a price feed
st.write(f"Latest reading: {READINGS[st.session_state.script_runs % 6]}")

REFRESHES = 3
if st.session_state.script_runs <= REFRESHES:
    time.sleep(1)
    st.rerun()
st.write(f"Stopped after {REFRESHES} refreshes, so this example ends.")
