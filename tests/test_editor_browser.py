"""The example editor in Chromium, against the built site.

A reader clicks Edit, changes the code, runs it in the example's live app,
resets it, and shares it. Offline (here and in CI) a live app never finishes
booting, so what these tests can prove about Run stops at the boundary:

* with a Pyodide URL that never answers, the app's real stlite controller
  exists but its kernel never loads; Run makes embed.js call
  ``controller.writeFile(entry, code)`` on the right controller, which these
  tests see through embed.js's own ``stlite-embed:write`` event. stlite
  queues that write until the kernel has loaded, so its arrival in the
  worker is proved only by the ``--live`` test (test_live_runtime.py);
* offline as it is, the app has failed; Run starts it again and the real
  stlite worker receives the edited code as the app's file (its ``initData``
  message, recorded by test_site_browser's RECORDER).

The share links are decoded here independently: the plain form as a URL
query, the encoded form with the protobuf library and the message schema of
stlite's sharing app.
"""
from __future__ import annotations

import base64
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from conftest import SNIPPETS
from mkdocs_stlite.directive import anchor_for
from site_reader import (  # noqa: F401  (reader is a fixture)
    EVENT_TIMEOUT_MS,
    EXPECTED,
    Reader,
    assert_no_unexpected_errors,
    reader,
    show_app,
)

pytestmark = pytest.mark.browser

PAGE = "forms/"
FIRST, SECOND = EXPECTED[PAGE][:2]
LINK_LIMIT = 8000  # editor.js LINK_LIMIT
OPEN_TIMEOUT_MS = 30_000
EDITOR_FILES = ("assets/stlite-embed/editor.js", "assets/stlite-embed/editor.css",
                "assets/stlite-embed/codemirror.js")

WRITES = """
(() => {
  if (window.__editorWrites) return;
  const writes = (window.__editorWrites = []);
  document.addEventListener("stlite-embed:write", (event) => {
    const { app, entry, code, via, attempt } = event.detail;
    writes.push({ entry, code, via, box: app.dataset.stliteEntry, attempt });
  });
  // What happened around the editor, for the message of a test that fails.
  const trail = (window.__editorTrail = []);
  document.addEventListener("click", (event) => {
    const edit = event.target instanceof Element && event.target.closest(".stlite-embed__edit");
    trail.push(`click on ${edit ? `Edit of #${edit.closest(".stlite-embed").id}` : event.target.nodeName}`);
  }, true);
  for (const name of ["open", "close"]) {
    document.addEventListener(`stlite-editor:${name}`, (event) => trail.push(`${name} ${event.detail.entry}`));
  }
  window.addEventListener("error", (event) => trail.push(`error: ${event.message}`));
  window.addEventListener("unhandledrejection", (event) => trail.push(`unhandled: ${event.reason}`));
})();
"""


def _embed(page, snippet: str):
    return page.locator(f"#{anchor_for(snippet)}")


def _open_editor(page, snippet: str):
    embed = _embed(page, snippet)
    embed.locator(".stlite-embed__edit").click()
    content = embed.locator(".stlite-editor .cm-content")
    # The first Edit downloads and parses CodeMirror: slow on a busy machine.
    try:
        expect(content).to_be_visible(timeout=OPEN_TIMEOUT_MS)
    except AssertionError:
        state = page.evaluate(
            """(id) => ({ editorModule: !!document.querySelector('link[data-stlite-editor]'),
                          editors: document.querySelectorAll(`#${id} .stlite-editor`).length,
                          embedsWithThisId: document.querySelectorAll(`#${id}`).length,
                          editButtonHidden: document.querySelector(`#${id} .stlite-embed__edit`).hidden,
                          trail: window.__editorTrail || null,
                          embedEvents: window.__embedTest
                            ? window.__embedTest.events.map((e) => `${e.name} ${e.entry || ""} ${e.path}`) : null })""",
            anchor_for(snippet),
        )
        raise AssertionError(f"Edit on {snippet} opened no editor within {OPEN_TIMEOUT_MS} ms: {state}") from None
    return content


