"""Also after (Streamlit 1.59.0 or newer): ask the widget to keep its value.

persist_state="session" keeps a keyed widget's value for the whole session,
even while the widget is not drawn, or sits on another page.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

show_settings = st.toggle("Show settings", value=True, key="show_settings")

if show_settings:
    # Needs a key. "page" would keep the value only while the user stays on
    # this page; "session" keeps it across page switches too.
    st.text_input("Nickname", key="nickname", persist_state="session")

nickname = st.session_state.get("nickname")
st.write(f"Nickname in session state: {'(gone)' if nickname is None else repr(nickname)}")

st.button("Rerun", key="rerun")
