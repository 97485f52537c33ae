"""Every page has the same shape, every Python block on it runs, every answer
links the official Streamlit docs.

Answer pages (every page but the guides below) follow one outline, in this
order of ``##`` sections:

    Short answer       the fix in at most 80 words, then one Python block of
                       at most 8 lines that runs as a whole app
    Before / After ... one or more example sections ("Before", "After",
                       "Also after", "Try it")
    How it works
    Caveats
    Versions           (id which-version, kept from the old "Which version")
    Further reading    links to docs.streamlit.io

and hold at most 700 words of prose. Prose is what a reader reads as text:
the Markdown of the page without fenced blocks (code, messages, charts),
``::stlite`` embed lines, HTML comments, heading ``{#id}`` attributes, link
targets and the Further reading list; what is left is split on white space
and each piece with a letter or digit is a word.

The guides (GUIDES: the home page, the decision guide, the message index) route
readers to the answers: they open with a Short answer and have a Versions
section, and their length follows the number of answers, so the outline
and the word budget do not apply to them.

Code blocks: every fenced ``python`` block in docs/ runs under AppTest without
an exception, as a whole app pasted into an empty file. A block that is
deliberately a part of an app is marked on the line just above its fence
(the comment renders nothing):

    <!-- fragment -->                 runs after the prelude `import streamlit as st`
    <!-- fragment: x = 1; y = 2 -->   ... and after these statements
    <!-- raises: Text of the error --> must stop with an exception whose message
                                      contains that text (a block that shows a mistake)
    <!-- since: 1.65.0 -->            needs that Streamlit release: on it and later
                                      the block runs clean, and so does one change of
                                      each of its widgets; on an older release it must
                                      stop with an exception, when drawn or on that
                                      change (1.62.0 fails on the first change of a
                                      widget given `on_change="ignore"`).
                                      Allowed in the short answer too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
import streamlit as st
from packaging.version import Version
from streamlit.testing.v1 import AppTest

from conftest import DOCS

GUIDES = {"index.md", "which-fix.md", "errors.md"}
ANSWERS = sorted(p.name for p in DOCS.glob("*.md") if p.name not in GUIDES)

PROSE_BUDGET = 700
SHORT_ANSWER_WORDS = 80
SHORT_ANSWER_LINES = 8
PRELUDE = "import streamlit as st\n"

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<ticks>`{3,}|~{3,})(?P<info>[^\n`]*)$")
MARKER = re.compile(r"^\s*<!--\s*(?P<kind>fragment|raises|since)\s*(?::\s*(?P<arg>.*?))?\s*-->\s*$")
HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<title>.*?)(?:\s*\{(?P<attrs>[^}]*)\})?\s*$")

# The official pages an answer may link, each looked up on docs.streamlit.io:
# concept guides, and the API reference of each command by name.
CONCEPTS = "https://docs.streamlit.io/develop/concepts/architecture/"
CONCEPT_PAGES = {
    CONCEPTS + name
    for name in (
        "architecture",
        "run-your-app",
        "caching",
        "session-state",
        "forms",
        "fragments",
        "widget-behavior",
    )
}
# Further guides an answer may link besides the concept guides above, looked
# up on docs.streamlit.io as well.
OTHER_GUIDES = {
    "https://docs.streamlit.io/develop/concepts/multipage-apps/widgets",
    "https://docs.streamlit.io/develop/concepts/multipage-apps/page-and-navigation",
    "https://docs.streamlit.io/develop/concepts/design/multithreading",
    "https://docs.streamlit.io/develop/concepts/design/dataframes",
    "https://docs.streamlit.io/develop/tutorials/chat-and-llm-apps/build-conversational-apps",
}
API = "https://docs.streamlit.io/develop/api-reference/"
API_PAGES = {
    "rerun": API + "execution-flow/st.rerun",
    "stop": API + "execution-flow/st.stop",
    "dialog": API + "execution-flow/st.dialog",
    "fragment": API + "execution-flow/st.fragment",
    "form": API + "execution-flow/st.form",
    "form_submit_button": API + "execution-flow/st.form_submit_button",
    "button": API + "widgets/st.button",
    "download_button": API + "widgets/st.download_button",
    "file_uploader": API + "widgets/st.file_uploader",
    "text_input": API + "widgets/st.text_input",
    "number_input": API + "widgets/st.number_input",
    "toggle": API + "widgets/st.toggle",
    "checkbox": API + "widgets/st.checkbox",
    "session_state": API + "caching-and-state/st.session_state",
    "cache_data": API + "caching-and-state/st.cache_data",
    "cache_resource": API + "caching-and-state/st.cache_resource",
    "query_params": API + "caching-and-state/st.query_params",
    "navigation": API + "navigation/st.navigation",
    "page": API + "navigation/st.page",
    "selectbox": API + "widgets/st.selectbox",
    "slider": API + "widgets/st.slider",
    "chat_input": API + "chat/st.chat_input",
    "chat_message": API + "chat/st.chat_message",
    "write_stream": API + "write-magic/st.write_stream",
    "data_editor": API + "data/st.data_editor",
    "status": API + "status/st.status",
    "progress": API + "status/st.progress",
    "spinner": API + "status/st.spinner",
    "tabs": API + "layout/st.tabs",
    "expander": API + "layout/st.expander",
    "dataframe": API + "data/st.dataframe",
    "altair_chart": API + "charts/st.altair_chart",
    "plotly_chart": API + "charts/st.plotly_chart",
    "vega_lite_chart": API + "charts/st.vega_lite_chart",
}
# Commands that only draw output: a page uses them to show a result, it does
# not teach them, so their reference is not required.
DISPLAY_ONLY = {"write", "markdown", "caption", "code", "text", "title", "header", "subheader",
                "info", "success", "warning", "error", "metric", "json", "dataframe"}


# ---------------------------------------------------------------------- #
# Reading a page
# ---------------------------------------------------------------------- #
@dataclass
class Block:
    page: str
    line: int  # 1-based line of the opening fence
    info: str
    code: str
    marker: tuple[str, str] | None  # ("fragment" | "raises" | "since", argument)


@dataclass
class Section:
    title: str
    ident: str | None
    body: list[str]


def source(page: str) -> str:
    return (DOCS / page).read_text(encoding="utf-8")


def split(text: str) -> tuple[list[str], list[Block]]:
    """The lines outside fenced blocks, and the fenced blocks, of a page."""
    lines = text.split("\n")
    outside, blocks, i = [], [], 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            outside.append(lines[i])
            i += 1
            continue
        indent, ticks = opening.group("indent"), opening.group("ticks")
        end = i + 1
        while end < len(lines) and lines[end].strip() != ticks:
            end += 1
        assert end < len(lines), f"unclosed fence at line {i + 1}"
        body = [line[len(indent):] if line.startswith(indent) else line.lstrip() for line in lines[i + 1 : end]]
        previous = next((lines[k] for k in range(i - 1, -1, -1) if lines[k].strip()), "")
        marker = MARKER.match(previous)
        blocks.append(Block("", i + 1, opening.group("info").strip(), "\n".join(body) + "\n",
                            (marker.group("kind"), marker.group("arg") or "") if marker else None))
        outside.append("")  # a block separates paragraphs
        i = end + 1
    return outside, blocks


def python_blocks(page: str) -> list[Block]:
    blocks = split(source(page))[1]
    for block in blocks:
        block.page = page
    return [b for b in blocks if b.info.split()[:1] == ["python"]]


def sections(page: str) -> list[Section]:
    """The ``##`` sections of a page, each with its lines (fenced blocks kept)."""
    found: list[Section] = []
    in_fence = None
    for line in source(page).split("\n"):
        fence = FENCE.match(line)
        if fence and in_fence is None:
            in_fence = fence.group("ticks")
        elif in_fence is not None and line.strip() == in_fence:
            in_fence = None
        elif in_fence is None and line.startswith("## "):
            heading = HEADING.match(line)
            ident = re.search(r"#([\w-]+)", heading.group("attrs") or "")
            found.append(Section(heading.group("title"), ident and ident.group(1), []))
            continue
        if found:
            found[-1].body.append(line)
    return found


