"""After: the table and what depends on it in a fragment.

A selection inside an @st.fragment function reruns only that function: the
fragment counter goes up, the script counter and the slow part stay put.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

st.write("The slow part of the page (charts, queries) runs on full runs only.")

CITIES = {"City": ["Oslo", "Lisbon", "Rome"], "Rain (mm)": [763, 726, 798]}


@st.fragment
def city_table():
    st.session_state.fragment_runs = st.session_state.get("fragment_runs", 0) + 1
    st.caption(f"Fragment runs: {st.session_state.fragment_runs}")
    event = st.dataframe(CITIES, key="cities", on_select="rerun", selection_mode="single-row")
    rows = event.selection.rows
    st.write(f"Selected: {CITIES['City'][rows[0]] if rows else '(no row)'}")


city_table()
