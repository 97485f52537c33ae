"""When a form is the wrong tool: the second choice depends on the first.

In a form, the city list could not follow the country until you submit.
In a fragment it follows at once, and only the fragment reruns.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

CITIES = {
    "France": ["Lyon", "Paris", "Toulouse"],
    "Japan": ["Osaka", "Sapporo", "Tokyo"],
    "Peru": ["Arequipa", "Cusco", "Lima"],
}


@st.fragment
def trip_picker():
    # Counts the runs of this function only.
    st.session_state.fragment_runs = st.session_state.get("fragment_runs", 0) + 1
    st.caption(f"Fragment runs: {st.session_state.fragment_runs}")
    country = st.selectbox("Country", list(CITIES), key="country")
    # Built from the country picked a moment ago: no submit needed.
    city = st.selectbox("City", CITIES[country], key="city")
    st.write(f"Trip: {city}, {country}")


trip_picker()
