"""After: tabs that track which one is open, so hidden tabs skip their work.

With on_change="rerun" (and a key), switching tabs reruns the script and each
tab's .open says whether it is the one shown; the slow part runs only there.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")


def build(name):
    # The slow part, called only for the tab on screen; counted per tab.
    counts = st.session_state.setdefault("built", {})
    counts[name] = counts.get(name, 0) + 1
    st.write(f"{name} built {counts[name]} time(s)")


sales, costs = st.tabs(["Sales", "Costs"], key="report_tab", on_change="rerun")
with sales:
    if sales.open:
        build("Sales")
with costs:
    if costs.open:
        build("Costs")
st.button("Rerun", key="rerun")
