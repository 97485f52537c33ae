"""Before (raises on purpose): a widget's key is changed after the widget is drawn.

Type a name, then click "Clear name": Streamlit stops the run with a
StreamlitAPIException, because the text input already exists in this run.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

st.text_input("Name", key="name")

# By the time this click is handled, the text input above has been created
# in this run, so writing to its key is refused with an exception.
if st.button("Clear name", key="clear"):
    st.session_state.name = ""

st.write(f"Hello, {st.session_state.name or 'stranger'}!")
