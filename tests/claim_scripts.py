"""Small inline apps behind a page's claim, run by more than one test module
(the claim on the pinned Streamlit in test_page_claims.py, its change across
releases in test_streamlit_versions.py, what the reader sees in Chromium in
test_rerun_claims_browser.py and test_page_claims_browser.py). Each starts with the run counter the browser
tests wait on and writes what the script reads from the widget it is about."""

COUNTER = '''import streamlit as st
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")
'''

# st-rerun.md#what-it-does: a widget before st.rerun() and one after it.
RERUN_BETWEEN = COUNTER + '''st.text_input("City", key="city")
if st.button("Rerun", key="go"):
    st.rerun()
name = st.text_input("Name", key="name")
st.write(f"The script reads: {name!r}")
st.button("Next click", key="next")
'''

# widget-state-lost.md#how-it-works: a run that ends at st.stop() before the
# widget, then a run that draws it again.
STOP_BEFORE_WIDGET = COUNTER + '''if st.toggle("Stop early", key="early"):
    st.stop()
name = st.text_input("Name", key="name")
st.write(f"The script reads: {name!r}")
st.button("Next click", key="next")
'''

# download-button.md#file-contents: data= a function, which the run doesn't
# call and a click does (its calls are counted across sessions, since the
# function runs outside any script run).
DEFERRED_DOWNLOAD = COUNTER + '''@st.cache_resource
def builds():
    return []
def build_report():
    builds().append("built")
    return f"Report from build {len(builds())}"
st.download_button("Download report", data=build_report, file_name="report.txt",
                   key="get", on_click="ignore")
st.button("Next click", key="next")
st.write(f"Reports built: {len(builds())}")
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