def _stored(page, snippet: str):
    """The reader's edit as editor.js keeps it, per example (None: no edit)."""
    return page.evaluate("(key) => sessionStorage.getItem(key)", f"mkdocs-stlite.edit:{snippet}")


def _mounted_on_forms(page, served_site, snippet: str) -> Reader:
    """PAGE with instant navigation, `snippet`'s app mounted and kept loading."""
    reader = _reader(page, served_site)
    reader.navigate_instantly()
    reader.never_answer_pyodide()
    page.goto(reader.base + PAGE)
    show_app(page, snippet)
    reader.wait_for_event("mount", snippet)
    return reader


def _round_trip(page, reader, snippet: str):
    """To the next page and back by instant navigation; the app is parked and restored."""
    parked = len(reader.events("park", snippet))
    following = page.locator("a.md-footer__link--next")
    target = following.get_attribute("href")
    following.click()
    reader.wait_for_event("park", snippet, count=parked + 1)
    page.wait_for_function("(u) => location.href.split('#')[0] === u", arg=target)
    page.locator("a.md-footer__link--prev").click()
    reader.wait_for_event("restore", snippet, count=parked + 1)


def _editor_text(embed) -> str:
    """The text the example's editor shows, line by line."""
    lines = embed.locator(".stlite-editor .cm-line")
    return "\n".join(lines.evaluate_all("(lines) => lines.map((line) => line.textContent)"))


def _replace_text(page, content, code: str):
    """Select everything in the editor and put `code` in its place, as a paste does."""
    content.click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.insert_text(code)


def _reader(page, served_site) -> Reader:
    page.context.add_init_script(WRITES)
    return Reader(page, served_site)


# --------------------------------------------------------------------------- #
# Decoding the share links, independently of editor.js
# --------------------------------------------------------------------------- #


def _app_data_class():
    """AppData of stlite's sharing app (its models.proto), built with protobuf."""
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

    F = descriptor_pb2.FieldDescriptorProto
    proto = descriptor_pb2.FileDescriptorProto(name="sharing_models_test.proto", syntax="proto3")
    file = proto.message_type.add(name="File")
    file.oneof_decl.add(name="content")
    file.field.add(name="text", number=1, type=F.TYPE_STRING, label=F.LABEL_OPTIONAL, oneof_index=0)
    file.field.add(name="data", number=2, type=F.TYPE_BYTES, label=F.LABEL_OPTIONAL, oneof_index=0)
    app = proto.message_type.add(name="AppData")
    entry = app.nested_type.add(name="FilesEntry")
    entry.options.map_entry = True
    entry.field.add(name="key", number=1, type=F.TYPE_STRING, label=F.LABEL_OPTIONAL)
    entry.field.add(name="value", number=2, type=F.TYPE_MESSAGE, type_name=".File",
                    label=F.LABEL_OPTIONAL)
    app.field.add(name="entrypoint", number=1, type=F.TYPE_STRING, label=F.LABEL_OPTIONAL)
    app.field.add(name="files", number=2, type=F.TYPE_MESSAGE, type_name=".AppData.FilesEntry",
                  label=F.LABEL_REPEATED)
    app.field.add(name="requirements", number=3, type=F.TYPE_STRING, label=F.LABEL_REPEATED)
    pool = descriptor_pool.DescriptorPool()
    pool.Add(proto)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName("AppData"))


AppData = _app_data_class()


def decode_share_link(link: str) -> tuple[str, str]:
    """(entry point, code) of a sharing link, read as stlite's sharing app reads it."""
    fragment = urlsplit(link).fragment
    if fragment.startswith("!"):
        # Its base64 variant swapped only the first "+", "/" and "=".
        b64 = fragment[1:].replace("-", "+", 1).replace("_", "/", 1).replace(",", "=", 1)
        app = AppData.FromString(base64.b64decode(b64, validate=True))
        assert list(app.requirements) == []
        return app.entrypoint, app.files[app.entrypoint].text
    # URLSearchParams semantics ("+" is a space), as parse_qs.
    params = parse_qs(fragment, keep_blank_values=True)
    assert list(params) == ["code"], fragment[:80]
    return "streamlit_app.py", params["code"][0]


