"""After: the same layout, but the button changes the count in a callback.

Click "Add one": the count above the button is up to date straight away.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

if "count" not in st.session_state:
    st.session_state.count = 0


def add_one():
    # Streamlit calls this when the button is clicked, before the script
    # starts its rerun, so every line of the script sees the new count.
    st.session_state.count += 1


# Still written above the button, and already current.
st.write(f"Count: {st.session_state.count}")

# Pass the function itself (no parentheses): Streamlit calls it on click.
st.button("Add one", key="add_one", on_click=add_one)
