"""The pages, the snippets, the tests and the built site agree with each other."""
from __future__ import annotations

import ast
import html
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote

from conftest import DOCS, ROOT, SNIPPETS, STLITE_BUILD
from mkdocs_stlite.sources import bundled_streamlit_version, embedded_snippets

TESTS = ROOT / "tests"


def embeds_by_page() -> dict[Path, list[str]]:
    return {page: embedded_snippets(page.read_text(encoding="utf-8")) for page in sorted(DOCS.rglob("*.md"))}


def snippet_files() -> list[Path]:
    return sorted(SNIPPETS.glob("*.py"))


def test_there_are_snippets_and_pages_that_embed_them():
    assert len(snippet_files()) >= 7
    assert sum(len(v) for v in embeds_by_page().values()) >= len(snippet_files())


def test_every_snippet_is_used_by_a_page():
    used = {name for names in embeds_by_page().values() for name in names}
    unused = [p.name for p in snippet_files() if p.name not in used]
    assert unused == [], f"snippets no page shows: {unused}"


def test_every_embed_names_an_existing_snippet():
    missing = [
        f"{page.relative_to(ROOT)}: {name}"
        for page, names in embeds_by_page().items()
        for name in names
        if not (SNIPPETS / name).is_file()
    ]
    assert missing == []


# What runs a snippet: the AppTest helpers and the `streamlit run` fixture; the
# stem is their first argument.
SNIPPET_RUNNERS = {"start", "load", "streamlit_app"}
# Modules that run every snippet to check a convention, not what a page says.
NOT_BEHAVIOUR = {"test_snippet_conventions.py", "test_consistency.py"}


def _name_of(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _strings(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.Tuple, ast.List)):
        return [s for elt in node.elts for s in _strings(elt)]
    return []


def snippets_run_by_tests(source: str) -> dict[str, set[str]]:
    """Test function -> the snippet stems it runs, read from the code (not comments):
    calls to a runner with the stem written in the call, held in a local name
    (``stem = "x"``, ``for stem in ("x", "y")``), or passed through a helper of
    the module that hands its parameter on to a runner."""
    functions = [n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef)]
    forwards = {name: 0 for name in SNIPPET_RUNNERS}  # function -> position of the stem
    changed = True
    while changed:
        changed = False
        for f in functions:
            params = [a.arg for a in f.args.args]
            for call in (n for n in ast.walk(f) if isinstance(n, ast.Call)):
                at = forwards.get(_name_of(call))
                arg = call.args[at] if at is not None and len(call.args) > at else None
                if f.name not in forwards and isinstance(arg, ast.Name) and arg.id in params:
                    forwards[f.name] = params.index(arg.id)
                    changed = True
    runs: dict[str, set[str]] = {}
    for f in functions:
        if not f.name.startswith("test_"):
            continue
        local: dict[str, list[str]] = {}
        for node in ast.walk(f):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                local.setdefault(node.targets[0].id, []).extend(_strings(node.value))
            elif isinstance(node, ast.For) and isinstance(node.target, ast.Name):
                local.setdefault(node.target.id, []).extend(_strings(node.iter))
        for call in (n for n in ast.walk(f) if isinstance(n, ast.Call)):
            at = forwards.get(_name_of(call))
            if at is None or len(call.args) <= at:
                continue
            arg = call.args[at]
            stems = local.get(arg.id, []) if isinstance(arg, ast.Name) else _strings(arg)
            runs.setdefault(f.name, set()).update(stems)
    return runs


def test_the_run_finder_counts_calls_not_mentions():
    source = (
        "# form_batch_input is tested elsewhere\n"
        "def test_a():\n"
        '    """Runs session_state_counter."""\n'
        '    text = "callback_on_click_current"\n'
        '    start("rerun_model_counter")\n'
        "def helper(page, stem):\n"
        "    return load(stem)\n"
        "def test_b(streamlit_app):\n"
        '    stem = "button_toggle_keeps_state"\n'
        "    helper(None, stem)\n"
        '    for name in ("caching_ttl_expires", "dialog_open_from_fragment"):\n'
        "        streamlit_app(name)\n"
        "def not_a_test():\n"
        '    start("fragment_run_every_clock")\n'
    )
    assert snippets_run_by_tests(source) == {
        "test_a": {"rerun_model_counter"},
        "test_b": {"button_toggle_keeps_state", "caching_ttl_expires", "dialog_open_from_fragment"},
    }


def test_every_snippet_is_run_by_a_behaviour_test():
    ran: set[str] = set()
    for module in TESTS.glob("test_*.py"):
        if module.name not in NOT_BEHAVIOUR:
            for stems in snippets_run_by_tests(module.read_text(encoding="utf-8")).values():
                ran |= stems
    # A multi-file example is run through its entry file: "folder/entry.py" counts for folder/.
    ran = {f"{stem.split('/', 1)[0]}/" if "/" in stem else stem.removesuffix(".py") for stem in ran}
    examples = {p.stem for p in snippet_files()} | {f"{p.name}/" for p in example_folders()}
    not_run = sorted(examples - ran)
    assert not_run == [], f"snippets no behaviour test runs: {not_run}"
    assert ran <= examples, ran - examples


