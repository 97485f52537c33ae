"""After: the history lives in st.session_state and is redrawn on every run.

New messages are appended to the list; the reply is streamed in, then stored.
The "Helpful" button of each reply is keyed by its position and its
callback marks that message, so a click keeps the whole conversation.
"""
import streamlit as st

# Counts how many times this script has run in this browser session.
st.session_state.script_runs = st.session_state.get("script_runs", 0) + 1
st.caption(f"Script runs this session: {st.session_state.script_runs}")

st.session_state.setdefault("messages", [])


def mark_helpful(index):
    st.session_state.messages[index]["helpful"] = True


def reply_words(prompt):
    # Stands in for a model: yields the reply piece by piece.
    for word in f"You said {len(prompt.split())} word(s): {prompt}".split():
        yield word + " "


def feedback(index):
    if st.session_state.messages[index].get("helpful"):
        st.caption("Marked as helpful")
    else:
        st.button("Helpful", key=f"helpful_{index}", on_click=mark_helpful, args=(index,))


def draw(index, message):
    with st.chat_message(message["role"]):
        st.write(message["content"])
        if message["role"] == "assistant":
            feedback(index)


# 1. Redraw everything said so far.
for index, message in enumerate(st.session_state.messages):
    draw(index, message)

# 2. Handle a new message: show it, stream the reply, store both.
if prompt := st.chat_input("Say something"):
    st.session_state.messages.append({"role": "user", "content": prompt})
    draw(len(st.session_state.messages) - 1, st.session_state.messages[-1])
    with st.chat_message("assistant"):
        reply = st.write_stream(reply_words(prompt))
        st.session_state.messages.append({"role": "assistant", "content": reply.strip()})
        feedback(len(st.session_state.messages) - 1)
