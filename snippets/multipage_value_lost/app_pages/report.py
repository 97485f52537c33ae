import streamlit as st

st.header("Report")
# The "City" widget is not drawn on this page, so Streamlit drops its key at
# the end of the first run here: Refresh shows "(nothing picked)".
st.write(f"Report for: {st.session_state.get('city', '(nothing picked)')}")
st.button("Refresh", key="refresh")
