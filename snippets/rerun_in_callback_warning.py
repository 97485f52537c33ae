"""Before: st.rerun() inside a callback does nothing but warn (Streamlit 1.62).

Click "Save": the callback's change is kept, and a warning box says the
st.rerun() call was a no-op. The script reruns once, as after any click.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

if "saves" not in st.session_state:
    st.session_state.saves = 0


def save():
    st.session_state.saves += 1
    # Pointless here: the script reruns right after the callback anyway.
    # Up to 1.62 Streamlit skips the call, shows a warning, and the rest
    # of this function never runs.
    st.rerun()
    st.session_state.saves += 100  # never reached


st.write(f"Saves: {st.session_state.saves}")
st.button("Save", key="save", on_click=save)
