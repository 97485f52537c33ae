"""Claims the pages make about Streamlit itself that AppTest can't show,
checked in real ``streamlit run`` through Chromium (test_page_claims.py holds
the rest). AppTest can't here because it never serves a file a click asks for,
gives every session the same id, keeps ``st.cache_data`` in memory only (it
has no runtime, so ``persist="disk"`` writes nothing), and never reruns a
fragment on its own. Each test names the page and section it backs.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from claim_scripts import COUNTER, DEFERRED_DOWNLOAD
from streamlit_messages import quoted_messages
from streamlit_page import SCRIPT_RUNS, expect_counter, expect_run, open_snippet, output

pytestmark = pytest.mark.browser


# --- download-button.md#file-contents: data= a function, called on the click


def test_a_download_callable_builds_the_file_when_the_reader_clicks(streamlit_app, page):
    open_snippet(page, streamlit_app.source("deferred_download", DEFERRED_DOWNLOAD))
    expect(output(page, "Reports built")).to_have_text("Reports built: 0")  # the run didn't

    with page.expect_download() as download:
        page.get_by_role("button", name="Download report").click()
    assert Path(download.value.path()).read_text(encoding="utf-8") == "Report from build 1"

    page.get_by_role("button", name="Next click").click()
    expect_run(page, 2)  # the download itself did not rerun (on_click="ignore")
    expect(output(page, "Reports built")).to_have_text("Reports built: 1")


# --- caching.md#caveats, index.md: scope="session" keeps one cache per session

SESSION_SCOPE = COUNTER + '''import itertools
@st.cache_resource
def call_numbers():
    return itertools.count(1)
@st.cache_data
def shared():
    return next(call_numbers())
@st.cache_data(scope="session")
def own():
    return next(call_numbers())
st.write(f"Global cache: call {shared()}")
st.write(f"Session cache: call {own()}")
st.button("Next click", key="next")
'''


def test_a_session_scoped_cache_is_not_shared_with_another_session(streamlit_app, page):
    url = streamlit_app.source("session_scope", SESSION_SCOPE)
    open_snippet(page, url)
    page.get_by_role("button", name="Next click").click()
    expect_run(page, 2)  # within a session, both entries are found again
    expect(output(page, "Global cache")).to_have_text("Global cache: call 1")
    expect(output(page, "Session cache")).to_have_text("Session cache: call 2")

    other = page.context.new_page()  # a second reader: a new session
    try:
        open_snippet(other, url)
        expect(output(other, "Global cache")).to_have_text("Global cache: call 1")
        expect(output(other, "Session cache")).to_have_text("Session cache: call 3")
    finally:
        other.close()


# --- caching.md#caveats, index.md: a restart empties the caches, except
# st.cache_data(persist="disk")

PERSIST_ON_DISK = COUNTER + '''import os
@st.cache_data(persist="disk")
def on_disk():
    return os.getpid()
@st.cache_data
def in_memory():
    return os.getpid()
def who(pid):
    return "this server process" if pid == os.getpid() else "an earlier server process"
st.write(f"On disk: built by {who(on_disk())}")
st.write(f"In memory: built by {who(in_memory())}")
'''


def test_persist_disk_survives_a_restart_the_memory_cache_does_not(
    streamlit_app, page, tmp_path, monkeypatch
):
    # Streamlit keeps the files in ~/.streamlit/cache: give the servers a home
    # of their own. The same app under a second name is a second server (the
    # fixture stops the first); the function keys don't depend on the file.
    monkeypatch.setenv("HOME", str(tmp_path))
    open_snippet(page, streamlit_app.source("persist_first", PERSIST_ON_DISK))
    expect(output(page, "On disk")).to_have_text("On disk: built by this server process")
    expect(output(page, "In memory")).to_have_text("In memory: built by this server process")
    assert list((tmp_path / ".streamlit" / "cache").iterdir()), "nothing was written to disk"

    open_snippet(page, streamlit_app.source("persist_second", PERSIST_ON_DISK))
    expect(output(page, "On disk")).to_have_text("On disk: built by an earlier server process")
    expect(output(page, "In memory")).to_have_text("In memory: built by this server process")


# --- errors.md#fragments, fragments.md#limits: a fragment-only rerun writes
# into an outside container the fragment did not write to in the full run
# (AppTest never reruns a fragment on its own)

OUTSIDE_CONTAINERS = COUNTER + '''reserved = st.container()
@st.fragment
def fills_its_slot():
    slot = reserved.empty()  # the fragment's own write, in every run of it
    if st.button("Fill the slot", key="fill"):
        slot.write("Filled by the fragment")
fills_its_slot()

outside = st.container()
outside.empty()  # a write by the script, not by the fragment
@st.fragment
def writes_outside():
    if st.button("Write outside", key="write"):
        outside.write("Written by the fragment")
writes_outside()
'''


def test_a_fragment_writes_outside_only_where_it_wrote_in_the_full_run(streamlit_app, page):
    log = open_snippet(page, streamlit_app.source("outside_containers", OUTSIDE_CONTAINERS))
    page.get_by_role("button", name="Fill the slot").click()
    expect(output(page, "Filled by the fragment")).to_have_count(1)

    page.get_by_role("button", name="Write outside").click()
    expect(page.get_by_test_id("stException")).to_have_count(1)
    assert all(log.fragment_ids()[1:]), "each click should have rerun its fragment only"
    expect_counter(page, SCRIPT_RUNS, 1)
    expect(output(page, "Written by the fragment")).to_have_count(0)
    # errors.md's wording for the release that serves the app.
    [quote] = [
        m for m in quoted_messages("errors.md", streamlit_app.version)
        if m.startswith("A fragment tried to write to a container created outside")
    ]
    first_paragraph = page.get_by_test_id("stExceptionMessage").locator("p").first
    expect(first_paragraph).to_have_text(re.compile(rf"^streamlit\.errors\.\w+: {re.escape(quote)}$"))
