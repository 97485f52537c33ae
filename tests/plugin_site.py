"""A tiny MkDocs site with the real embed plugin and theme, built as an author builds it.

Shared by the test modules that build sites of their own (test_plugin.py,
test_posters.py).
"""
from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

from conftest import STLITE_BUILD, mkdocs_build

SNIPPET = 'import streamlit as st\n\nst.write("a < b & ```")\n'


def make_site(
    tmp_path: Path, page: str, *, plugin_opts: str = "", snippet: str = SNIPPET, extra: dict | None = None
) -> Path:
    (tmp_path / "docs").mkdir(parents=True)
    (tmp_path / "snippets").mkdir()
    for name, text in {"demo_app.py": snippet, **(extra or {})}.items():
        (tmp_path / "snippets" / name).write_bytes(text.encode("utf-8"))
    (tmp_path / "docs" / "index.md").write_text(textwrap.dedent(page), encoding="utf-8")
    options = "".join(f"      {line}\n" for line in plugin_opts.splitlines())
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Plugin test\n"
        "theme:\n  name: material\n  font: false\n"
        f"plugins:\n  - stlite:\n      stlite_dir: {STLITE_BUILD}\n{options}"
        "markdown_extensions:\n  - admonition\n  - pymdownx.superfences\n"
        "  - pymdownx.tabbed:\n      alternate_style: true\n",
        encoding="utf-8",
    )
    return tmp_path


def build(site: Path) -> subprocess.CompletedProcess:
    return mkdocs_build("-q", cwd=site)
