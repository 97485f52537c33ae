"""Helpers the AppTest modules share: run a snippet, read what it shows."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

SNIPPETS = Path(__file__).resolve().parents[1] / "snippets"


def load(stem: str) -> AppTest:
    """``snippets/<stem>.py`` under AppTest, not run yet."""
    return AppTest.from_file(str(SNIPPETS / f"{stem}.py"), default_timeout=30)


def start(stem: str) -> AppTest:
    """The first run, as on page load; it must not raise."""
    at = load(stem).run()
    assert not at.exception, f"{stem} raised: {[e.message for e in at.exception]}"
    return at


def no_exception(at: AppTest) -> AppTest:
    assert not at.exception, [e.message for e in at.exception]
    return at


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def texts(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def counter(at: AppTest, label: str) -> int:
    """N in the single caption ``<label>: N``."""
    prefix = f"{label}: "
    found = [c for c in captions(at) if c.startswith(prefix)]
    assert len(found) == 1, f"expected one {label!r} caption, got {captions(at)}"
    return int(found[0][len(prefix):])


def script_runs(at: AppTest) -> int:
    return counter(at, "Script runs this session")


def line(at: AppTest, prefix: str) -> str:
    """The single markdown line that starts with ``prefix``."""
    found = [t for t in texts(at) if t.startswith(prefix)]
    assert len(found) == 1, f"expected one line starting {prefix!r}, got {texts(at)}"
    return found[0]


def has_line_starting(at: AppTest, prefix: str) -> bool:
    return any(t.startswith(prefix) for t in texts(at))


def has_text(at: AppTest, text: str) -> bool:
    """Whether some markdown line is exactly ``text``."""
    return text in texts(at)


def caption_fragments(at: AppTest) -> dict[str, str]:
    """Run ``at`` once; return each caption's text -> the id of the fragment that
    drew it ("" when drawn outside any fragment).

    Streamlit stamps every element drawn inside an ``@st.fragment`` function
    with that fragment's id; it is what a browser sends back to rerun only the
    fragment. AppTest's element tree drops the stamp, so this keeps the
    messages AppTest turns into that tree, for this one run.
    """
    from streamlit.testing.v1 import local_script_runner

    parse = local_script_runner.parse_tree_from_messages
    messages = []

    def keep(msgs):
        messages[:] = list(msgs)
        return parse(msgs)

    local_script_runner.parse_tree_from_messages = keep
    try:
        at.run()
    finally:
        local_script_runner.parse_tree_from_messages = parse
    return {
        m.delta.new_element.markdown.body: m.delta.fragment_id
        for m in messages
        if m.HasField("delta")
        and m.delta.WhichOneof("type") == "new_element"
        and m.delta.new_element.WhichOneof("type") == "markdown"
        and m.delta.new_element.markdown.element_type == m.delta.new_element.markdown.CAPTION
    }


def drawn_before(at: AppTest, first: str, then: str) -> bool:
    """Whether the main area draws its first ``first`` element (e.g. "markdown")
    above its first ``then`` element (e.g. "button")."""
    kinds = [node.type for node in at.main]
    return kinds.index(first) < kinds.index(then)
