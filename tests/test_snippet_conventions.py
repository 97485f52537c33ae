"""Conventions every snippet in snippets/ follows, found by glob.

Each file runs in the browser through stlite/Pyodide as well as under
AppTest, so it imports only Streamlit (and the few standard-library modules
that behave the same in Pyodide) and uses no threads. Its first run shows the
run counter as the first thing on the page, and a fragment that is drawn on
the first run shows its own counter.

Rules that hold for one page's snippets only stay in that page's module
(for example, no ``sleep`` in test_answers_state.py).
"""
from __future__ import annotations

import ast

import pytest
import streamlit as st
from apptest_helpers import (
    SNIPPETS,
    caption_fragments,
    captions,
    counter,
    load,
    no_exception,
    script_runs,
    start,
)

STEMS = sorted(path.stem for path in SNIPPETS.glob("*.py"))

# Standard-library modules a snippet may use besides streamlit: they work the
# same in Pyodide (stlite turns time.sleep into an awaitable sleep).
ALLOWED_STDLIB = {"time"}
# Snippets whose first run stops with an error on purpose (a "Before" example).
FAILS_ON_PURPOSE = {"form_on_change_inside_form_error"}
# Snippets whose fragment is only drawn after a click, not on the first run.
FRAGMENT_DRAWN_LATER = {"download_button_in_fragment"}
# Snippets that rerun themselves (a bounded refresh loop, the "Before" of
# auto-refresh.md): AppTest's first run() goes on until the loop stops, so
# what it shows at the end is a later run's counter.
RERUNS_ITSELF = {"refresh_loop_reruns_everything"}


def source(stem: str) -> str:
    return (SNIPPETS / f"{stem}.py").read_text(encoding="utf-8")


FRAGMENT_STEMS = [stem for stem in STEMS if "@st.fragment" in source(stem)]


@pytest.fixture(autouse=True)
def cold_caches():
    """Every first run here meets empty caches, as on a fresh server."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def test_the_conventions_cover_every_snippet_and_the_exceptions_exist():
    assert len(STEMS) >= 7
    assert FAILS_ON_PURPOSE <= set(STEMS)
    assert FRAGMENT_DRAWN_LATER <= set(FRAGMENT_STEMS)
    assert RERUNS_ITSELF <= set(STEMS)


@pytest.mark.parametrize("stem", STEMS)
def test_snippet_imports_only_streamlit_and_allowed_stdlib(stem):
    text = source(stem)
    imported = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    assert "streamlit" in imported, f"{stem} imports {sorted(imported)}"
    assert imported - {"streamlit"} <= ALLOWED_STDLIB, f"{stem} imports {sorted(imported)}"
    assert "parallel=" not in text, "parallel fragments need threads, which stlite lacks"


@pytest.mark.parametrize("stem", STEMS)
def test_first_run_shows_the_run_counter_first_at_one_and_fragment_counters_in_fragments(stem):
    at = load(stem)
    drawn = caption_fragments(at)  # the first run
    if stem in FAILS_ON_PURPOSE:
        assert at.exception, f"{stem} is listed as failing on purpose but ran cleanly"
    else:
        no_exception(at)
    first = at.main.children[0]
    assert first.type == "caption", f"{stem} starts with a {first.type}"
    runs = script_runs(at)
    if stem in RERUNS_ITSELF:
        assert runs > 1, f"{stem} is listed as rerunning itself but ran once"
    else:
        assert runs == 1
    assert first.value == captions(at)[0] == f"Script runs this session: {runs}"
    assert drawn[f"Script runs this session: {runs}"] == "", "drawn inside a fragment"

    # The second line of defence for the fragment claims, without a browser: a
    # "Fragment runs" caption must come from an @st.fragment function, whatever
    # the source looks like (take the decorator away and it loses its fragment id).
    fragment_counters = {t: fid for t, fid in drawn.items() if t.startswith("Fragment runs")}
    if stem in FRAGMENT_STEMS and stem not in FRAGMENT_DRAWN_LATER:
        assert fragment_counters, f"{stem} shows no fragment counter on its first run"
    assert all(fragment_counters.values()), f"drawn outside a fragment: {fragment_counters}"

@pytest.mark.parametrize("stem", FRAGMENT_STEMS)
def test_fragment_drawn_on_the_first_run_shows_its_counter_at_one(stem):
    at = start(stem)
    if stem in FRAGMENT_DRAWN_LATER:
        assert not any(c.startswith("Fragment runs") for c in captions(at)), captions(at)
    else:
        assert counter(at, "Fragment runs") == 1