def words(lines: list[str]) -> list[str]:
    """The prose words of Markdown lines that hold no fenced block."""
    text = "\n".join(line for line in lines if not line.startswith("::stlite["))
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"\{[#.][^}]*\}", " ", text)  # heading attributes
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets
    return [w for w in text.split() if re.search(r"[A-Za-z0-9]", w)]


def prose_words(page: str) -> list[str]:
    outside, _ = split(source(page))
    kept, skipping = [], False
    for line in outside:
        if line.startswith("## "):
            skipping = line.startswith("## Further reading")
        if not skipping:
            kept.append(line)
    return words(kept)


# ---------------------------------------------------------------------- #
# Every Python block runs
# ---------------------------------------------------------------------- #
ALL_BLOCKS = [b for page in sorted(p.name for p in DOCS.glob("*.md")) for b in python_blocks(page)]


def app_source(block: Block) -> str:
    if block.marker and block.marker[0] == "fragment":
        setup = block.marker[1].replace("; ", "\n")
        return PRELUDE + (setup + "\n" if setup else "") + block.code
    return block.code


def test_the_site_has_python_blocks_and_the_parser_sees_markers():
    assert len(ALL_BLOCKS) >= 20
    assert any(b.marker and b.marker[0] == "fragment" for b in ALL_BLOCKS)
    # A block nested in an admonition or a list is found with its indentation removed.
    outside, blocks = split("- item\n\n    <!-- fragment -->\n    ```python\n    x = 1\n    ```\n")
    assert [(b.code, b.marker) for b in blocks] == [("x = 1\n", ("fragment", ""))]
    # A block that needs a later release names it.
    _, blocks = split("<!-- since: 1.65.0 -->\n```python\nx = 1\n```\n")
    assert blocks[0].marker == ("since", "1.65.0")
    assert needs_release(blocks[0]) == Version("1.65.0")
    assert any(needs_release(b) for b in ALL_BLOCKS)


