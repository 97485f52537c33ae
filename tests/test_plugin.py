"""The embed plugin on its own: Markdown in, HTML out, and the build errors an author sees.

Each test builds a tiny site in a temp folder with the real plugin and the real
theme, through the same `mkdocs build --strict` an author runs.
"""
from __future__ import annotations

import html
import re
import subprocess
import textwrap
from pathlib import Path

import pytest

from conftest import STLITE_BUILD
from plugin_site import SNIPPET, build, make_site
from mkdocs_stlite.sources import bundled_streamlit_version

def built_page(site: Path) -> str:
    result = build(site)
    assert result.returncode == 0, result.stderr
    return (site / "site" / "index.html").read_text(encoding="utf-8")


def code_text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_directive_renders_code_and_live_app(tmp_path):
    page = built_page(make_site(tmp_path, "# Demo\n\n::stlite[demo_app.py]{height=333}\n"))
    embed = re.search(r'<div class="stlite-embed" id="example-demo-app".*?</code>', page, re.S)
    assert embed, "the embed wrapper with its anchor is missing"
    labels = re.findall(r"<label[^>]*>([^<]+)</label>", page)
    assert labels == ["Code", "Live app"]
    code = re.search(r"<code>(.*?)</code>", page, re.S).group(1)
    assert code_text(code) == SNIPPET
    app = re.search(r'<div class="stlite-embed__app"([^>]*)>', page).group(1)
    assert 'data-stlite-entry="demo_app.py"' in app
    assert 'data-stlite-src="snippets/demo_app.py"' in app
    assert 'data-stlite-module="assets/stlite/stlite.js"' in app
    assert 'data-stlite-shared-worker="true"' in app
    assert 'style="height: 333px"' in app
    # The live tab opens first by default.
    assert re.search(r'<input checked="checked" id="__tabbed_1_2"', page)


def test_site_gets_snippet_stlite_build_and_module(tmp_path):
    site = make_site(tmp_path, "# Demo\n\n::stlite[demo_app.py]\n")
    page = built_page(site)
    out = site / "site"
    assert (out / "snippets" / "demo_app.py").read_bytes() == SNIPPET.encode()
    assert (out / "assets" / "stlite" / "stlite.js").is_file()
    assert list((out / "assets" / "stlite").rglob("*.whl")), "stlite's wheels are missing"
    leaked = [p.name for p in (out / "assets" / "stlite").rglob("*") if p.name.endswith((".map", ".d.ts"))]
    assert leaked == []
    assert '<script src="assets/stlite-embed/embed.js" type="module"></script>' in page
    assert 'href="assets/stlite-embed/embed.css"' in page


def test_open_code_nested_in_admonition(tmp_path):
    page = built_page(
        make_site(
            tmp_path,
            """\
            # Demo

            !!! note

                ::stlite[demo_app.py]{open=code}
            """,
        )
    )
    assert re.search(r'class="admonition note">.*?class="stlite-embed"', page, re.S)
    assert re.search(r'<input checked="checked" id="__tabbed_1_1"', page)
    assert code_text(re.search(r"<code>(.*?)</code>", page, re.S).group(1)) == SNIPPET


def test_directive_inside_code_fence_is_left_alone(tmp_path):
    page = built_page(make_site(tmp_path, "# Demo\n\n```\n::stlite[missing.py]\n```\n"))
    assert "::stlite[missing.py]" in page
    assert "stlite-embed__app" not in page


def test_site_wide_urls_and_worker_option(tmp_path):
    opts = (
        'stlite_url: "https://cdn.example.invalid/stlite/"\n'
        'pyodide_url: "https://py.example.invalid/pyodide.mjs"\n'
        "shared_worker: false\n"
        'streamlit_version: "9.9.9"\n'
    )
    site = make_site(tmp_path, "# Demo\n\n::stlite[demo_app.py]\n", plugin_opts=opts)
    page = built_page(site)
    assert 'data-stlite-module="https://cdn.example.invalid/stlite/stlite.js"' in page
    assert 'data-stlite-pyodide="https://py.example.invalid/pyodide.mjs"' in page
    assert 'data-stlite-shared-worker="false"' in page
    assert not (site / "site" / "assets" / "stlite").exists()
    assert "<code>pip install streamlit==9.9.9</code>" in page


