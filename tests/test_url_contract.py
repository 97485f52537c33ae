"""Old links never break: every URL in tests/url_contract.txt still works.

The site is linked from forum answers, so a page URL, an h2 anchor or an
example anchor, once published, has to keep landing on the same answer. The
contract file lists them all; the helpers live in tools/url_contract.py.
"""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from conftest import DOCS, ROOT

sys.path.insert(0, str(ROOT / "tools"))
import url_contract  # noqa: E402  (tools/ is not a package)

ENTRY = re.compile(r"^(\./|([a-z0-9][a-z0-9._-]*/)+)(#[A-Za-z][\w.:-]*)?$")


def test_contract_file_is_well_formed():
    entries = url_contract.read_contract()
    assert entries, "tests/url_contract.txt lists no URL"
    malformed = [e for e in entries if not ENTRY.match(e)]
    assert malformed == [], f"entries not of the form 'page/' or 'page/#anchor': {malformed}"
    duplicates = sorted({e for e in entries if entries.count(e) > 1})
    assert duplicates == [], f"listed twice: {duplicates}"
    pages = {e.partition("#")[0] for e in entries}
    orphans = [e for e in entries if "#" in e and e.partition("#")[0] not in pages]
    assert orphans == [], f"anchors whose page is not listed on its own line: {orphans}"


@pytest.fixture(scope="module")
def checked(built_site) -> tuple[list[str], list[str]]:
    """The contract checked against the built site: (broken, unrecorded)."""
    return url_contract.check(built_site, url_contract.read_contract())


def test_every_url_in_the_contract_still_works(checked):
    broken, _ = checked
    assert broken == [], (
        "Published links no longer land where they did:\n  "
        + "\n  ".join(broken)
        + "\nIf a page moved, map its old file to the new one under redirects: "
        "redirect_maps in mkdocs.yml; if a heading was renamed, keep its old id "
        "({#old-id} after the heading text). Never delete lines from the contract."
    )


def test_every_public_url_of_the_site_is_in_the_contract(checked):
    _, unrecorded = checked
    assert unrecorded == [], (
        "New public URLs are not in tests/url_contract.txt yet:\n  "
        + "\n  ".join(unrecorded)
        + f"\nRecord them (old lines are kept) with:\n  {url_contract.UPDATE_COMMAND}"
    )


def test_the_public_urls_are_every_page_its_h2s_and_its_examples(built_site):
    """current_entries finds what a reader can link to, checked another way."""
    entries = set(url_contract.current_entries(built_site))
    for md in sorted(DOCS.rglob("*.md")):
        rel = md.relative_to(DOCS).with_suffix("").as_posix()
        path = "./" if rel == "index" else (rel[: -len("index")] if rel.endswith("/index") else rel + "/")
        assert path in entries, f"{md.relative_to(ROOT)}: its URL {path} is not found"
        html = url_contract.file_for(built_site, path).read_text(encoding="utf-8")
        article = html[html.index("<article") : html.index("</article>")]
        h2s = re.findall(r'<h2 id="([^"]+)"', article)
        examples = re.findall(r'<div class="stlite-embed[^"]*" id="([^"]+)" data-snippet=', article)
        h3s = re.findall(r'<h3 id="([^"]+)"', article)
        for anchor in h2s + examples:
            assert f"{path}#{anchor}" in entries, f"{path}#{anchor} is not a public URL"
        for anchor in h3s:
            if anchor not in h2s:
                assert f"{path}#{anchor}" not in entries, "h3 anchors are not part of the contract"
        assert {e for e in entries if e.startswith(path + "#")} == {
            f"{path}#{a}" for a in h2s + examples
        }


