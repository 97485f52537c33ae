"""The pages, the snippets, the tests and the built site agree with each other."""
from __future__ import annotations

import html
import re
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


def test_every_snippet_is_named_by_a_behaviour_test():
    own = Path(__file__).name
    sources = "\n".join(
        p.read_text(encoding="utf-8") for p in TESTS.glob("test_*.py") if p.name != own
    )
    unnamed = [p.name for p in snippet_files() if p.stem not in sources]
    assert unnamed == [], f"snippets no test runs: {unnamed}"


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
            playground = re.search(r'class="[^"]*stlite-embed__playground" href="([^"]+)"', bar.group(1))
            assert playground, f"{page.name}: no playground link for {name}"
            code = unquote(html.unescape(playground.group(1)).split("#code=", 1)[1])
            assert code == (SNIPPETS / name).read_text(encoding="utf-8"), name
            download = re.search(r'class="[^"]*stlite-embed__download" href="([^"]+)"', bar.group(1))
            assert download and download.group(1).endswith(f"snippets/{name}"), name
            checked += 1
    assert checked == sum(len(v) for v in embeds_by_page().values()) > 0


def test_pinned_streamlit_matches_the_one_stlite_bundles():
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pinned = re.search(r"^streamlit==([\w.]+)", lock, re.M).group(1)
    bundled = bundled_streamlit_version(STLITE_BUILD)
    assert pinned == bundled
    import streamlit

    assert streamlit.__version__ == bundled
