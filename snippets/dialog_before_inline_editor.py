"""Before: an editor drawn on the page itself.

Tick "Edit the note" and change the text (press Enter or click away): each
change reruns the whole script, as the run counter shows.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

if "note" not in st.session_state:
    st.session_state.note = "Buy bread"

st.write(f"Note: {st.session_state.note}")

if st.checkbox("Edit the note", key="editing"):
    # Every committed edit here starts a full run of the script.
    draft = st.text_input("New text", value=st.session_state.note, key="draft")
    st.write(f"Preview: {draft}")
    if st.button("Save", key="save"):
        st.session_state.note = draft
        st.rerun()  # so "Note:" above shows the saved text
