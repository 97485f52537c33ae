"""After: the editor opens in a dialog, which reruns on its own.

Click "Edit the note": that click is one full run. Inside the dialog, each
edit reruns only the dialog function ("Dialog runs" goes up, the script
counter doesn't). "Save" closes the dialog with one more full run.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

if "note" not in st.session_state:
    st.session_state.note = "Buy bread"


@st.dialog("Edit the note")
def edit_note():
    # A dialog is a fragment: widgets in it rerun only this function.
    st.session_state.dialog_runs = st.session_state.get("dialog_runs", 0) + 1
    st.caption(f"Dialog runs: {st.session_state.dialog_runs}")
    draft = st.text_input("New text", value=st.session_state.note, key="draft")
    st.write(f"Preview: {draft}")
    if st.button("Save", key="save"):
        st.session_state.note = draft
        # A full run closes the dialog (this run doesn't call edit_note)
        # and redraws "Note:" with the saved text.
        st.rerun()


st.write(f"Note: {st.session_state.note}")

if st.button("Edit the note", key="open"):
    edit_note()
