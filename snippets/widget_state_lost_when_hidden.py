"""Before: a keyed widget forgets its value once a run skips it.

Type a nickname and press Enter, switch "Show settings" off, click "Rerun",
then switch it on again: the field is empty. The same happens when a
widget lives on a page the user leaves.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

show_settings = st.toggle("Show settings", value=True, key="show_settings")

if show_settings:
    st.text_input("Nickname", key="nickname")

# At the end of a run that did not draw the text input, Streamlit deletes
# its key. So this line still shows the old value during the run that hides
# the widget, and "(gone)" from the next run on.
nickname = st.session_state.get("nickname")
st.write(f"Nickname in session state: {'(gone)' if nickname is None else repr(nickname)}")

st.button("Rerun", key="rerun")