# --------------------------------------------------------------------------- #
# Tests
# --------------------------------------------------------------------------- #


def test_nothing_of_the_editor_loads_before_edit(page, served_site):
    reader = _reader(page, served_site)
    page.goto(reader.base + PAGE)
    # embed.js has set up the page: the Edit buttons it reveals are there.
    expect(_embed(page, SECOND).locator(".stlite-embed__edit")).to_be_visible()
    page.wait_for_load_state("load")
    editor_urls = [reader.base + path for path in EDITOR_FILES]
    assert not [url for url in reader.requests if url in editor_urls]

    content = _open_editor(page, SECOND)
    assert sorted(u for u in reader.requests if u in editor_urls) == sorted(editor_urls)
    # The editor holds the file, byte for byte, and shows it in the Code tab.
    assert page.evaluate(
        "(el) => [...el.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\\n')",
        content.element_handle(),
    ) == (SNIPPETS / SECOND).read_text(encoding="utf-8")
    expect(_embed(page, SECOND).locator(".tabbed-block .highlight")).to_be_hidden()
    edit = _embed(page, SECOND).locator(".stlite-embed__edit")
    expect(edit).to_have_attribute("aria-expanded", "true")
    expect(edit).to_have_text("Close editor")
    # The other example is untouched.
    expect(_embed(page, FIRST).locator(".stlite-editor")).to_have_count(0)
    assert_no_unexpected_errors(reader)


def test_typing_tab_escape_reset_and_theme(page, served_site):
    reader = _reader(page, served_site)
    page.goto(reader.base + PAGE)
    content = _open_editor(page, SECOND)
    original = (SNIPPETS / SECOND).read_text(encoding="utf-8")
    assert _stored(page, SECOND) is None

    # Typing is kept per example.
    page.keyboard.press("ControlOrMeta+End")
    page.keyboard.type("st.write('edited')")
    assert _stored(page, SECOND) == original + "st.write('edited')"
    assert _stored(page, FIRST) is None

    # Tab indents the line (4 spaces) and keeps the focus in the editor.
    page.keyboard.press("ControlOrMeta+Home")
    page.keyboard.press("Tab")
    assert _stored(page, SECOND) == "    " + original + "st.write('edited')"
    assert page.evaluate("() => !!document.activeElement.closest('.cm-editor')")

    # Esc, then Tab, leaves the editor for the next control, text unchanged.
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert page.evaluate("() => !document.activeElement.closest('.cm-editor')")
    assert page.evaluate("() => document.activeElement !== document.body")
    assert _stored(page, SECOND) == "    " + original + "st.write('edited')"

    # The Code and Live app tabs come and go; the edit stays.
    embed = _embed(page, SECOND)
    embed.locator(".tabbed-labels > label", has_text="Live app").click()
    embed.locator(".tabbed-labels > label", has_text="Code").click()
    expect(content.locator(".cm-line").last).to_have_text("st.write('edited')")

    # Reset brings the file back, numbered line by line.
    embed.locator(".stlite-editor__reset").click()
    assert _stored(page, SECOND) is None
    lines = original.split("\n")
    expect(content.locator(".cm-line").first).to_have_text(lines[0])
    expect(content.locator(".cm-line")).to_have_count(len(lines))
    numbers = embed.locator(".cm-lineNumbers .cm-gutterElement:visible")
    expect(numbers.last).to_have_text(str(len(lines)))
    assert [n for n in numbers.all_inner_texts() if n.strip()][:3] == ["1", "2", "3"]
    # With nothing run, Reset has nothing left to do.
    expect(embed.locator(".stlite-editor__reset")).to_be_disabled()

    # Keywords take the colour of keywords in the site's code blocks, per scheme.
    colours = {}
    for scheme in ("default", "slate"):
        page.evaluate("(s) => document.body.setAttribute('data-md-color-scheme', s)", scheme)
        colours[scheme] = page.evaluate(
            """([editor, block]) => [
                 getComputedStyle(editor.querySelector('.tok-keyword')).color,
                 getComputedStyle(block.querySelector('.highlight .k, .highlight .kn')).color,
                 getComputedStyle(editor.querySelector('.cm-editor')).backgroundColor,
                 getComputedStyle(block.querySelector('.highlight pre > code')).backgroundColor,
               ]""",
            [embed.element_handle(), _embed(page, FIRST).element_handle()],
        )
        keyword, site_keyword, background, site_background = colours[scheme]
        assert keyword == site_keyword, scheme
        assert background == site_background, scheme
    assert colours["default"] != colours["slate"]
    assert_no_unexpected_errors(reader)


