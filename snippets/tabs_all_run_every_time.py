"""Before: every tab's code runs on every run, shown or not.

Tabs (and expanders) only hide content in the browser. The script still
runs the slow part of each tab each time, here counted per tab.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")


def build(name):
    # Stands in for slow work: count how often each tab's content is built.
    key = f"built_{name}"
    st.session_state[key] = st.session_state.get(key, 0) + 1
    st.write(f"{name} built {st.session_state[key]} time(s)")


sales, costs = st.tabs(["Sales", "Costs"])
with sales:
    build("Sales")
with costs:
    build("Costs")
st.button("Rerun", key="rerun")
