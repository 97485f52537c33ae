"""Before: the uploaded file is processed again on every rerun.

Upload a text file, then flip "Show the longest line" a few times: the file
has not changed, yet "Processing runs" goes up with every run.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")


def summarize(data):
    # Stand-in for slow work such as parsing a big file or calling a model.
    # The counter sits inside the body, so it counts real executions only.
    st.session_state.processing_runs = st.session_state.get("processing_runs", 0) + 1
    lines = data.decode("utf-8", errors="replace").splitlines()
    return {
        "lines": len(lines),
        "words": sum(len(line.split()) for line in lines),
        "longest": max(lines, key=len, default=""),
    }


uploaded = st.file_uploader("Text file", type=["txt", "csv", "md"], key="upload")

if uploaded is not None:
    # The widget hands back the same file on every run, and this line
    # processes it again each time.
    summary = summarize(uploaded.getvalue())
    st.write(f"{uploaded.name}: {summary['lines']} lines, {summary['words']} words")
    if st.toggle("Show the longest line", key="show_longest"):
        st.write(f"Longest line: {summary['longest']}")

st.caption(f"Processing runs: {st.session_state.get('processing_runs', 0)}")