def test_stlite_url_without_streamlit_version_fails(tmp_path):
    opts = 'stlite_url: "https://cdn.example.invalid/stlite/"\n'
    result = build(make_site(tmp_path, "# Demo\n", plugin_opts=opts))
    assert result.returncode != 0
    assert "plugins.stlite.streamlit_version must be set when stlite_url is" in result.stderr


def test_toolbar_links_carry_the_snippet(tmp_path):
    from urllib.parse import unquote

    site = make_site(tmp_path, "# Demo\n\n::stlite[demo_app.py]\n")
    yml = site / "mkdocs.yml"
    yml.write_text("site_url: https://faq.example.invalid/docs/\n" + yml.read_text())
    page = built_page(site)
    bar = re.search(r'<div class="stlite-embed__bar">(.*?)</div>', page, re.S).group(1)
    copy = re.search(r'data-clipboard-text="([^"]+)"', bar).group(1)
    assert copy == "https://faq.example.invalid/docs/#example-demo-app"
    assert re.search(r'href="snippets/demo_app.py" download="demo_app.py"', bar)
    playground = html.unescape(re.search(r'href="(https://share\.stlite\.net/#code=[^"]+)"', bar).group(1))
    assert unquote(playground.split("#code=", 1)[1]) == SNIPPET
    bundled = bundled_streamlit_version(STLITE_BUILD)
    local = re.search(r'<p class="stlite-embed__local"[^>]*>(.*?)</p>', page, re.S).group(1)
    # Line-break chances (<wbr>, nowrap pieces) change nothing of the text.
    local = re.sub(r"<wbr>|</?span[^>]*>", "", local)
    assert f"<code>pip install streamlit=={bundled}</code>" in local
    assert "<code>streamlit run https://faq.example.invalid/docs/snippets/demo_app.py</code>" in local


def test_run_locally_line_names_the_bundled_and_the_newest_locked_version(tmp_path):
    site = make_site(
        tmp_path,
        "# Demo\n\n::stlite[demo_app.py]\n",
        plugin_opts='streamlit_version: "1.62.0"\nnewest_lock: locks/newest.lock\n',
    )
    (site / "locks").mkdir()
    (site / "locks" / "newest.lock").write_text(
        "pytest==9.0.3 \\\n    --hash=sha256:00\nstreamlit==9.10.1 \\\n    --hash=sha256:11\n",
        encoding="utf-8",
    )
    local = re.search(r'<p class="stlite-embed__local"[^>]*>(.*?)</p>', built_page(site), re.S).group(1)
    assert "<code>pip install streamlit==1.62.0</code>" in local
    assert local.endswith("(tested on Streamlit 1.62.0 and 9.10.1)")


def test_run_locally_line_without_newest_lock_names_one_version(tmp_path):
    opts = 'streamlit_version: "1.62.0"\n'
    page = built_page(make_site(tmp_path, "# Demo\n\n::stlite[demo_app.py]\n", plugin_opts=opts))
    local = re.search(r'<p class="stlite-embed__local"[^>]*>(.*?)</p>', page, re.S).group(1)
    assert local.endswith("(tested on Streamlit 1.62.0)")