def test_run_writes_the_edit_into_its_own_app(page, served_site):
    reader = _reader(page, served_site)
    reader.never_answer_pyodide()
    page.goto(reader.base + PAGE)
    # The app is mounted in a real stlite worker that keeps loading.
    show_app(page, SECOND)
    reader.wait_for_event("mount", SECOND)
    content = _open_editor(page, SECOND)
    # Run with the file unchanged: the app already runs it, nothing to write
    # (the write of the edit below is the first), and nothing to reset.
    content.click()
    page.keyboard.press("ControlOrMeta+Enter")
    expect(_embed(page, SECOND).locator(".stlite-editor__reset")).to_be_disabled()
    _embed(page, SECOND).locator(".tabbed-labels > label", has_text="Code").click()
    edited = (SNIPPETS / SECOND).read_text(encoding="utf-8").replace(
        'st.form("order")', 'st.container(border=True)'
    ).replace("st.form_submit_button(", "st.button(")
    _replace_text(page, content, edited)
    page.keyboard.press("ControlOrMeta+Enter")

    page.wait_for_function("() => window.__editorWrites.length > 0", timeout=EVENT_TIMEOUT_MS)
    writes = page.evaluate("window.__editorWrites")
    attempt = reader.events("mount", SECOND)[0]["attempt"]
    assert writes == [
        {"entry": SECOND, "code": edited, "via": "writeFile", "box": SECOND, "attempt": attempt}
    ]
    # Run shows the example's live app.
    expect(_embed(page, SECOND).locator(".stlite-embed__app")).to_be_visible()
    expect(_embed(page, SECOND).locator(".tabbed-block .stlite-editor")).to_be_hidden()
    # Reset writes the file back.
    _embed(page, SECOND).locator(".tabbed-labels > label", has_text="Code").click()
    _embed(page, SECOND).locator(".stlite-editor__reset").click()
    page.wait_for_function("() => window.__editorWrites.length > 1", timeout=EVENT_TIMEOUT_MS)
    assert page.evaluate("window.__editorWrites")[1]["code"] == (SNIPPETS / SECOND).read_text(
        encoding="utf-8"
    )
    assert all(w["entry"] == SECOND for w in page.evaluate("window.__editorWrites"))
    assert_no_unexpected_errors(reader)


def test_run_after_a_failed_start_boots_the_app_with_the_edit(page, served_site):
    reader = _reader(page, served_site)
    page.goto(reader.base + PAGE)
    show_app(page, SECOND)
    reader.wait_for_event("state", SECOND, state="failed")
    content = _open_editor(page, SECOND)
    edited = (SNIPPETS / SECOND).read_text(encoding="utf-8") + "st.write('mine')\n"
    _replace_text(page, content, edited)
    _embed(page, SECOND).locator(".stlite-editor__run").click()

    # The real stlite worker is handed the edited code as the app's file.
    page.wait_for_function(
        """([name, code]) => window.__embedTest.sent.some((s) => s.message
             && s.message.type === 'initData' && s.message.data.entrypoint === name
             && JSON.stringify(s.message.data.files[name]) === JSON.stringify({ data: code }))""",
        arg=[SECOND, edited],
        timeout=EVENT_TIMEOUT_MS,
    )
    writes = page.evaluate("window.__editorWrites")
    assert [(w["entry"], w["code"], w["via"], w["box"]) for w in writes] == [
        (SECOND, edited, "mount", SECOND)
    ]
    # The failed attempt was unmounted; after a failure in the shared worker
    # the new attempt runs in a dedicated worker of its own.
    reader.wait_for_event("unmount", SECOND)
    record = reader.record()
    boot = next(
        s for s in record["sent"]
        if s["message"] and s["message"].get("type") == "initData"
        and s["message"]["data"]["entrypoint"] == SECOND
        and s["message"]["data"]["files"][SECOND] == {"data": edited}
    )
    assert record["workers"][boot["worker"]]["kind"] == "dedicated"
    # The other example was not started again.
    assert reader.events("mount", FIRST) and len(reader.events("mount", FIRST)) == 1


