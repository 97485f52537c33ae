"""After: the processing is cached on the file's bytes with st.cache_data.

Flip the toggle as often as you like: "Processing runs" only goes up when the
content is new. Uploading the very same file again is a cache hit too.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")


# The argument is the file's content (bytes), so the cache key is the content
# itself: same bytes, stored result; different bytes, one new run.
@st.cache_data(max_entries=10)
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
    summary = summarize(uploaded.getvalue())  # a cache hit after the first run
    st.write(f"{uploaded.name}: {summary['lines']} lines, {summary['words']} words")
    if st.toggle("Show the longest line", key="show_longest"):
        st.write(f"Longest line: {summary['longest']}")

st.caption(f"Processing runs: {st.session_state.get('processing_runs', 0)}")