@pytest.mark.parametrize(
    ("lock_text", "message"),
    [
        (None, "plugins.stlite.newest_lock: file {lock} does not exist"),
        ("streamlit>=1.0\n", "plugins.stlite.newest_lock: {lock} has no 'streamlit==' pin"),
    ],
)
def test_broken_newest_lock_fails_build_naming_the_file(tmp_path, lock_text, message):
    site = make_site(tmp_path, "# Demo\n", plugin_opts="newest_lock: newest.lock\n")
    lock = site / "newest.lock"
    if lock_text is not None:
        lock.write_text(lock_text, encoding="utf-8")
    result = build(site)
    assert result.returncode != 0
    assert message.format(lock=lock.resolve()) in result.stderr


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("::stlite[nope.py]", "docs/index.md:3: snippet file 'nope.py' not found"),
        ("::stlite[demo_app.py]{colour=red}", "docs/index.md:3: unknown option 'colour'"),
        ("::stlite[demo_app.py]{height=tall}", "docs/index.md:3: height='tall' is not a whole number"),
        ("::stlite[demo_app.py]{height=5}", "docs/index.md:3: height=5 is outside 120-2000"),
        ("::stlite[demo_app.py]{open=both}", "docs/index.md:3: open='both' must be one of live, code"),
        ("::stlite[demo_app.py]{layout=side}", "docs/index.md:3: unknown option 'layout'"),
        # str.isdigit() accepts these; int() crashed on the first, read the second as 300.
        ("::stlite[demo_app.py]{height=²²²}", "docs/index.md:3: height='²²²' is not a whole number"),
        ("::stlite[demo_app.py]{height=３００}", "docs/index.md:3: height='３００' is not a whole number"),
        ("::stlite[demo_app.py]{height=2001}", "docs/index.md:3: height=2001 is outside 120-2000"),
        ("::stlite[../etc/passwd]", "docs/index.md:3: '../etc/passwd' is not a snippet file name"),
        ("::stlite demo_app.py", "docs/index.md:3: cannot read '::stlite demo_app.py'"),
    ],
)
def test_bad_directive_fails_build_naming_page_line_and_file(tmp_path, line, message):
    result = build(make_site(tmp_path, f"# Demo\n\n{line}\n"))
    assert result.returncode != 0
    assert message in result.stderr


def test_same_snippet_twice_on_a_page_fails(tmp_path):
    result = build(make_site(tmp_path, "# Demo\n\n::stlite[demo_app.py]\n\n::stlite[demo_app.py]\n"))
    assert result.returncode != 0
    assert "docs/index.md:5: 'demo_app.py' is already embedded on this page at line 3" in result.stderr


@pytest.mark.parametrize("other", ["demo-app.py", "Demo_App.py", "demo_app/streamlit_app.py"])
def test_two_snippets_with_one_anchor_on_a_page_fail_naming_both(tmp_path, other):
    site = make_site(tmp_path, f"# Demo\n\n::stlite[demo_app.py]\n\n::stlite[{other}]\n")
    (site / "snippets" / other).parent.mkdir(exist_ok=True)
    (site / "snippets" / other).write_text(SNIPPET, encoding="utf-8")
    result = build(site)
    assert result.returncode != 0
    assert (
        f"docs/index.md:5: '{other}' and 'demo_app.py' (line 3) both get the anchor #example-demo-app"
        in result.stderr
    ), result.stderr


def test_an_embed_whose_anchor_a_heading_has_fails(tmp_path):
    # The heading's id (toc) would be the embed's id too: two elements, one link.
    result = build(make_site(tmp_path, "# Demo\n\n## Example demo app\n\n::stlite[demo_app.py]\n"))
    assert result.returncode != 0
    assert (
        "docs/index.md:5: the embed of 'demo_app.py' gets the anchor #example-demo-app, which "
        "something else on this page (a heading?) already has" in result.stderr
    ), result.stderr


def test_an_id_shown_as_text_in_inline_code_is_not_an_anchor(tmp_path):
    page = '# Demo\n\nWrite `<a id="example-demo-app">` to link.\n\n::stlite[demo_app.py]\n'
    assert 'id="example-demo-app" data-snippet="demo_app.py"' in built_page(make_site(tmp_path, page))


def test_snippets_with_one_anchor_on_different_pages_build(tmp_path):
    # An anchor belongs to its page: each page links to its own example.
    site = make_site(tmp_path, "# Demo\n\n::stlite[demo_app.py]\n", extra={"demo-app.py": SNIPPET})
    (site / "docs" / "other.md").write_text("# Other\n\n::stlite[demo-app.py]\n", encoding="utf-8")
    built_page(site)
    other = (site / "site" / "other" / "index.html").read_text(encoding="utf-8")
    assert 'id="example-demo-app" data-snippet="demo-app.py"' in other


def test_broken_site_option_fails_build(tmp_path):
    result = build(make_site(tmp_path, "# Demo\n", plugin_opts="open: sideways\n"))
    assert result.returncode != 0
    assert "plugins.stlite" in result.stderr or "'open'" in result.stderr
    assert "sideways" in result.stderr


def test_missing_snippets_folder_fails_build(tmp_path):
    site = make_site(tmp_path, "# Demo\n", plugin_opts="snippets_dir: examples\n")
    result = build(site)
    assert result.returncode != 0
    assert "plugins.stlite.snippets_dir" in result.stderr and "examples" in result.stderr


