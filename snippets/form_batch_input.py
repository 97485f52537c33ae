"""After: the same two inputs inside a form.

Edits inside the form stay in the browser; nothing reruns until you press
Submit, and then the script runs once with all the new values together.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
# Edit the fields: this number stays put until you press Submit.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

# Everything created inside this block belongs to the form "order".
with st.form("order"):
    name = st.text_input("Name", key="name")
    quantity = st.number_input("Quantity", min_value=1, value=1, step=1, key="quantity")
    # Every form needs a submit button; it returns True only on the run that
    # the click started.
    submitted = st.form_submit_button("Submit")

if submitted:
    st.write(f"Submitted: {quantity} × {name or '(no name)'}")
else:
    st.write("Fill in the order, then press Submit.")
