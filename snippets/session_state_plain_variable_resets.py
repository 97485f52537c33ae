"""Before: a counter kept in a plain Python variable.

Click Increment a few times: the count shows 1 and never goes higher.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

# The click reruns the script, and this line runs again too,
# so the count is put back to 0 before the button is even checked.
count = 0

# st.button is True only during the run that the click started.
if st.button("Increment", key="increment"):
    count += 1  # 0 becomes 1, and the next run starts again from 0

st.write(f"Count: {count}")