@pytest.mark.parametrize(
    ("opts", "message"),
    [
        # Before, `height: 5000` built and rendered a 5000 px box.
        ("height: 5000\n", "height=5000 is outside 120-2000 pixels"),
        ("height: 119\n", "height=119 is outside 120-2000 pixels"),
        ('height: "３００"\n', "height='３００' is not a whole number"),
        ("open: sideways\n", "open='sideways' must be one of live, code"),
    ],
)
def test_site_wide_options_go_through_the_same_checks_as_a_page(tmp_path, caplog, opts, message):
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    site = make_site(tmp_path, "# Demo\n", plugin_opts=opts)
    with pytest.raises(Abort):
        load_config(str(site / "mkdocs.yml"))
    assert f"Plugin 'stlite' option '{opts.split(':')[0]}': {message}" in caplog.text


def test_site_wide_defaults_apply_and_a_page_overrides_them(tmp_path):
    page = built_page(
        make_site(
            tmp_path,
            "# Demo\n\n::stlite[demo_app.py]\n\n::stlite[other_app.py]{height=2000 open=live}\n",
            plugin_opts="height: 120\nopen: code\n",
            extra={"other_app.py": SNIPPET},
        )
    )
    heights = re.findall(r'style="height: (\d+)px"', page)
    assert heights == ["120", "2000"]
    assert re.search(r'<input checked="checked" id="__tabbed_1_1"', page)  # code first
    assert re.search(r'<input checked="checked" id="__tabbed_2_2"', page)  # live first


# --------------------------------------------------------------------------- #
# The Code tab, the download and the playground link carry the file exactly
# --------------------------------------------------------------------------- #

HOSTILE = (
    'import streamlit as st\n'
    '\n'
    '# </script><script>alert(1)</script> <!-- not a comment --> ]]>\n'
    'st.markdown("```python\\nx = 1\\n```")  # backticks, three and more: ````\n'
    'st.write("emoji 🎈🧪, right-to-left: \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 \u202e")\n'
    'st.write("&amp; &lt; {{ jinja }} {% raw %} ${dollar} \\\\ \\u00e9")\n'
)


def toolbar_and_code(page: str) -> tuple[str, str, str]:
    from urllib.parse import unquote

    code = code_text(re.search(r"<code>(.*?)</code>", page, re.S).group(1))
    bar = re.search(r'<div class="stlite-embed__bar">(.*?)</div>', page, re.S).group(1)
    playground = html.unescape(re.search(r'stlite-embed__playground" href="([^"]+)"', bar).group(1))
    download = html.unescape(re.search(r'stlite-embed__download" href="([^"]+)"', bar).group(1))
    return code, unquote(playground.split("#code=", 1)[1]), download


def test_a_hostile_snippet_is_carried_exactly_everywhere(tmp_path):
    site = make_site(tmp_path, "# Demo\n\n::stlite[demo_app.py]\n", snippet=HOSTILE)
    page = built_page(site)
    code, playground, download = toolbar_and_code(page)
    assert code == HOSTILE
    assert playground == HOSTILE
    assert (site / "site" / download).read_bytes() == HOSTILE.encode("utf-8")
    # Nothing of the snippet escaped its code block as markup.
    assert "<script>alert(1)</script>" not in page


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # Markdown expanded tabs and showed CRLF as LF; a missing final newline appeared.
        ("import streamlit as st\n\nif True:\n\tst.write('tab')\n", "snippets/demo_app.py:4: a tab character"),
        ("import streamlit as st\r\nst.write('crlf')\r\n", "snippets/demo_app.py:1: a carriage return"),
        ("import streamlit as st\nst.write('no end')", "snippets/demo_app.py:2: no newline at the end"),
        ("import streamlit as st\nst.write('é')\n".encode("latin-1").decode("utf-8", "surrogateescape"),
         "snippets/demo_app.py:2: not UTF-8"),
        # Built and published without a word before.
        ("import streamlit as st\n\nst.write('a'\nx = (\n", "snippets/demo_app.py:3: "),
        # The highlighter dropped blank lines at either end and Markdown emptied a
        # line of spaces: the build failed naming the page only, not the file's line.
        ("import streamlit as st\n\nst.write(1)\n\n\n", "snippets/demo_app.py:4: blank lines at the end"),
        ("\nimport streamlit as st\n", "snippets/demo_app.py:1: a blank line at the start"),
        ("import streamlit as st\n    \nst.write(1)\n", "snippets/demo_app.py:2: a line of only spaces"),
        # Python refuses a NUL (the error said line None); Markdown removes STX.
        ("import streamlit as st\nst.write('a\x00b')\n", "snippets/demo_app.py:2: an invisible control character U+0000"),
        ("import streamlit as st\nst.write('a\x02b')\n", "snippets/demo_app.py:2: an invisible control character U+0002"),
        # Called a Python syntax error before; the copy and the playground would carry it.
        ("\ufeffimport streamlit as st\n", "snippets/demo_app.py:1: a byte order mark (U+FEFF)"),
    ],
)
def test_a_snippet_that_cannot_be_shown_exactly_or_does_not_parse_fails_the_build(tmp_path, text, message):
    site = make_site(tmp_path, "# Demo\n\n::stlite[demo_app.py]\n")
    (site / "snippets" / "demo_app.py").write_bytes(text.encode("utf-8", "surrogateescape"))
    result = build(site)
    assert result.returncode != 0
    assert message in result.stderr, result.stderr
    assert "embedded at docs/index.md:3" in result.stderr
    assert "Traceback" not in result.stderr


