"""After: the widget is bound to the URL's query parameters.

With bind="query-params", the key ("city") becomes a query parameter: a
choice updates the URL, and a URL with ?city=... starts the widget there, so
a reload or a shared link shows the same choice.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

st.selectbox("City", ["Lisbon", "Oslo", "Quito"], key="city", bind="query-params")
st.write(f"Weather for {st.session_state.city}")
st.write(f"Query parameters: {dict(st.query_params) or '(none)'}")
