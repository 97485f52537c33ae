"""The error messages the pages quote, and Streamlit's own text to check them
against: every string literal of the installed Streamlit, plus what the apps
that raise a message put together from several strings show."""
from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

from packaging.version import Version
from streamlit.testing.v1 import AppTest

from claim_scripts import REWORDED_MESSAGE_APPS

DOCS = Path(__file__).resolve().parents[1] / "docs"
SLOT = "\x00"  # stands for any part of a message that depends on the app


def _squash(text: str) -> str:
    return " ".join(text.split())


@functools.lru_cache(maxsize=1)
def streamlit_message_templates() -> tuple[str, ...]:
    """Every string literal in the installed Streamlit, with its slots marked.

    Slots are f-string fields, ``{name}`` fields filled in by ``.format`` and
    ``%s`` fields of log calls. Adjacent literals are already one string in
    the syntax tree, so a message split over several source lines is whole.
    """
    import streamlit

    templates = []
    for path in Path(streamlit.__file__).parent.rglob("*.py"):
        if "proto" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                text = "".join(
                    part.value if isinstance(part, ast.Constant) else SLOT
                    for part in node.values
                )
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = re.sub(r"\{[A-Za-z_]\w*\}|%s", SLOT, node.value)
            else:
                continue
            templates.append(_squash(text))
    return tuple(templates)


def _fits(message: str, template: str) -> bool:
    """Whether ``message`` is part of ``template``, slot for slot, where one
    template slot may also stand for a stretch of the message that holds a
    slot of its own (``{item}`` filled in as "`st.session_state['<key>']`")."""
    states = {(0, j) for j in range(len(template))}
    while states:
        reached = set()
        for i, j in states:
            if i == len(message):
                return True
            if j == len(template):
                continue
            if message[i] == template[j]:
                reached.add((i + 1, j + 1))
            if template[j] == SLOT:
                reached.update(
                    (end, j + 1) for end in range(i + 1, len(message) + 1) if SLOT in message[i:end]
                )
        states = reached
    return False


def is_streamlit_text(message: str, templates: tuple[str, ...]) -> bool:
    if any(message in t for t in templates):
        return True
    # A stretch a template slot may stand for ends at a space: the words
    # between those stretches are Streamlit's own and narrow the search.
    pieces = message.split(SLOT)
    words = [
        piece[piece.find(" ") if n else 0 : piece.rfind(" ") if n < len(pieces) - 1 else None]
        if " " in piece or n in (0, len(pieces) - 1) else ""
        for n, piece in enumerate(pieces)
    ]
    longest = max(words, key=len)
    return any(_fits(message, t) for t in templates if longest in t)


@functools.lru_cache(maxsize=1)
def reworded_messages_shown() -> tuple[str, ...]:
    shown = tuple(
        _squash(e.message)
        for source in REWORDED_MESSAGE_APPS.values()
        for e in AppTest.from_string(source, default_timeout=30).run().exception
    )
    assert len(shown) == len(REWORDED_MESSAGE_APPS)
    return shown


# A quoted message: a ```text block, untitled (1.62.0's text), or titled with
# the releases its text belongs to. A "... and later" block is the wording
# that replaces the block before it from that release on.
MESSAGE_BLOCK = re.compile(
    r'^```text(?: title="Streamlit (?P<release>\d+\.\d+\.\d+) and (?P<side>later|earlier)")?\n'
    r"(?P<text>.*?)\n```$",
    flags=re.S | re.M,
)


def quoted_messages(page: str, version: str | None = None) -> list[str]:
    """The messages a page quotes, with ``<placeholder>`` parts as slots: all
    of them, or only the wording the page gives for Streamlit ``version``."""
    source = (DOCS / page).read_text(encoding="utf-8")
    blocks = list(MESSAGE_BLOCK.finditer(source))
    assert len(blocks) == source.count("```text"), f"{page}: a ```text block with an unknown title"
    chains: list[list[re.Match]] = []
    for block in blocks:
        if block["side"] == "later":
            assert chains, f"{page}: a newer wording with no message before it"
            chains[-1].append(block)
        else:
            chains.append([block])
    picked = []
    for chain in chains:
        if version is None:
            picked += chain
            continue
        running = Version(version)
        first = chain[0]
        if first["side"] == "earlier" and running > Version(first["release"]):
            continue  # the message is gone in this release
        current = first
        for newer in chain[1:]:
            if running >= Version(newer["release"]):
                current = newer
        picked.append(current)
    return [_squash(re.sub(r"<[a-z]+>", SLOT, block["text"])) for block in picked]


# --------------------------------------------------------------------------- #
# Streamlit's own messages the tests expect apps to raise or show, word for
# word (one definition each; a release suffix names the wording's release).
# --------------------------------------------------------------------------- #

FORM_CALLBACK_ERROR = (
    "Within a form, callbacks can only be defined on `st.form_submit_button`. "
    "Defining callbacks on other widgets inside a form is not allowed."
)
RERUN_IN_CALLBACK = "Calling st.rerun() within a callback is a no-op."
SCOPE_ERROR = (
    'scope="fragment" can only be specified from `@st.fragment`-decorated '
    "functions during fragment reruns."
)
MODIFY_AFTER_1_62 = (
    "`st.session_state.name` cannot be modified after the widget with key `name` "
    "is instantiated."
)
MODIFY_AFTER_1_65 = (
    "`st.session_state['name']` cannot be modified after the widget with that key is "
    "instantiated. Assign `st.session_state['name']` before creating the widget, or "
    "update it from an `on_change` or `on_click` callback, which runs before the "
    "widget is instantiated."
)
READ_ONLY_1_62 = "Values for the widget with `key` 'upload' cannot be set using `st.session_state`."
READ_ONLY_1_65 = (
    "`st.session_state['upload']` is read-only and cannot be assigned through session "
    "state. Use a different session state key for values you need to set."
)
REMOVED_NAME_1_62 = "module 'streamlit' has no attribute 'experimental_rerun'"
REFUSED_IGNORE = '`on_change="ignore"` is not supported on this widget.'
