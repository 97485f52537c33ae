"""Before: the results disappear when you click the download button.

Press "Build report", then "Download report": the download starts, but the
app reruns, and the report and the download button are both gone.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

# st.button is True only during the run that its click started.
if st.button("Build report", key="build"):
    # Stand-in for slow work: a query, a model call, a big computation.
    report = "\n".join(f"Row {n}: {n * n}" for n in range(1, 6))
    st.write("Report ready: 5 rows")
    st.code(report)
    # A plain download button reruns the app when clicked. In that new run
    # "Build report" is False again, so nothing in this block is drawn.
    st.download_button("Download report", data=report, file_name="report.txt", key="download")
else:
    st.write("No report on screen.")
