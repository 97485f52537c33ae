#!/usr/bin/env python3
"""The site's public URLs: every page, each h2 anchor and each example anchor.

Links to this site live on in forum answers, so once published a URL must keep
working. tests/url_contract.txt lists every URL ever published;
tests/test_url_contract.py checks it against a fresh build.

    .venv/bin/python tools/url_contract.py --update   # record new URLs in the list
    .venv/bin/python tools/url_contract.py            # print the site's URLs now
    .venv/bin/python tools/url_contract.py --site /tmp/site   # ... of a built site

Without --site the site is built into a temporary folder first. --update keeps
every line already in tests/url_contract.txt: a URL once published stays in
the contract even when its page is gone (it must then be redirected), which is
why the list is not simply overwritten with the current one.

Entries are paths relative to site_url, ``./`` being the home page:
``forms/``, ``forms/#short-answer``, ``forms/#example-form-batch-input``.

An entry resolves when its page is in the built site and the anchor is an id
on that page, or when the page is a redirect (mkdocs-redirects, see
``redirect_maps`` in mkdocs.yml) to a page that is and has that id.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = ROOT / "tests" / "url_contract.txt"
HOME = "./"
UPDATE_COMMAND = ".venv/bin/python tools/url_contract.py --update"
HEADER = f"""\
# Public URLs of the site: every page, each h2 anchor, each example anchor.
# Paths are relative to site_url; ./ is the home page. Never delete a line:
# when a page moves, add a redirect (redirect_maps in mkdocs.yml) instead.
# After adding pages or headings, record them with:
#   {UPDATE_COMMAND}
"""
KEPT = "# No longer on the site as they are; must keep working through redirects:\n"
# A redirect page made by mkdocs-redirects.
REFRESH = re.compile(
    r'<meta\s+http-equiv="refresh"\s+content="\d+;\s*url=(?P<url>[^"]*)"', re.I
)
MAX_REDIRECTS = 5


# ---------------------------------------------------------------------- #
# Reading built pages
# ---------------------------------------------------------------------- #
class _Ids(HTMLParser):
    """All ids on a page, and the public ones: h2s and examples in the article."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.all: set[str] = set()
        self.public: list[str] = []
        self.article_depth: int | None = None
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        ident = attrs.get("id")
        if ident:
            self.all.add(ident)
        if tag in _VOID:
            return
        self.depth += 1
        classes = (attrs.get("class") or "").split()
        if tag == "article" and self.article_depth is None:
            self.article_depth = self.depth
        elif self.article_depth is not None and ident and ident not in self.public:
            if tag == "h2" or ("stlite-embed" in classes and "data-snippet" in attrs):
                self.public.append(ident)

    def handle_startendtag(self, tag, attrs):
        ident = dict(attrs).get("id")
        if ident:
            self.all.add(ident)

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        if tag == "article" and self.depth == self.article_depth:
            self.article_depth = None
        self.depth -= 1


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


def read_ids(html: str) -> _Ids:
    parser = _Ids()
    parser.feed(html)
    parser.close()
    return parser


def _sitemap_locs(site_dir: Path) -> list[str]:
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        raise SystemExit(f"{site_dir}: no sitemap.xml; is this a built site?")
    tree = ET.parse(sitemap)
    return [el.text.strip() for el in tree.iter() if el.tag.endswith("loc") and el.text]


def page_paths(site_dir: Path) -> list[str]:
    """Every page of the built site (from its sitemap), as contract paths."""
    locs = _sitemap_locs(site_dir)
    home = _site_url(site_dir, locs)
    paths = []
    for loc in locs:
        if not loc.startswith(home):
            raise SystemExit(f"{site_dir}/sitemap.xml: {loc} is not under {home}")
        paths.append(loc[len(home):] or HOME)
    return sorted(paths, key=lambda p: ("" if p == HOME else p))


CANONICAL = re.compile(r'<link rel="canonical" href="(?P<url>[^"]+)"')


def _site_url(site_dir: Path, locs: list[str]) -> str:
    """site_url: the home page's canonical URL, else the folder all pages share."""
    home = site_dir / "index.html"
    found = CANONICAL.search(home.read_text(encoding="utf-8")) if home.is_file() else None
    if found and not REFRESH.search(home.read_text(encoding="utf-8")):
        return found["url"]
    prefix = os.path.commonprefix(locs)
    return prefix[: prefix.rfind("/") + 1]


def file_for(site_dir: Path, path: str) -> Path:
    """The built file a contract path is served from."""
    rel = "" if path == HOME else path
    if rel == "" or rel.endswith("/"):
        return site_dir / rel / "index.html"
    return site_dir / rel