def test_share_links_carry_the_edit_and_long_ones_offer_a_download(page, served_site):
    reader = _reader(page, served_site)
    page.goto(reader.base + PAGE)
    content = _open_editor(page, SECOND)
    embed = _embed(page, SECOND)
    edited = "import streamlit as st\n\nst.title('Déjà vu + 100% €')  # ünïcode & \"quotes\"\n"
    _replace_text(page, content, edited)

    playground = embed.locator(".stlite-embed__playground").get_attribute("href")
    copied = embed.locator(".stlite-editor__copy").get_attribute("data-clipboard-text")
    assert playground == copied
    assert decode_share_link(copied)[1] == edited
    # Both forms that the module can write decode to the edit.
    forms = page.evaluate(
        """async ([code, entry, url]) => {
             const m = await import(url);
             return [m.plainLink('https://x.test/', code), m.appDataLink('https://x.test/', entry, code)];
           }""",
        [edited, SECOND, reader.base + EDITOR_FILES[0]],
    )
    assert forms[0].startswith("https://x.test/#code=")
    assert forms[1].startswith("https://x.test/#!")
    assert decode_share_link(forms[0]) == ("streamlit_app.py", edited)
    assert decode_share_link(forms[1]) == (SECOND, edited)
    expect(embed.locator(".stlite-editor__note")).to_be_hidden()

    # A version whose link passes the limit: no copy button, a download instead.
    long_code = edited + "".join(f"# line {i}: {'x' * 60}\n" for i in range(120))
    _replace_text(page, content, long_code)
    link = embed.locator(".stlite-embed__playground").get_attribute("href")
    assert len(link) > LINK_LIMIT
    assert decode_share_link(link)[1] == long_code
    expect(embed.locator(".stlite-editor__copy")).to_be_hidden()
    note = embed.locator(".stlite-editor__note")
    expect(note).to_be_visible()
    expect(note).to_contain_text(re.compile(r"too long for a forum post"))
    download = note.locator("a.stlite-editor__download")
    assert download.get_attribute("download") == SECOND
    href = download.get_attribute("href")
    prefix = "data:text/x-python;charset=utf-8,"
    assert href.startswith(prefix)
    assert parse_qs("c=" + href[len(prefix):].replace("+", "%2B"))["c"][0] == long_code
    assert_no_unexpected_errors(reader)


def test_the_edit_survives_instant_navigation_away_and_back(page, served_site):
    reader = _reader(page, served_site)
    reader.navigate_instantly()
    page.goto(reader.base + PAGE)
    content = _open_editor(page, SECOND)
    content.click()
    page.keyboard.press("ControlOrMeta+End")
    page.keyboard.type("st.write('kept')")
    edited = _stored(page, SECOND)
    assert edited.endswith("st.write('kept')")

    away = page.locator(".md-nav__link[href]:not([href*='forms'])").filter(
        has_not=page.locator("[href^='#']")
    ).first
    away.click()
    page.wait_for_function("(p) => !location.pathname.endsWith(p)", arg="/" + PAGE)
    page.go_back()
    page.wait_for_function("(p) => location.pathname.endsWith(p)", arg="/" + PAGE)

    # The new page's example opens its editor with the reader's text.
    restored = _embed(page, SECOND).locator(".stlite-editor .cm-content")
    expect(restored).to_be_visible(timeout=OPEN_TIMEOUT_MS)
    expect(restored.locator(".cm-line").last).to_have_text("st.write('kept')")
    assert _stored(page, SECOND) == edited
    expect(_embed(page, FIRST).locator(".stlite-editor")).to_have_count(0)
    # It was one document all along (instant navigation, no reload).
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    assert_no_unexpected_errors(reader)


