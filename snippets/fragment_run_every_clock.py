"""run_every: a fragment that reruns itself on a timer.

The tick count below goes up about once a second with no clicks at all,
and the rest of the page doesn't run again.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

st.write("This line is drawn by full runs only.")


# run_every=1: Streamlit reruns this function every second while the page
# is open. Keep the work inside short, or the ticks pile up.
@st.fragment(run_every=1)
def ticker():
    st.session_state.fragment_runs = st.session_state.get("fragment_runs", 0) + 1
    st.caption(f"Fragment runs: {st.session_state.fragment_runs}")
    st.write(f"Ticks: {st.session_state.fragment_runs - 1}")


ticker()