# --------------------------------------------------------------------------- #
# What gets published
# --------------------------------------------------------------------------- #


def test_only_the_snippets_pages_embed_are_published(tmp_path):
    site = make_site(tmp_path, "# Demo\n\n::stlite[demo_app.py]\n", extra={"draft_app.py": "not python(\n"})
    built_page(site)
    published = sorted(p.name for p in (site / "site" / "snippets").iterdir())
    assert published == ["demo_app.py"]


@pytest.mark.parametrize("target", ["../mkdocs.yml", "/etc/hostname", "demo_app.py"])
@pytest.mark.parametrize("embedded", [True, False])
def test_a_symbolic_link_in_the_snippets_folder_fails_the_build(tmp_path, target, embedded):
    page = "# Demo\n\n::stlite[linked_app.py]\n" if embedded else "# Demo\n\n::stlite[demo_app.py]\n"
    site = make_site(tmp_path, page)
    (site / "snippets" / "linked_app.py").symlink_to(target)
    result = build(site)
    assert result.returncode != 0
    assert "snippets/linked_app.py: a symbolic link in the snippets folder" in result.stderr
    assert not (site / "site" / "snippets" / "linked_app.py").exists()


# --------------------------------------------------------------------------- #
# Where a directive can stand
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    "page",
    [
        # Commented out: no embed (this failed with "could not be placed").
        "# Demo\n\n<!--\n::stlite[missing.py]\n-->\n\n<!-- ::stlite[missing.py] -->\n",
        # A ```python line does not close a ```markdown fence, as in superfences.
        "# Demo\n\n```markdown\nExample:\n```python\n::stlite[missing.py]\n```\n",
        # Shown as inline code in prose, or in a table cell in backticks.
        "# Demo\n\nWrite `::stlite[missing.py]` on its own line.\n\n| a |\n|---|\n| `::stlite[missing.py]` |\n",
    ],
)
def test_a_directive_shown_as_code_or_commented_out_is_left_alone(tmp_path, page):
    built = built_page(make_site(tmp_path, page))
    assert "stlite-embed__app" not in built
    assert not (tmp_path / "site" / "snippets").exists()


def test_a_directive_shown_in_a_blockquote_fence_is_code_and_one_after_it_embeds(tmp_path):
    # superfences renders a fence inside a blockquote; the plugin refused the line in it.
    page = "# Demo\n\n> ```markdown\n> ::stlite[demo_app.py]\n> ```\n\n::stlite[demo_app.py]\n"
    built = built_page(make_site(tmp_path, page))
    quoted = re.search(r"<blockquote>(.*?)</blockquote>", built, re.S).group(1)
    assert code_text(re.search(r"<code>(.*?)</code>", quoted, re.S).group(1)) == "::stlite[demo_app.py]\n"
    assert built.count('class="stlite-embed__app"') == 1
    assert built.index("</blockquote>") < built.index('class="stlite-embed__app"')


