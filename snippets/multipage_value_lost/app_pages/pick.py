import streamlit as st

st.header("Pick")
# This widget exists only while this page is shown.
st.selectbox("City", ["Lisbon", "Oslo", "Quito"], key="city")
st.write(f"Picked: {st.session_state.city}")
