"""Before: code written for an old Streamlit calls st.experimental_rerun().

The name no longer exists, so the click stops the app with an AttributeError.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

st.session_state.setdefault("items", 0)
# Drawn before the button, so it needs a new run to show a click.
st.write(f"Items in the basket: {st.session_state['items']}")

if st.button("Add item", key="add"):
    st.session_state["items"] += 1
    st.experimental_rerun()  # removed: AttributeError
