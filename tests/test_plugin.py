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

from conftest import ROOT, mkdocs_build

SNIPPET = 'import streamlit as st\n\nst.write("a < b & ```")\n'


def make_site(tmp_path: Path, page: str, *, plugin_opts: str = "", snippet: str = SNIPPET) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "demo_app.py").write_text(snippet, encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text(textwrap.dedent(page), encoding="utf-8")
    stlite_dir = ROOT / "node_modules" / "@stlite" / "browser" / "build"
    options = "".join(f"      {line}\n" for line in plugin_opts.splitlines())
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Plugin test\n"
        "theme:\n  name: material\n  font: false\n"
        f"plugins:\n  - stlite:\n      stlite_dir: {stlite_dir}\n{options}"
        "markdown_extensions:\n  - admonition\n  - pymdownx.superfences\n"
        "  - pymdownx.tabbed:\n      alternate_style: true\n",
        encoding="utf-8",
    )
    return tmp_path


def build(site: Path) -> subprocess.CompletedProcess:
    return mkdocs_build("-q", cwd=site)


def built_page(site: Path) -> str:
    result = build(site)
    assert result.returncode == 0, result.stderr
    return (site / "site" / "index.html").read_text(encoding="utf-8")


def code_text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_directive_renders_code_and_live_app(tmp_path):
    page = built_page(make_site(tmp_path, "# Demo\n\n::stlite[demo_app.py]{height=333}\n"))
    embed = re.search(r'<div class="stlite-embed stlite-embed--tabs" id="example-demo-app".*?</code>', page, re.S)
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


def test_open_code_layout_side_and_nested_in_admonition(tmp_path):
    page = built_page(
        make_site(
            tmp_path,
            """\
            # Demo

            !!! note

                ::stlite[demo_app.py]{open=code layout=side}
            """,
        )
    )
    assert re.search(r'class="admonition note">.*?class="stlite-embed stlite-embed--side"', page, re.S)
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
    bundled = next((ROOT / "node_modules/@stlite/browser/build/wheels").glob("streamlit-*.whl")).name.split("-")[1]
    local = re.search(r'<p class="stlite-embed__local">(.*?)</p>', page, re.S).group(1)
    assert f"<code>pip install streamlit=={bundled}</code>" in local
    assert "<code>streamlit run https://faq.example.invalid/docs/snippets/demo_app.py</code>" in local


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("::stlite[nope.py]", "docs/index.md:3: snippet file 'nope.py' not found"),
        ("::stlite[demo_app.py]{colour=red}", "docs/index.md:3: unknown option 'colour'"),
        ("::stlite[demo_app.py]{height=tall}", "docs/index.md:3: height='tall' is not a whole number"),
        ("::stlite[demo_app.py]{height=5}", "docs/index.md:3: height=5 is outside 120-2000"),
        ("::stlite[demo_app.py]{open=both}", "docs/index.md:3: open='both' must be one of live, code"),
        ("::stlite[demo_app.py]{layout=grid}", "docs/index.md:3: layout='grid' must be one of tabs, side"),
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
