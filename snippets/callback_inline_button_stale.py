"""Before (the pitfall): the count is shown above a button handled inline.

Click "Add one" once: the count still shows the old number. It only catches
up on the next run (for example, your next click).
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

if "count" not in st.session_state:
    st.session_state.count = 0

# This line runs BEFORE the button code further down, so during the run
# that a click started it still prints the value from before the click.
st.write(f"Count: {st.session_state.count}")

# The increment happens here, after the count was already written above.
if st.button("Add one", key="add_one"):
    st.session_state.count += 1
