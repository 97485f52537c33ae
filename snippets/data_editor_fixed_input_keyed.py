"""After: pass the same input every run, give the editor a key, read its result.

The editor keeps the edits itself (in its widget state, under its key), so
its return value is always the original rows plus every edit so far.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

START = [
    {"item": "Apples", "qty": 1},
    {"item": "Bread", "qty": 1},
    {"item": "Milk", "qty": 1},
]

# The input never changes; the edits live in the editor's own state.
rows = st.data_editor(START, key="basket")
st.write(f"Total: {sum(row['qty'] for row in rows)}")

if st.button("Save", key="save"):
    # Keep a copy for the rest of the app; don't pass it back to the editor.
    st.session_state.saved = [dict(row) for row in rows]
if "saved" in st.session_state:
    st.write(f"Saved total: {sum(row['qty'] for row in st.session_state.saved)}")
