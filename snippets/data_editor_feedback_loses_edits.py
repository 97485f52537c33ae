"""Before: the editor's output is fed back in as its input.

Each edit changes the data passed to st.data_editor, which makes it a new
widget on the next run and throws away the edit made in between: every
second change reverts.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

if "rows" not in st.session_state:
    st.session_state.rows = [
        {"item": "Apples", "qty": 1},
        {"item": "Bread", "qty": 1},
        {"item": "Milk", "qty": 1},
    ]

# The edited rows replace the input of the next run: don't do this.
st.session_state.rows = st.data_editor(st.session_state.rows)
st.write(f"Total: {sum(row['qty'] for row in st.session_state.rows)}")
