"""Driving a real Streamlit app in Chromium and reading what the reader sees.

Shared by the real-browser test modules (the server side is ``streamlit_server.py``).

How the tests wait, without sleeps:

* A run is over when the run counter shows the expected number (it is the
  first line of every snippet, so it changes as soon as the run starts) and
  the app root reports ``data-test-script-state="notRunning"`` again (so the
  lines below the counter are from that run too, not stale ones).
* "This did not rerun" is proved with the browser's own record: every rerun
  starts with a ``rerunScript`` message that the page sends over the
  websocket. An init script copies each sent message inside the page, in
  order, so after a later action has visibly run, every message sent before
  it is in the record. No message between two points means no rerun was
  asked for in between, with no timing window involved.
* ``expect_counter(page, "Fragment runs", n)`` reads a fragment's counter, and
  ``RerunLog.fragment_ids()`` tells a fragment-only rerun (which carries its
  fragment's id) from a full one (which carries none).
"""
from __future__ import annotations

import base64
import re

from playwright.sync_api import Page, expect
from streamlit.proto.BackMsg_pb2 import BackMsg

SCRIPT_RUNS = "Script runs this session"
# Generous for a busy 2-core machine; a passing run waits far less.
ACTION_TIMEOUT_MS = 10_000
RUN_TIMEOUT_MS = 10_000

# Runs in the page before Streamlit's own code: keeps a copy of every message
# the page sends over a websocket, in the order they were sent.
RECORD_SENT_MESSAGES = """
(() => {
  const sent = [];
  window.__sentMessages = sent;
  const originalSend = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    let bytes = null;
    if (data instanceof ArrayBuffer) bytes = new Uint8Array(data);
    else if (ArrayBuffer.isView(data))
      bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (bytes !== null) {
      let text = "";
      for (let i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
      sent.push(btoa(text));
    }
    return originalSend.call(this, data);
  };
})();
"""


# --------------------------------------------------------------------------
# Helpers: open a snippet, wait for runs, read what the reader sees
# --------------------------------------------------------------------------


class RerunLog:
    """The rerun requests this page has sent to the server, oldest first."""

    def __init__(self, page: Page):
        self.page = page

    def _messages(self) -> list[BackMsg]:
        msgs = []
        for encoded in self.page.evaluate("() => window.__sentMessages || []"):
            msg = BackMsg()
            msg.ParseFromString(base64.b64decode(encoded))
            msgs.append(msg)
        return msgs

    def requests(self) -> list[BackMsg]:
        return [m for m in self._messages() if m.WhichOneof("type") == "rerun_script"]

    def count(self) -> int:
        return len(self.requests())

    def fragment_ids(self) -> list[str]:
        """'' for a full-script rerun, the fragment's id for a fragment rerun."""
        return [m.rerun_script.fragment_id for m in self.requests()]

    def triggers(self, index: int) -> list[str]:
        """Keys of the buttons that were pressed in request ``index``."""
        states = self.requests()[index].rerun_script.widget_states.widgets
        return [
            w.id.rsplit("-", 1)[-1]
            for w in states
            if w.WhichOneof("value") == "trigger_value" and w.trigger_value
        ]


def counter(page: Page, label: str):
    """The line ``<label>: N`` (a run counter) wherever the snippet writes it."""
    return page.get_by_text(re.compile(rf"^{re.escape(label)}: \d+$"))


def expect_counter(page: Page, label: str, n: int) -> None:
    expect(counter(page, label)).to_have_text(f"{label}: {n}", timeout=RUN_TIMEOUT_MS)


def output(page: Page, prefix: str):
    """A line the script wrote with st.write that starts with ``prefix``."""
    lines = page.locator('[data-testid="stMarkdown"] [data-testid="stMarkdownContainer"]')
    return lines.filter(has_text=re.compile(rf"^{re.escape(prefix)}"))


def wait_until_idle(page: Page) -> None:
    expect(page.get_by_test_id("stApp")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=RUN_TIMEOUT_MS
    )


def expect_run(page: Page, n: int) -> None:
    """Wait until run number ``n`` of this session has started and finished."""
    expect_counter(page, SCRIPT_RUNS, n)
    wait_until_idle(page)


def open_snippet(page: Page, url: str) -> RerunLog:
    """Load the app (a new session), wait for its first run; return its rerun log."""
    page.set_default_timeout(ACTION_TIMEOUT_MS)
    page.add_init_script(RECORD_SENT_MESSAGES)
    page.goto(url)
    expect_run(page, 1)
    # Widgets are drawn from lazily loaded code: wait until none is a placeholder.
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=RUN_TIMEOUT_MS)
    log = RerunLog(page)
    assert log.count() == 1, "the first run should be the only request so far"
    return log


def commit_edit(page: Page, box, text: str, *, run: int, enter: bool = True) -> None:
    """Type ``text`` into ``box`` and commit it as a reader does, by pressing Enter
    or (``enter=False``) by clicking away; wait until run ``run`` is over."""
    box.fill(text)
    if enter:
        box.press("Enter")
    else:
        box.blur()
    expect_run(page, run)
