"""Also after: ttl makes a cached value expire, so fresh data is fetched again.

Click "Rerun" a few times: "Rate fetches" stays put. Wait 5 seconds and click
again: the entry has expired, so the function runs once more.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")


# ttl=5: an entry is valid for 5 seconds after it was stored. Real apps use
# minutes or hours (ttl="10m", ttl=3600, or a datetime.timedelta).
@st.cache_data(ttl=5)
def fetch_exchange_rate(pair):
    # Stand-in for a web request. The counter sits inside the body, so it
    # only goes up when the function really runs.
    st.session_state.rate_fetches = st.session_state.get("rate_fetches", 0) + 1
    return {"EUR/USD": 1.08}[pair]


rate = fetch_exchange_rate("EUR/USD")
st.caption(f"Rate fetches: {st.session_state.get('rate_fetches', 0)}")
st.write(f"EUR/USD: {rate:.2f}")

st.button("Rerun", key="rerun")