def current_entries(site_dir: Path) -> list[str]:
    """Every public URL of the built site: pages, then their h2 and example anchors."""
    entries: list[str] = []
    for path in page_paths(site_dir):
        entries.append(path)
        ids = read_ids(file_for(site_dir, path).read_text(encoding="utf-8"))
        entries.extend(f"{path}#{ident}" for ident in ids.public)
    return entries


# ---------------------------------------------------------------------- #
# The contract
# ---------------------------------------------------------------------- #
def read_contract(path: Path = CONTRACT) -> list[str]:
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            entries.append(line)
    return entries


def format_contract(entries: list[str], kept: list[str] = ()) -> str:
    """The contract file: the site's URLs now, then older ones still promised."""
    text = HEADER + "".join(f"{e}\n" for e in entries)
    if kept:
        text += "\n" + KEPT + "".join(f"{e}\n" for e in kept)
    return text


def updated_contract(old: list[str], current: list[str]) -> str:
    """``current`` plus every entry of ``old`` that it lacks (none is ever dropped)."""
    now = set(current)
    return format_contract(current, [e for e in old if e not in now])


def _split(entry: str) -> tuple[str, str]:
    path, _, anchor = entry.partition("#")
    return path or HOME, anchor


def resolve(site_dir: Path, entry: str, ids: dict[Path, set[str]] | None = None) -> str | None:
    """None when ``entry`` works in the built site, else why it does not.

    ``ids`` keeps the ids of each page read so far (pass the same dict for
    every entry of a check: a page is then parsed once, not once per anchor)."""
    ids = {} if ids is None else ids
    path, anchor = _split(entry)
    base = "https://site.invalid/"  # stands for site_url while following redirects
    seen = [path]
    for _ in range(MAX_REDIRECTS + 1):
        built = file_for(site_dir, path)
        if not built.is_file():
            hops = " -> ".join(seen)
            return f"{entry}: page not found ({hops})" if len(seen) > 1 else f"{entry}: page not found"
        html = built.read_text(encoding="utf-8")
        redirect = REFRESH.search(html)
        if not redirect:
            if anchor and built not in ids:
                ids[built] = read_ids(html).all
            if anchor and anchor not in ids[built]:
                where = f" (redirected to {path})" if len(seen) > 1 else ""
                return f"{entry}: no id {anchor!r} on the page{where}"
            return None
        target = urljoin(urljoin(base, "" if path == HOME else path), redirect["url"])
        if not target.startswith(base):
            return None  # moved off this site on purpose; nothing here to check
        target_path, _, target_anchor = target[len(base):].partition("#")
        if target_anchor:
            if anchor:
                # The redirect script appends the old anchor to a URL that has one.
                return f"{entry}: redirects to {target[len(base):]}, which already has an anchor"
            anchor = target_anchor
        path = target_path or HOME
        seen.append(path)
    return f"{entry}: more than {MAX_REDIRECTS} redirects ({' -> '.join(seen)})"


def check(site_dir: Path, contract: list[str]) -> tuple[list[str], list[str]]:
    """(broken, unrecorded): contract entries that no longer resolve, and public
    URLs of the built site that the contract does not list yet."""
    ids: dict[Path, set[str]] = {}
    broken = [problem for entry in contract if (problem := resolve(site_dir, entry, ids))]
    recorded = set(contract)
    unrecorded = [e for e in current_entries(site_dir) if e not in recorded]
    return broken, unrecorded


# ---------------------------------------------------------------------- #
# Command line
# ---------------------------------------------------------------------- #
def build(site_dir: Path, project: Path = ROOT) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise SystemExit("mkdocs build --strict failed; nothing printed")


def main() -> None:
    parser = argparse.ArgumentParser(description="Print the site's public URLs (the URL contract).")
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument(
        "--update",
        action="store_true",
        help=f"add the site's new URLs to {CONTRACT.relative_to(ROOT)}, keeping all old ones",
    )
    args = parser.parse_args()
    if args.site:
        current = current_entries(args.site)
    else:
        with tempfile.TemporaryDirectory(prefix="url-contract-") as tmp:
            build(Path(tmp))
            current = current_entries(Path(tmp))
    if not args.update:
        sys.stdout.write(format_contract(current))
        return
    old = read_contract() if CONTRACT.is_file() else []
    added = [e for e in current if e not in set(old)]
    CONTRACT.write_text(updated_contract(old, current), encoding="utf-8")
    print(f"{CONTRACT.relative_to(ROOT)}: {len(added)} new URL(s) recorded", file=sys.stderr)
    for entry in added:
        print(f"  + {entry}", file=sys.stderr)


if __name__ == "__main__":
    main()
