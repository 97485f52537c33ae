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

# errors.md, dialogs.md: apps that stop with a message the pages quote and
# that a release after 1.62.0 words differently.
REWORDED_MESSAGE_APPS = {
    "duplicate form key": '''import streamlit as st
for _ in range(2):
    with st.form("order"):
        st.form_submit_button("Send")
''',
    "dialog without a title": '''import streamlit as st
@st.dialog("")
def edit():
    st.write("Editing")
edit()
''',
    "parallel fragment writes outside": '''import streamlit as st
outside = st.container()
@st.fragment(parallel=True)
def report():
    outside.write("Done")
report()
''',
}
