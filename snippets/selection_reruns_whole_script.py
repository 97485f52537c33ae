"""Before: picking a row in a table reruns the whole script.

With on_select="rerun", a selection is sent like a widget change: the script
runs again from the top, the slow part included, and st.dataframe returns
the selection.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

st.write("The slow part of the page (charts, queries) runs here every time.")

CITIES = {"City": ["Oslo", "Lisbon", "Rome"], "Rain (mm)": [763, 726, 798]}
event = st.dataframe(CITIES, key="cities", on_select="rerun", selection_mode="single-row")
rows = event.selection.rows
st.write(f"Selected: {CITIES['City'][rows[0]] if rows else '(no row)'}")