@pytest.mark.parametrize(
    ("page", "message"),
    [
        # The embed silently became text: the plugin read everything after the
        # fence as code, superfences shows the unclosed fence line as text.
        ("# Demo\n\n```python\nx = 1\n\n::stlite[demo_app.py]\n",
         "docs/index.md:3: this ``` fence is never closed (it runs to the end of the page)"),
        # A longer run does not close a fence in superfences; the plugin took it as closed.
        ("# Demo\n\n```python\nx = 1\n````\n::stlite[demo_app.py]\n",
         "docs/index.md:3: this ``` fence is never closed"),
        # A fence in a list item ends unclosed at a line indented less than it.
        ("# Demo\n\n- item\n\n    ```markdown\n    ::stlite[demo_app.py]\nText.\n",
         "docs/index.md:5: this ``` fence is never closed (a line indented less than the fence at "
         "line 7 ends it)"),
        # A fence line with options superfences refuses is text, so its closing
        # line opens a fence: the error names the line to fix, not the closing one.
        ('# Demo\n\n```python hl_lines="x"\nx = 1\n```\n::stlite[demo_app.py]\n',
         'docs/index.md:3: this fence has options superfences does not take (hl_lines="x")'),
        ('# Demo\n\n```python title=app.py\nx = 1\n```\n::stlite[demo_app.py]\n',
         "docs/index.md:3: this fence has options superfences does not take (title=app.py)"),
    ],
)
def test_an_unclosed_fence_before_a_directive_fails_at_the_fence(tmp_path, page, message):
    result = build(make_site(tmp_path, page))
    assert result.returncode != 0
    assert message in result.stderr, result.stderr
    assert "the ::stlite line at line 6" in result.stderr


def test_a_refused_fence_line_is_blamed_only_when_its_closing_opened_the_unclosed_fence(tmp_path):
    # The refused fence line (5) is text; its closing (7) opens a fence that the
    # less indented line 8 ends, and Markdown runs lines 8-9 into the list's
    # paragraph: the directive is the mistake to show, not line 5.
    page = '# Demo\n\n- a\n\n    ```python hl_lines="x"\n    x\n    ```\n```python\n::stlite[demo_app.py]\n'
    result = build(make_site(tmp_path, page))
    assert result.returncode != 0
    assert "docs/index.md:9: the embed of 'demo_app.py' could not be placed" in result.stderr, result.stderr
    assert "docs/index.md:5" not in result.stderr


@pytest.mark.parametrize(
    "page",
    [
        "```python\nx = 1\n````\n\n```\n",
        "> ```python\n> x = 1\n> ```\n",
        "> ```python\n> x = 1\n\n> ```\n",
        "```python\nx = 1\n  ```\n```\n",
        "- item\n\n    ```python\n    x = 1\n\nText.\n\n    ```\n",
        '```python title="app.py"\nx = 1\n```\n\n```python foo\nx = 1\n```\n',
        '~~~python hl_lines="1"\nx = 1\n~~~\n\n```python hl_lines="x"\nx = 1\n```\n',
    ],
)
def test_the_plugin_reads_fences_as_superfences_renders_them(page):
    import markdown

    from mkdocs_stlite.directive import fenced_blocks

    rendered = markdown.markdown(page, extensions=["pymdownx.superfences"])
    assert sum(f.end is not None for f in fenced_blocks(page)) == rendered.count('<div class="highlight">')


@pytest.mark.parametrize(
    ("page", "message"),
    [
        (
            "# Demo\n\nSome text:\n\n    ::stlite[demo_app.py]\n",
            "docs/index.md:5: the embed of 'demo_app.py' ended up inside a code block",
        ),
        (
            "# Demo\n\n- a list item\n\n  ::stlite[demo_app.py]\n",
            "docs/index.md:5: the ::stlite line is indented by 2 spaces",
        ),
        (
            "# Demo\n\n> ::stlite[demo_app.py]\n",
            "docs/index.md:3: an embed cannot be placed inside a blockquote",
        ),
        (
            "# Demo\n\n| a | b |\n|---|---|\n| 1 | ::stlite[demo_app.py] |\n",
            "docs/index.md:5: an embed cannot be placed inside a table cell",
        ),
        (
            "# Demo\n\nSee ::stlite[demo_app.py]\n",
            "docs/index.md:3: an embed cannot be placed after other text",
        ),
    ],
)
def test_a_directive_markdown_would_not_read_as_a_block_fails_precisely(tmp_path, page, message):
    result = build(make_site(tmp_path, page))
    assert result.returncode != 0
    assert message in result.stderr, result.stderr


