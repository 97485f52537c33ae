"""Before: the status and the button label trail the real state by one click.

Click "Follow": the page still says "not following" and the button still
says "Follow", so you click again, which switches it back off. Whatever
the page shows, the real state is the opposite.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

if "following" not in st.session_state:
    st.session_state.following = False

# Both of these are drawn from the state as it was BEFORE this run's click.
st.write(f"Status: {'following' if st.session_state.following else 'not following'}")
label = "Unfollow" if st.session_state.following else "Follow"

# The click is only handled here, after the status and the label are drawn.
if st.button(label, key="follow"):
    st.session_state.following = not st.session_state.following
