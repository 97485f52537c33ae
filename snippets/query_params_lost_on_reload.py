"""Before: a choice kept only in session state is gone after a reload.

Session state lives as long as the browser session. A reload, a new tab or a
link sent to a colleague starts a new session, back at the default.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

st.selectbox("City", ["Lisbon", "Oslo", "Quito"], key="city")
st.write(f"Weather for {st.session_state.city}")
st.write(f"Query parameters: {dict(st.query_params) or '(none)'}")