def test_a_directive_in_a_list_item_indented_by_four_embeds(tmp_path):
    # `<!--` in inline code opens no comment: the directive after it still counts.
    page = "# Demo\n\nType `<!--` to start a comment.\n\n- a list item\n\n    ::stlite[demo_app.py]\n"
    assert re.search(r"<li>.*?stlite-embed__app.*?</li>", built_page(make_site(tmp_path, page)), re.S)


def test_every_embed_option_has_one_declaration_used_site_wide_too():
    from mkdocs_stlite.config import EmbedDefault, StliteConfig
    from mkdocs_stlite.options import EmbedOptions

    site_wide = {name: option for name, option in StliteConfig._schema if isinstance(option, EmbedDefault)}
    assert set(site_wide) == set(EmbedOptions.names()) == {"height", "open"}
    for name, option in site_wide.items():
        assert option.default == EmbedOptions.default(name)
        assert option.__doc__ == EmbedOptions.doc(name)


def test_wheels_dir_is_served_and_handed_to_every_live_app(tmp_path):
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    (wheels / "tiny_pkg-1.0-py3-none-any.whl").write_bytes(b"PK\x05\x06" + b"\0" * 18)
    site = make_site(tmp_path, "# Demo\n\n::stlite[demo_app.py]\n", plugin_opts=f"wheels_dir: {wheels}\n")
    page = built_page(site)
    assert 'data-stlite-wheels="assets/stlite-wheels/tiny_pkg-1.0-py3-none-any.whl"' in page
    served = site / "site" / "assets" / "stlite-wheels" / "tiny_pkg-1.0-py3-none-any.whl"
    assert served.read_bytes() == (wheels / "tiny_pkg-1.0-py3-none-any.whl").read_bytes()


def test_an_empty_wheels_dir_fails_the_build(tmp_path):
    (tmp_path / "empty").mkdir()
    site = make_site(tmp_path, "# Demo\n", plugin_opts=f"wheels_dir: {tmp_path / 'empty'}\n")
    result = build(site)
    assert result.returncode != 0
    assert "plugins.stlite.wheels_dir: no wheels in" in result.stderr
    assert "browser-wheels.lock" in result.stderr


# --------------------------------------------------------------------------- #
# Multi-file examples: a folder with an entry file and its pages
# --------------------------------------------------------------------------- #
ENTRY = (
    "import streamlit as st\n\n"
    'page = st.navigation([st.Page("views/one.py"), st.Page("views/two.py")])\n'
    "page.run()\n"
)


def add_example(site: Path, entry: str = ENTRY, pages: tuple[str, ...] = ("one", "two")) -> None:
    folder = site / "snippets" / "demo_pages"
    (folder / "views").mkdir(parents=True)
    (folder / "streamlit_app.py").write_text(entry, encoding="utf-8")
    for name in pages:
        (folder / "views" / f"{name}.py").write_text(f'import streamlit as st\n\nst.write("{name}")\n')