def example_folders() -> list[Path]:
    """Multi-file examples: the folders under snippets/."""
    return sorted(p for p in SNIPPETS.iterdir() if p.is_dir() and p.name != "__pycache__")


def test_every_multi_file_example_is_used_by_a_page():
    used = {name.split("/", 1)[0] for names in embeds_by_page().values() for name in names if "/" in name}
    unused = [p.name for p in example_folders() if p.name not in used]
    assert unused == [], f"example folders no page shows: {unused}"


def built_page_for(built_site: Path, page: Path) -> str:
    rel = page.relative_to(DOCS).with_suffix("")
    out = built_site / ("index.html" if rel.name == "index" else rel / "index.html")
    return out.read_text(encoding="utf-8")


def test_code_on_each_built_page_equals_the_snippet_file(built_site):
    checked = 0
    for page, names in embeds_by_page().items():
        if not names:
            continue
        built = built_page_for(built_site, page)
        for name in names:
            block = re.search(
                rf'<div class="stlite-embed" id="[^"]+" data-snippet="{re.escape(name)}">'
                r'.*?<span class="filename">[^<]*</span><pre><span></span><code>(.*?)</code></pre>',
                built,
                re.S,
            )
            assert block, f"{page.name}: no code block for {name}"
            shown = html.unescape(re.sub(r"<[^>]+>", "", block.group(1)))
            assert shown == (SNIPPETS / name).read_text(encoding="utf-8"), name
            served = built_site / "snippets" / name
            assert served.read_bytes() == (SNIPPETS / name).read_bytes(), name
            checked += 1
    assert checked == sum(len(v) for v in embeds_by_page().values())


def test_each_example_links_a_playground_and_a_download_of_exactly_its_file(built_site):
    checked = 0
    for page, names in embeds_by_page().items():
        built = built_page_for(built_site, page) if names else ""
        for name in names:
            bar = re.search(
                rf'data-snippet="{re.escape(name)}">\s*<div class="stlite-embed__bar">(.*?)</div>',
                built,
                re.S,
            )
            assert bar, f"{page.name}: no toolbar for {name}"
            if "/" in name:
                _check_multi_file_toolbar(built_site, page, name, bar.group(1))
                checked += 1
                continue
            playground = re.search(r'class="[^"]*stlite-embed__playground" href="([^"]+)"', bar.group(1))
            assert playground, f"{page.name}: no playground link for {name}"
            code = unquote(html.unescape(playground.group(1)).split("#code=", 1)[1])
            assert code == (SNIPPETS / name).read_text(encoding="utf-8"), name
            download = re.search(r'class="[^"]*stlite-embed__download" href="([^"]+)"', bar.group(1))
            assert download and download.group(1).endswith(f"snippets/{name}"), name
            checked += 1
    assert checked == sum(len(v) for v in embeds_by_page().values()) > 0


def _check_multi_file_toolbar(built_site: Path, page: Path, name: str, bar: str) -> None:
    """A multi-file example: no playground (it carries one file), a .zip of the whole folder."""
    folder = name.split("/", 1)[0]
    assert "stlite-embed__playground" not in bar, f"{page.name}: playground link for {name}"
    download = re.search(r'class="[^"]*stlite-embed__download" href="([^"]+)"', bar)
    assert download and download.group(1).endswith(f"snippets/{folder}.zip"), name
    on_disk = {
        p.relative_to(SNIPPETS).as_posix(): p.read_bytes()
        for p in (SNIPPETS / folder).rglob("*.py")
        if "__pycache__" not in p.parts
    }
    with zipfile.ZipFile(built_site / "snippets" / f"{folder}.zip") as archive:
        zipped = {n: archive.read(n) for n in archive.namelist()}
    assert zipped == on_disk and len(on_disk) >= 2, name


def test_every_multi_file_example_is_shown_whole_on_its_page(built_site):
    """Each file of a multi-file example is on the page as its own titled code block."""
    checked = 0
    for page, names in embeds_by_page().items():
        for name in (n for n in names if "/" in n):
            built = built_page_for(built_site, page)
            folder = name.split("/", 1)[0]
            for path in sorted((SNIPPETS / folder).rglob("*.py")):
                rel = path.relative_to(SNIPPETS).as_posix()
                block = re.search(
                    rf'<span class="filename">{re.escape(rel)}</span><pre><span></span><code>(.*?)</code></pre>',
                    built,
                    re.S,
                )
                assert block, f"{page.name}: no code block titled {rel}"
                shown = html.unescape(re.sub(r"<[^>]+>", "", block.group(1)))
                assert shown == path.read_text(encoding="utf-8"), rel
                assert (built_site / "snippets" / rel).read_bytes() == path.read_bytes(), rel
                checked += 1
    assert checked >= 6


def test_pinned_streamlit_matches_the_one_stlite_bundles():
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pinned = re.search(r"^streamlit==([\w.]+)", lock, re.M).group(1)
    bundled = bundled_streamlit_version(STLITE_BUILD)
    assert pinned == bundled
    import streamlit

    assert streamlit.__version__ == bundled
