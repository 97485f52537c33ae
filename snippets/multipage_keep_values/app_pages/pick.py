import streamlit as st

st.header("Pick")
st.write(f"City (chosen above, in the entry file): {st.session_state.city}")

# The saved copy lives under "note", a key no widget owns.
st.session_state.setdefault("note", "")


def save_note():
    st.session_state.note = st.session_state._note


# Refill the widget from the saved copy each time this page draws it.
st.session_state._note = st.session_state.note
st.text_input("Note", key="_note", on_change=save_note)
