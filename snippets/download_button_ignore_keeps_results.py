"""After: the same app, with on_click="ignore" on the download button.

Press "Build report", then "Download report": the file downloads and the
app does not rerun, so the report stays on screen.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
# Watch it stay put when you click the download button.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

if st.button("Build report", key="build"):
    report = "\n".join(f"Row {n}: {n * n}" for n in range(1, 6))
    st.write("Report ready: 5 rows")
    st.code(report)
    # on_click="ignore" (Streamlit 1.43.0 and later): the browser saves the
    # file and tells Streamlit nothing, so no rerun happens.
    st.download_button(
        "Download report",
        data=report,
        file_name="report.txt",
        on_click="ignore",
        key="download",
    )
else:
    st.write("No report on screen.")
