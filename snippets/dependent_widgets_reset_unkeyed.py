"""Before: a select box whose options depend on another widget jumps back.

The product list is filtered by the price slider. Without a key, the select
box's identity includes its options, so a new list makes it a new widget,
starting from the first option.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

PRICES = {"Cup": 8, "Lamp": 30, "Chair": 75, "Desk": 140}

max_price = st.slider("Max price", 10, 150, 150, step=10, key="max_price")
products = [name for name, price in PRICES.items() if price <= max_price]
product = st.selectbox("Product", products)
st.write(f"Chosen: {product}")
