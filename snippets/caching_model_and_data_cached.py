"""After: the model is cached with st.cache_resource, the data with st.cache_data.

Type reviews and switch cities as much as you like: "Expensive calls" stays
at 1, and "Data loads" only goes up for a city that is not in the cache.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")


# cache_resource: one shared object (a model, a connection), created once
# and handed back as is on every later call, in every session.
@st.cache_resource
def load_model():
    # The counter sits inside the body: it only moves when the body runs.
    st.session_state.expensive_calls = st.session_state.get("expensive_calls", 0) + 1
    sum(i * i for i in range(200_000))  # a little real CPU work, as a stand-in
    return {"great": 2, "good": 1, "bad": -1, "awful": -2}


# cache_data: one stored result per distinct argument, copied out on each call.
# max_entries=2 keeps at most two cities; the one used least recently goes first.
@st.cache_data(max_entries=2)
def load_city_reviews(city):
    st.session_state.data_loads = st.session_state.get("data_loads", 0) + 1
    return [f"{city} review {n}" for n in range(1, 4)]


model = load_model()  # the body runs on the first call only, for all sessions
st.caption(f"Expensive calls: {st.session_state.get('expensive_calls', 0)}")

review = st.text_input("Review", value="good food, awful service", key="review")
score = sum(model.get(word.strip(".,!?"), 0) for word in review.lower().split())
st.write(f"Score: {score}")

city = st.selectbox("City", ["Lima", "Oslo", "Pune"], key="city")
reviews = load_city_reviews(city)
st.caption(f"Data loads: {st.session_state.get('data_loads', 0)}")
st.write(f"Loaded {len(reviews)} reviews for {city}.")
