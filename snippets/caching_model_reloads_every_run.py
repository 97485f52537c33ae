"""Before: the "model" is loaded again on every run.

Type a few reviews (press Enter each time): "Expensive calls" goes up with
every run, because nothing tells Streamlit it may keep the loaded model.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")


def load_model():
    # Stand-in for something slow, such as reading model weights from disk.
    # The counter goes up inside the body, so it counts real executions only.
    st.session_state.expensive_calls = st.session_state.get("expensive_calls", 0) + 1
    sum(i * i for i in range(200_000))  # a little real CPU work, as a stand-in
    return {"great": 2, "good": 1, "bad": -1, "awful": -2}


model = load_model()  # runs on every single rerun
st.caption(f"Expensive calls: {st.session_state.expensive_calls}")

review = st.text_input("Review", value="good food, awful service", key="review")
score = sum(model.get(word.strip(".,!?"), 0) for word in review.lower().split())
st.write(f"Score: {score}")
