"""Going further: the button that opens the dialog sits in a fragment.

Click "Edit the note": the dialog opens with a fragment run, not a full one
("Script runs this session" stays put). Only "Save" reruns the whole script,
to close the dialog and show the new note.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

if "note" not in st.session_state:
    st.session_state.note = "Buy bread"


@st.dialog("Edit the note")
def edit_note():
    st.session_state.dialog_runs = st.session_state.get("dialog_runs", 0) + 1
    st.caption(f"Dialog runs: {st.session_state.dialog_runs}")
    draft = st.text_input("New text", value=st.session_state.note, key="draft")
    if st.button("Save", key="save"):
        st.session_state.note = draft
        st.rerun()  # full run: closes the dialog, redraws "Note:"


st.write(f"Note: {st.session_state.note}")


@st.fragment
def opener():
    # Counts the runs of this function only.
    st.session_state.fragment_runs = st.session_state.get("fragment_runs", 0) + 1
    st.caption(f"Fragment runs: {st.session_state.fragment_runs}")
    # A click here reruns only opener(), and that run opens the dialog.
    if st.button("Edit the note", key="open"):
        edit_note()


opener()