def test_multi_file_example_shows_mounts_and_zips_every_file(tmp_path):
    import json
    import zipfile

    site = make_site(tmp_path, "# Demo\n\n::stlite[demo_pages/streamlit_app.py]{height=300}\n")
    add_example(site)
    page = built_page(site)
    out = site / "site"
    # The Code tab: one titled block per file, the entry first.
    titles = re.findall(r'<span class="filename">([^<]+)</span>', page)
    assert titles == [
        "demo_pages/streamlit_app.py",
        "demo_pages/views/one.py",
        "demo_pages/views/two.py",
    ]
    blocks = re.findall(r'<span class="filename">[^<]+</span><pre><span></span><code>(.*?)</code>', page, re.S)
    assert code_text(blocks[0]) == ENTRY
    assert code_text(blocks[2]) == 'import streamlit as st\n\nst.write("two")\n'
    # The live app: the entry, and every file with its URL for stlite's `files`.
    app = re.search(r'<div class="stlite-embed__app"([^>]*)>', page).group(1)
    assert 'data-stlite-entry="demo_pages/streamlit_app.py"' in app
    files = json.loads(html.unescape(re.search(r'data-stlite-files="([^"]+)"', app).group(1)))
    assert files == {
        f"demo_pages/{p}": f"snippets/demo_pages/{p}"
        for p in ("streamlit_app.py", "views/one.py", "views/two.py")
    }
    for url in files.values():
        assert (out / url).read_bytes() == (site / url).read_bytes()
    # One archive for the download, no playground link (it carries one file).
    bar = re.search(r'<div class="stlite-embed__bar">(.*?)</div>', page, re.S).group(1)
    assert re.search(r'href="snippets/demo_pages.zip" download="demo_pages.zip"', bar)
    assert "playground" not in bar
    assert 'id="example-demo-pages"' in page
    with zipfile.ZipFile(out / "snippets" / "demo_pages.zip") as archive:
        assert sorted(archive.namelist()) == sorted(f"demo_pages/{p}" for p in (
            "streamlit_app.py", "views/one.py", "views/two.py"))
        assert archive.read("demo_pages/streamlit_app.py").decode() == ENTRY
    # The same bytes on every build.
    first = (out / "snippets" / "demo_pages.zip").read_bytes()
    assert build(site).returncode == 0
    assert (out / "snippets" / "demo_pages.zip").read_bytes() == first


@pytest.mark.parametrize(
    ("entry", "pages", "message"),
    [
        (ENTRY, ("one",), "'views/two.py' not found"),
        (
            'import streamlit as st\n\nst.navigation([\n    st.Page("../outside.py")]).run()\n',
            (),
            "snippets/demo_pages/streamlit_app.py:4: page file '../outside.py' is outside the "
            "example folder demo_pages/",
        ),
    ],
    ids=["missing-page", "page-outside-folder"],
)
def test_bad_multi_file_example_fails_naming_page_line_and_file(tmp_path, entry, pages, message):
    site = make_site(tmp_path, "# Demo\n\nText.\n\n::stlite[demo_pages/streamlit_app.py]\n")
    add_example(site, entry, pages)
    (site / "snippets" / "outside.py").write_text("import streamlit as st\n")
    result = build(site)
    assert result.returncode != 0
    assert "docs/index.md:5: in snippets/demo_pages/" in result.stderr
    assert message in result.stderr
    if "not found" in message:
        assert "snippets/demo_pages/streamlit_app.py:3:" in result.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("import streamlit as st\n\nif True:\n\tst.write('tab')\n", "views/two.py:4: a tab character"),
        ("import streamlit as st\nst.write('no end')", "views/two.py:2: no newline at the end"),
        ("import streamlit as st\n\nst.write('a'\nx = (\n", "views/two.py:3: "),
    ],
)
def test_each_file_of_a_multi_file_example_is_held_to_the_snippet_rules(tmp_path, text, message):
    site = make_site(tmp_path, "# Demo\n\n::stlite[demo_pages/streamlit_app.py]\n")
    add_example(site)
    (site / "snippets" / "demo_pages" / "views" / "two.py").write_text(text, encoding="utf-8")
    result = build(site)
    assert result.returncode != 0
    assert f"snippets/demo_pages/{message}" in result.stderr, result.stderr
    assert "embedded at docs/index.md:3" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("target", ["/etc/hostname", "../../demo_app.py", "one.py"])
@pytest.mark.parametrize("embedded", [True, False])
def test_a_symbolic_link_inside_an_example_folder_fails_the_build(tmp_path, target, embedded):
    page = "::stlite[demo_pages/streamlit_app.py]" if embedded else "::stlite[demo_app.py]"
    site = make_site(tmp_path, f"# Demo\n\n{page}\n")
    add_example(site)
    (site / "snippets" / "demo_pages" / "views" / "three.py").symlink_to(target)
    result = build(site)
    assert result.returncode != 0
    assert "snippets/demo_pages/views/three.py: a symbolic link in the snippets folder" in result.stderr
    assert not (site / "site" / "snippets" / "demo_pages").exists()


def test_an_example_folder_is_published_only_when_a_page_embeds_it(tmp_path):
    site = make_site(tmp_path, "# Demo\n\n::stlite[demo_app.py]\n")
    add_example(site)
    built_page(site)
    published = sorted(p.name for p in (site / "site" / "snippets").iterdir())
    assert published == ["demo_app.py"]
