"""Small inline apps behind a page's claim, run by more than one test module
(the claim on the pinned Streamlit in test_page_claims.py, its change across
releases in test_streamlit_versions.py)."""

# st-rerun.md#what-it-does: a widget before st.rerun() and one after it.
RERUN_BETWEEN = '''import streamlit as st
st.text_input("City", key="city")
if st.button("Rerun", key="go"):
    st.rerun()
st.text_input("Name", key="name")
'''
