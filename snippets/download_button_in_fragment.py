"""Also works before 1.43: put the download button in a fragment.

A click on a widget inside a fragment reruns only that fragment, so the
report drawn by the full run stays where it is.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")


@st.fragment
def download_area(report):
    # Counts the runs of this function only.
    st.session_state.fragment_runs = st.session_state.get("fragment_runs", 0) + 1
    st.caption(f"Fragment runs: {st.session_state.fragment_runs}")
    # Clicking this button reruns download_area(), not the whole script.
    st.download_button("Download report", data=report, file_name="report.txt", key="download")


if st.button("Build report", key="build"):
    report = "\n".join(f"Row {n}: {n * n}" for n in range(1, 6))
    st.write("Report ready: 5 rows")
    st.code(report)
    download_area(report)
else:
    st.write("No report on screen.")
