"""After: one callback, on the submit button, reads the form by key.

Type a task and press Enter (or click "Add task"). The callback adds it to
the list, and clear_on_submit empties the field for the next one.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
# Typing in the form doesn't change it; each submit adds exactly one.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

if "tasks" not in st.session_state:
    st.session_state.tasks = []


def add_task():
    # Runs before the script, with the submitted values already in
    # st.session_state under the widgets' keys.
    title = st.session_state.title.strip()
    if title:
        st.session_state.tasks.append(f"{title} (priority {st.session_state.priority})")


# clear_on_submit=True: after a submit the fields go back to their defaults.
# The callback above still sees what was submitted.
with st.form("task_form", clear_on_submit=True):
    st.text_input("Task", key="title")
    st.selectbox("Priority", ["low", "normal", "high"], index=1, key="priority")
    # Only the submit button may have a callback inside a form.
    st.form_submit_button("Add task", on_click=add_task)

# Drawn after the callback ran, so the list is always current.
st.write(f"Tasks: {len(st.session_state.tasks)}")
for number, task in enumerate(st.session_state.tasks, start=1):
    st.write(f"Task {number}: {task}")