def test_a_since_block_fails_on_a_change_before_its_release_and_not_from_it():
    # The same machinery as test_python_block_runs, on a slider that ignores changes.
    code = 'import streamlit as st\nst.slider("S", 0, 10, key="s", on_change="ignore")\n'
    at = AppTest.from_string(code, default_timeout=30).run()
    assert not at.exception and change_each_widget(at) == 1
    messages = [e.message for e in at.exception]
    if Version(st.__version__) >= Version("1.63.0"):
        assert messages == [] and at.slider(key="s").value == 10
    else:
        assert messages == ["'str' object is not callable"]


def change_each_widget(at: AppTest) -> int:
    """Give every widget of the kinds a ``since`` block uses a new value, as a
    reader would, then run once; return how many were changed."""
    changed = 0
    for widget in at.slider:
        low, high = widget.min, widget.max
        widget.set_value(high if widget.value != high else low)
        changed += 1
    for widget in [*at.selectbox, *at.radio]:
        widget.set_value(next(o for o in widget.options if o != widget.value))
        changed += 1
    for widget in [*at.checkbox, *at.toggle]:
        widget.set_value(not widget.value)
        changed += 1
    for widget in [*at.text_input, *at.text_area]:
        widget.input((widget.value or "") + "x")
        changed += 1
    for widget in at.number_input:
        widget.increment()
        changed += 1
    if changed:
        at.run()
    return changed


def needs_release(block: Block) -> Version | None:
    return Version(block.marker[1]) if block.marker and block.marker[0] == "since" else None


@pytest.mark.parametrize("block", ALL_BLOCKS, ids=lambda b: f"{b.page}:{b.line}")
def test_python_block_runs(block):
    at = AppTest.from_string(app_source(block), default_timeout=30).run()
    messages = [e.message for e in at.exception]
    where = f"docs/{block.page}, line {block.line}"
    release = needs_release(block)
    if block.marker and block.marker[0] == "raises":
        assert any(block.marker[1] in m for m in messages), (
            f"{where}: should stop with {block.marker[1]!r}, got {messages}"
        )
    elif release is not None and Version(st.__version__) >= release:
        assert messages == [], f"{where}: the first run raises {messages}"
        assert change_each_widget(at) >= 1, f"{where}: a since block needs a widget to change"
        messages = [e.message for e in at.exception]
        assert messages == [], f"{where}: on {st.__version__} a change raises {messages}"
    elif release is not None:
        # Older releases fail when the widget is drawn (1.64.0 on) or changed (1.62.0, 1.63.0).
        if not messages and change_each_widget(at):
            messages = [e.message for e in at.exception]
        assert messages, f"{where}: on {st.__version__} (before {release}) the block should fail"
    else:
        assert messages == [], f"{where}: the block raises {messages}"


def test_a_block_that_needs_a_prelude_fails_without_one():
    # The test above can fail: the same machinery reports a name the block never set.
    broken = Block("x.md", 1, "python", "st.write(st.session_state.count)\n", ("fragment", ""))
    at = AppTest.from_string(app_source(broken), default_timeout=30).run()
    assert at.exception and "count" in at.exception[0].message


# ---------------------------------------------------------------------- #
# One outline for every answer
# ---------------------------------------------------------------------- #
EXAMPLE_TITLE = re.compile(r"^(Before|After|Also after|Try it)\b")


@pytest.mark.parametrize("page", ANSWERS)
def test_answer_sections_come_in_the_fixed_order(page):
    titles = [s.title for s in sections(page)]
    assert source(page).startswith("# ") and source(page).split("\n", 1)[0].rstrip().endswith("?"), (
        f"docs/{page}: the title must be the question"
    )
    assert titles[0] == "Short answer", f"docs/{page}: {titles}"
    assert titles[-4:] == ["How it works", "Caveats", "Versions", "Further reading"], f"docs/{page}: {titles}"
    middle = titles[1:-4]
    assert middle and all(EXAMPLE_TITLE.match(t) for t in middle), (
        f"docs/{page}: between the short answer and How it works only example sections: {middle}"
    )
    assert any(t.startswith("Before") or t.startswith("Try it") for t in middle)


