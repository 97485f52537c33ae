"""Examples made of several files: an entry file plus pages, in one folder.

A multi-file example is a folder under ``snippets_dir``; the directive names
its entry file, ``::stlite[multipage_demo/streamlit_app.py]``. Every file in
the folder belongs to the example: the Code tab shows each one (entry first),
the live app mounts them all under ``<folder>/`` and the reader downloads
them as one ``<folder>.zip`` made at build time.

The entry file's ``st.Page("...")`` calls with a literal path are checked
here, the way Streamlit resolves them (relative to the entry file's folder):
a page file that does not exist, or one outside the example's folder, is an
``ExampleError`` naming the file and line of the call. The plugin reads each
file with the same exact-text checks as a one-file snippet. This module knows
nothing about MkDocs.
"""
from __future__ import annotations

import ast
import io
import zipfile
from pathlib import Path, PurePosixPath

#: Files in an example folder that are not part of the example.
IGNORED_PARTS = ("__pycache__", ".DS_Store")
#: A fixed date for every zip entry, so the archive is the same on every build.
ZIP_DATE = (2024, 1, 1, 0, 0, 0)


class ExampleError(ValueError):
    """A file of a multi-file example is wrong; ``file`` is relative to snippets_dir."""

    def __init__(self, file: str, line: int, message: str):
        super().__init__(f"{file}:{line}: {message}")
        self.file = file
        self.line = line
        self.message = message


def is_multi_file(snippet: str) -> bool:
    """Whether a directive's name points into an example folder."""
    return "/" in snippet


def folder_of(snippet: str) -> str:
    return snippet.split("/", 1)[0]


def _page_paths(entry_code: str, entry_name: str) -> list[tuple[int, str]]:
    """(line, path) of every ``st.Page("literal")`` / ``Page("literal")`` in the entry."""
    tree = ast.parse(entry_code, filename=entry_name)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name != "Page":
            continue
        arg = node.args[0] if node.args else next(
            (k.value for k in node.keywords if k.arg == "page"), None
        )
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            found.append((node.lineno, arg.value))
    return sorted(found)


def check_pages(snippets_dir: Path, snippet: str, entry_code: str) -> None:
    """Every literal ``st.Page`` path of the entry ``snippet`` (``folder/entry.py``) names a
    file inside the example folder; else an ``ExampleError`` at the call's line."""
    folder = (snippets_dir / folder_of(snippet)).resolve()
    entry = (snippets_dir / snippet).resolve()
    for line, page in _page_paths(entry_code, snippet):
        target = (entry.parent / page).resolve()
        if not target.is_relative_to(folder):
            raise ExampleError(
                snippet, line, f"page file {page!r} is outside the example folder {folder.name}/"
            )
        if not target.is_file():
            raise ExampleError(snippet, line, f"page file {page!r} not found (looked for {target})")


def links_in(folder: Path) -> list[Path]:
    """Symbolic links inside an example folder, and files that resolve outside it."""
    root = folder.resolve()
    return sorted(
        p for p in folder.rglob("*") if p.is_symlink() or not p.resolve().is_relative_to(root)
    )


def folder_paths(folder: Path, entry: str) -> list[str]:
    """Every file of an example folder, relative to it with "/", the entry first, then by path."""
    paths = sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and not any(part in IGNORED_PARTS for part in p.relative_to(folder).parts)
    )
    return sorted(paths, key=lambda p: p != entry)


def example_zip(folder_name: str, files: tuple[tuple[str, str], ...]) -> bytes:
    """The example as one archive: ``<folder>/<file>`` entries, byte-identical on every build."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, code in files:
            info = zipfile.ZipInfo(str(PurePosixPath(folder_name) / path), ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, code.encode("utf-8"))
    return buffer.getvalue()
