"""After: the button flips the state in an on_click callback.

Click "Follow": the status and the label change at once, with one click.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

if "following" not in st.session_state:
    st.session_state.following = False


def flip_following():
    # Runs right after the click and before the script starts again, so every
    # line below already sees the new value.
    st.session_state.following = not st.session_state.following


st.write(f"Status: {'following' if st.session_state.following else 'not following'}")
label = "Unfollow" if st.session_state.following else "Follow"
# With a key, changing the label does not make this a different button.
st.button(label, key="follow", on_click=flip_following)