def test_run_and_reset_after_round_trips_write_into_the_kept_app(page, served_site):
    """Each example is mounted once per document and parked while the reader
    is away: back on its page, Run writes into that same app (no new mount,
    no new worker session, nothing closed), and after another trip away and
    back Reset writes the file back into it."""
    reader = _mounted_on_forms(page, served_site, SECOND)
    mount = reader.events("mount", SECOND)[0]
    _round_trip(page, reader, SECOND)

    content = _open_editor(page, SECOND)
    original = (SNIPPETS / SECOND).read_text(encoding="utf-8")
    edited = original + "st.write('after the trip')\n"
    _replace_text(page, content, edited)
    page.keyboard.press("ControlOrMeta+Enter")
    page.wait_for_function("() => window.__editorWrites.length > 0", timeout=EVENT_TIMEOUT_MS)
    write = {"entry": SECOND, "via": "writeFile", "box": SECOND, "attempt": mount["attempt"]}
    assert page.evaluate("window.__editorWrites") == [{**write, "code": edited}]

    # Away and back again: a new editor on the new page, the same app.
    _round_trip(page, reader, SECOND)
    embed = _embed(page, SECOND)
    embed.locator(".tabbed-labels > label", has_text="Code").click()
    expect(embed.locator(".stlite-editor .cm-content")).to_be_visible()
    assert _editor_text(embed) == edited
    embed.locator(".stlite-editor__reset").click()
    page.wait_for_function("() => window.__editorWrites.length > 1", timeout=EVENT_TIMEOUT_MS)
    assert page.evaluate("window.__editorWrites") == [
        {**write, "code": edited}, {**write, "code": original}
    ]
    assert _stored(page, SECOND) is None
    expect(embed.locator(".stlite-editor__reset")).to_be_disabled()

    assert len(reader.events("mount", SECOND)) == 1
    assert reader.events("unmount", SECOND) == []
    # One worker connection per mount (other examples may have come near the
    # screen meanwhile), none closed.
    assert len(reader.runtime_workers()) == len(reader.events("mount"))
    assert not any(w["closed"] for w in reader.runtime_workers())
    assert_no_unexpected_errors(reader)


def test_pages_that_show_the_same_example_show_its_edit(page, served_site):
    """Two pages embed the same snippet; the document has one live app for it,
    so the second page opens its editor with the code that app runs, and its
    Reset puts the file back into that app."""
    shared = "form_batch_input.py"
    other = "widget-without-rerun/"
    assert shared in EXPECTED[PAGE] and shared in EXPECTED[other]
    reader = _mounted_on_forms(page, served_site, shared)
    content = _open_editor(page, shared)
    original = (SNIPPETS / shared).read_text(encoding="utf-8")
    edited = original.replace('st.form("order")', "st.container(border=True)")
    assert edited != original
    _replace_text(page, content, edited)
    page.keyboard.press("ControlOrMeta+Enter")
    page.wait_for_function("() => window.__editorWrites.length > 0", timeout=EVENT_TIMEOUT_MS)

    page.locator(f".md-nav__link[href$='{other}']").first.click()
    reader.wait_for_event("restore", shared)
    embed = _embed(page, shared)
    expect(embed.locator(".stlite-editor .cm-content")).to_be_visible(timeout=OPEN_TIMEOUT_MS)
    assert _editor_text(embed) == edited
    # The other example on both pages was never edited: no editor opens for it.
    expect(_embed(page, FIRST).locator(".stlite-editor")).to_have_count(0)
    embed.locator(".stlite-editor__reset").click()
    page.wait_for_function("() => window.__editorWrites.length > 1", timeout=EVENT_TIMEOUT_MS)
    writes = page.evaluate("window.__editorWrites")
    assert [(w["entry"], w["via"], w["code"]) for w in writes] == [
        (shared, "writeFile", edited), (shared, "writeFile", original)
    ]
    assert len(reader.events("mount", shared)) == 1
    assert_no_unexpected_errors(reader)
