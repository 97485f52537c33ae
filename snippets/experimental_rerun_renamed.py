"""After: the same app with the current name, st.rerun().

st.rerun() stops this run and starts a new one at once, which draws the new
count above the button.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

if "items" not in st.session_state:
    st.session_state["items"] = 0
# The count comes before the button: st.rerun() makes a click show at once.
st.write(f"Items in the basket: {st.session_state['items']}")

if st.button("Add item", key="add"):
    st.session_state["items"] += 1
    st.rerun()
