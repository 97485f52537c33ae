"""Also after: keep the result in st.session_state, tagged with the file's id.

Each upload gets its own file_id, which stays the same on every rerun while
the file sits in the widget. Process only when the id changes.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")


def summarize(data):
    st.session_state.processing_runs = st.session_state.get("processing_runs", 0) + 1
    lines = data.decode("utf-8", errors="replace").splitlines()
    return {
        "lines": len(lines),
        "words": sum(len(line.split()) for line in lines),
        "longest": max(lines, key=len, default=""),
    }


uploaded = st.file_uploader("Text file", type=["txt", "csv", "md"], key="upload")

if uploaded is not None:
    # Only a new upload has an id we have not processed yet.
    if st.session_state.get("summary_file_id") != uploaded.file_id:
        st.session_state.summary = summarize(uploaded.getvalue())
        st.session_state.summary_file_id = uploaded.file_id
    summary = st.session_state.summary
    st.write(f"{uploaded.name}: {summary['lines']} lines, {summary['words']} words")
    if st.toggle("Show the longest line", key="show_longest"):
        st.write(f"Longest line: {summary['longest']}")

st.caption(f"Processing runs: {st.session_state.get('processing_runs', 0)}")
