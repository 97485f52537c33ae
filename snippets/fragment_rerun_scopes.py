"""st.rerun inside a fragment: rerun just the fragment, or the whole app.

"Add one" changes the count after the fragment already drew it, then calls
st.rerun(scope="fragment") so only the fragment redraws. "Show on page"
calls st.rerun() so the line outside the fragment catches up too.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

if "cart_items" not in st.session_state:
    st.session_state.cart_items = 0

# Outside the fragment: only a full run redraws this line.
st.write(f"Page says: {st.session_state.cart_items} items")


@st.fragment
def cart():
    st.session_state.fragment_runs = st.session_state.get("fragment_runs", 0) + 1
    st.caption(f"Fragment runs: {st.session_state.fragment_runs}")
    st.write(f"Cart says: {st.session_state.cart_items} items")
    if st.button("Add one", key="add"):
        st.session_state.cart_items += 1
        # The line above was drawn before the change: redraw the fragment.
        st.rerun(scope="fragment")
    if st.button("Show on page", key="publish"):
        # The default scope is "app": a full run updates "Page says" too.
        st.rerun()


cart()
