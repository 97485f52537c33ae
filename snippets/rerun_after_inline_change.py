"""st.rerun() after an inline change, so lines drawn earlier catch up.

Click "Issue ticket": the number at the top is right straight away. Each
click costs two runs: the one the click started, and the one st.rerun()
asks for.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

if "tickets" not in st.session_state:
    st.session_state.tickets = 0

# Drawn before the button is handled below.
st.write(f"Tickets issued: {st.session_state.tickets}")

if st.button("Issue ticket", key="issue"):
    st.session_state.tickets += 1
    # Stop this run here and start a new one from the top, so the line
    # above shows the new number. The guard is the button itself: in the
    # new run it is False again, so this branch (and st.rerun) is skipped.
    st.rerun()