@pytest.mark.parametrize("page", sorted(p.name for p in DOCS.glob("*.md")))
def test_every_page_opens_with_a_short_answer_and_has_a_versions_section(page):
    found = {s.title: s.ident for s in sections(page)}
    assert sections(page)[0].title == "Short answer"
    assert sections(page)[0].ident == "short-answer"
    assert found.get("Versions") == "which-version", f"docs/{page}: ## Versions {{#which-version}}"


@pytest.mark.parametrize("page", ANSWERS)
def test_short_answer_is_the_fix_in_80_words_then_one_short_app(page):
    body = sections(page)[0].body
    outside, blocks = split("\n".join(body))
    assert len(blocks) == 1 and blocks[0].info == "python", f"docs/{page}: one Python block"
    block = blocks[0]
    lines = "\n".join(body).split("\n")
    after = [line for line in lines[block.line :] if line.strip()]
    closing = after.index(next(l for l in after if l.strip().startswith("```")))
    assert after[closing + 1 :] == [], f"docs/{page}: the code block ends the short answer"
    assert not any(line.startswith("!!!") for line in body), f"docs/{page}: no box around the short answer"
    assert len(words(outside)) <= SHORT_ANSWER_WORDS, f"docs/{page}: {len(words(outside))} words"
    assert len(block.code.rstrip("\n").split("\n")) <= SHORT_ANSWER_LINES
    assert block.marker is None or block.marker[0] == "since", (
        f"docs/{page}: the short answer must run pasted into an empty file"
    )
    assert block.code.startswith("import streamlit as st\n")


@pytest.mark.parametrize("page", ANSWERS)
def test_answer_prose_stays_within_the_budget(page):
    count = len(prose_words(page))
    assert count <= PROSE_BUDGET, f"docs/{page}: {count} words of prose (budget {PROSE_BUDGET})"


def test_word_count_skips_code_embeds_comments_and_link_targets():
    text = (
        "# Title?\n\nOne two [three](https://x.invalid/a-b-c).\n\n::stlite[a.py]{height=300}\n\n"
        "<!-- fragment -->\n```python\nfour = five\n```\n\n## Versions {#which-version}\n\n| a | b |\n| --- | --- |\n"
    )
    outside, _ = split(text)
    assert words(outside) == ["Title?", "One", "two", "[three].", "Versions", "a", "b"]


def test_the_live_examples_note_lives_in_one_place():
    note = re.compile(r"live examples (on this site|run)", re.I)
    pages = [p.name for p in DOCS.glob("*.md") if note.search(source(p.name))]
    assert pages == ["index.md"], pages
    assert "{#live-examples}" in source("index.md")


def test_rerun_in_a_callback_is_explained_on_one_page_and_linked_from_the_others():
    explained = [p.name for p in DOCS.glob("*.md") if "is a no-op" in source(p.name) and p.name != "errors.md"]
    assert explained == ["st-rerun.md"], explained
    for page in ("callbacks.md", "one-step-behind.md"):
        assert "st-rerun.md#in-callback" in source(page), page


# ---------------------------------------------------------------------- #
# Further reading: the official docs
# ---------------------------------------------------------------------- #
def further_reading_links(page: str) -> list[str]:
    section = next(s for s in sections(page) if s.title == "Further reading")
    return re.findall(r"\]\((https?://[^)\s]+)\)", "\n".join(section.body))


def commands_used(page: str) -> set[str]:
    code = "\n".join(b.code for b in python_blocks(page))
    return set(re.findall(r"\bst\.([a-z_]+)\b", code)) - DISPLAY_ONLY


@pytest.mark.parametrize("page", ANSWERS)
def test_answer_ends_with_links_to_the_official_docs(page):
    assert sections(page)[-1].title == "Further reading"
    links = further_reading_links(page)
    unknown = [
        url for url in links if url not in CONCEPT_PAGES | OTHER_GUIDES | set(API_PAGES.values())
    ]
    assert unknown == [], f"docs/{page}: links not in the looked-up list of this test: {unknown}"
    assert CONCEPT_PAGES & set(links), f"docs/{page}: link at least one concept guide"
    missing = sorted(name for name in commands_used(page) if API_PAGES.get(name) not in links)
    assert missing == [], (
        f"docs/{page}: the code uses st.{', st.'.join(missing)} but Further reading does not link "
        "its API reference (add the looked-up URL to API_PAGES if it is new)"
    )


def test_further_reading_rule_can_fail():
    # A page whose code calls st.fragment must link st.fragment's reference.
    assert "fragment" in commands_used("fragments.md")
    assert API_PAGES["fragment"] in further_reading_links("fragments.md")
