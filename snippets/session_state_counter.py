"""After: the counter kept in st.session_state, so it survives reruns."""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

# Set the starting value only once: on later runs the key already exists
# and this line is skipped, so the count is not reset.
if "count" not in st.session_state:
    st.session_state.count = 0

left, right = st.columns(2)
if left.button("Increment", key="increment"):
    st.session_state.count += 1
if right.button("Decrement", key="decrement"):
    st.session_state.count -= 1

# Written after the buttons, so it already includes this run's click.
st.write(f"Count: {st.session_state.count}")
