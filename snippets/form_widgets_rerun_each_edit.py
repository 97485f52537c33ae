"""Before: two inputs on their own, outside a form.

Each committed edit (press Enter, click away, or use the +/- buttons) reruns
the whole script, which you can see in the run counter.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

# Not in a form: every change to either input is sent at once and triggers
# a rerun, even though the order is not finished yet.
name = st.text_input("Name", key="name")
quantity = st.number_input("Quantity", min_value=1, value=1, step=1, key="quantity")

st.write(f"Order: {quantity} × {name or '(no name yet)'}")