# ---------------------------------------------------------------------- #
# The check itself, on a copy of the project where a page has moved
# ---------------------------------------------------------------------- #
def copy_project(dest: Path) -> Path:
    """The parts of the project a build reads; node_modules only as a link."""
    for folder in ("docs", "snippets", "hooks", "overrides"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "requirements-newest.lock"):  # the plugin's newest_lock
        shutil.copy2(ROOT / name, dest / name)
    # The browser wheels `./dev` downloaded (plugins.stlite.wheels_dir).
    shutil.copytree(ROOT / ".browser-wheels", dest / ".browser-wheels")
    # hooks/diagrams.py serves Mermaid from node_modules: linked, not copied.
    (dest / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return dest


def build_copy(project: Path, site_dir: Path, redirect_maps: dict[str, str]) -> Path:
    """Build ``project`` as mkdocs.yml says, except: stlite is loaded from a URL
    (so its 36 MB runtime is not copied), ``redirect_maps`` are added to the
    site's own redirects, and links to the moved page only warn (not --strict)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=False)
    stlite = config.plugins["stlite"].config
    stlite["stlite_url"] = "https://stlite.invalid/build/"
    stlite["streamlit_version"] = "0.0.0"
    redirects = config.plugins["redirects"].config
    redirects["redirect_maps"] = {**(redirects["redirect_maps"] or {}), **redirect_maps}
    build(config)
    return site_dir


@pytest.fixture(scope="module")
def moved_page(tmp_path_factory):
    """A copy of the project where one question page has a new file name."""
    contract = url_contract.read_contract()
    candidates = [
        md for md in sorted(DOCS.glob("*.md"))
        if md.stem != "index" and any(e.startswith(f"{md.stem}/#example-") for e in contract)
    ]
    assert candidates, "no page with an example is in the contract"
    old = candidates[0].name
    new = f"{candidates[0].stem}-moved.md"
    project = copy_project(tmp_path_factory.mktemp("project"))
    (project / "docs" / old).rename(project / "docs" / new)
    return project, old, new, contract


@pytest.fixture(scope="module")
def redirected_site(moved_page, tmp_path_factory) -> Path:
    """The moved page's project built with a redirect from the old file name."""
    project, old, new, _ = moved_page
    return build_copy(project, tmp_path_factory.mktemp("redirected") / "site", {old: new})


def test_a_moved_page_without_a_redirect_is_reported(moved_page, redirected_site, tmp_path):
    project, old, new, contract = moved_page
    # The same build without its redirect: mkdocs-redirects adds nothing but the
    # old URL's page, so taking that page away gives the site a build without
    # the redirect would give (one build fewer for the suite).
    site = tmp_path / "site"
    shutil.copytree(redirected_site, site)
    old_page = site / old[: -len(".md")] / "index.html"
    assert "redirect" in old_page.read_text(encoding="utf-8").lower(), old_page
    old_page.unlink()
    broken, unrecorded = url_contract.check(site, contract)

    old_url = old[: -len(".md")] + "/"
    lost = [e for e in contract if e.partition("#")[0] == old_url]
    assert len(lost) > 1  # the page and its anchors
    assert broken == [f"{e}: page not found" for e in lost]
    # ... and the new URL would have to be recorded too.
    assert new[: -len(".md")] + "/" in unrecorded


def test_a_redirect_to_the_moved_page_keeps_every_old_url_working(moved_page, redirected_site):
    *_, contract = moved_page
    broken, _ = url_contract.check(redirected_site, contract)
    assert broken == []


def test_a_redirect_to_a_page_without_the_anchors_is_reported(moved_page, tmp_path):
    project, old, _, contract = moved_page
    site = build_copy(project, tmp_path / "site", {old: "index.md"})
    broken, _ = url_contract.check(site, contract)

    old_url = old[: -len(".md")] + "/"
    examples = [e for e in contract if e.startswith(f"{old_url}#example-")]
    assert examples
    for entry in examples:
        anchor = entry.partition("#")[2]
        assert f"{entry}: no id {anchor!r} on the page (redirected to ./)" in broken
    assert not any(problem.startswith(f"{old_url}:") for problem in broken), "the page itself redirects"
