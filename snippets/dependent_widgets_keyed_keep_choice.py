"""After: a key makes the select box keep its choice while it is still offered.

With a key, the key is the widget's identity: new options don't make a new
widget. The choice stays as long as the filtered list still contains it,
and falls back to the first option only when it doesn't.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

PRICES = {"Cup": 8, "Lamp": 30, "Chair": 75, "Desk": 140}

max_price = st.slider("Max price", 10, 150, 150, step=10, key="max_price")
products = [name for name, price in PRICES.items() if price <= max_price]
product = st.selectbox("Product", products, key="product")
st.write(f"Chosen: {product}")
