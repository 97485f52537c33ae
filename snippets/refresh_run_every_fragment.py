"""After: the refreshing part in a fragment with run_every.

Only the fragment reruns, once a second, with no loop in the script: the
fragment counter goes up, the script counter stays at 1.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

st.write("Title, filters and charts: drawn once, by the full run.")
READINGS = [7, 4, 1, 8, 5, 2]  # stands in for a sensor or a price feed


@st.fragment(run_every=1)
def reading():
    st.session_state.fragment_runs = st.session_state.get("fragment_runs", 0) + 1
    st.caption(f"Fragment runs: {st.session_state.fragment_runs}")
    st.write(f"Latest reading: {READINGS[st.session_state.fragment_runs % 6]}")


reading()
