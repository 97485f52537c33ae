import streamlit as st

st.header("Report")
st.write(f"Report for: {st.session_state.city}")
st.write(f"Note: {st.session_state.get('note') or '(none)'}")
st.button("Refresh", key="refresh")
