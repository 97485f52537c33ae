"""How Streamlit runs your app: the whole script, top to bottom, on every interaction.

Move the slider or edit the text (press Enter or click away), then watch the
two numbers below: one keeps growing, the other never gets past 1.
"""
import streamlit as st

# st.session_state lives as long as the browser tab's session, so this
# counter keeps growing: it goes up by one every time the script runs.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

# A plain variable is created again from scratch on every run, so whatever
# it held during the previous run is gone. It is always 0 + 1 here.
plain_variable = 0
plain_variable += 1

# Changing either widget starts a new run of the whole script.
# The widgets themselves remember their values across runs.
size = st.slider("Size", min_value=1, max_value=10, value=5, key="size")
label = st.text_input("Label", value="hello", key="label")

st.write(f"Current values: size {size}, label '{label}'")
st.write(f"Plain variable: {plain_variable}")
