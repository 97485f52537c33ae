"""After: keep values across pages.

Two ways, one per widget: the city selector lives in the entry file, which
draws it on every page; the note on "Pick" is copied to a key of its own.
"""
import streamlit as st

# Counts how many times the entry file has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

# Drawn by the entry file, so on every page: Streamlit never drops its value.
st.selectbox("City", ["Lisbon", "Oslo", "Quito"], key="city")

page = st.navigation(
    [
        st.Page("app_pages/pick.py", title="Pick", default=True),
        st.Page("app_pages/report.py", title="Report"),
    ],
    position="top",  # page links above the app, also in a narrow window
)
page.run()
