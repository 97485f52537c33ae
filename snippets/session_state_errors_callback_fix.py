"""After: change a widget's key before the widget is drawn, or in a callback.

"Clear name" and "Fill in an example" both work: the callbacks run before the
script starts again, so the text input has not been created yet.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

# Allowed: setting the key above the widget. This also sets its start value
# (so don't pass value= to the widget as well).
if "name" not in st.session_state:
    st.session_state.name = "Ada"


def clear_name():
    st.session_state.name = ""  # allowed: callbacks run before the script


def fill_example():
    st.session_state.name = "Grace"


st.text_input("Name", key="name")

left, right = st.columns(2)
left.button("Clear name", key="clear", on_click=clear_name)
right.button("Fill in an example", key="example", on_click=fill_example)

st.write(f"Hello, {st.session_state.name or 'stranger'}!")
