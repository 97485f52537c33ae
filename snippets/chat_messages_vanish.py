"""Before: a chat that forgets.

Each message is drawn only on the run that received it. The next message,
or a click on "Helpful", starts a new run that draws nothing of the past.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

prompt = st.chat_input("Say something")
if prompt:
    with st.chat_message("user"):
        st.write(prompt)
    with st.chat_message("assistant"):
        st.write(f"You said {len(prompt.split())} word(s): {prompt}")
        # Clicking this reruns the script, and on that run prompt is None.
        st.button("Helpful", key="helpful")
