"""Before: a widget on one page of a multipage app forgets its value.

The entry file runs on every run, whichever page is shown, then runs the
page. Pick a city, open "Report", press Refresh there, then go back to
"Pick": the choice is gone.
"""
import streamlit as st

# Counts how many times the entry file has run in this browser session:
# every page switch and every click on any page adds one.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

page = st.navigation(
    [
        st.Page("app_pages/pick.py", title="Pick", default=True),
        st.Page("app_pages/report.py", title="Report"),
    ],
    position="top",  # page links above the app, also in a narrow window
)
page.run()
