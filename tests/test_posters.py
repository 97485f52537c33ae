"""Posters: each example's first screen, drawn ahead of time by real Streamlit.

What these tests prove, and what they don't:

* The posters in ``posters/`` are current: for every embed in ``docs/`` and
  both colour schemes, the file named by the hash of today's inputs (snippet
  bytes, Streamlit version, box size, scheme, tool version) exists and the
  manifest lists it; nothing else is in the folder. This reads files only.
* Each poster is a real render, checked on the image and on the tool's record:
  it has the box's size, it differs from the blank render (an app that draws
  nothing) made by the same tool, its scheme is the one named (light or dark
  background), and the text the reader should see first (the first widget's
  label as AppTest finds it, else AppTest's first exception or text) was in the
  page when the screenshot was taken. That last point trusts the manifest the
  tool writes from the DOM; no OCR reads the picture itself.
* In the built site, in Chromium: every app box carries its two posters with
  size, lazy loading and alt text; the page's scheme picks the picture; the
  picture loading shifts nothing; a failed start keeps the picture with the
  message and Retry; a click on an idle app's picture starts it; with
  JavaScript off the picture and the code are still there.

Drawing the posters (``./dev posters``) is not part of the test run: it needs
a Streamlit server per poster and takes a minute or more.
"""
from __future__ import annotations

import functools
import hashlib
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
from PIL import Image, ImageChops, ImageStat

from conftest import ROOT, SNIPPETS
from plugin_site import build, make_site

sys.path.insert(0, str(ROOT / "tools"))
import posters  # noqa: E402

REDRAW = "run ./dev posters and commit posters/"
MAX_POSTER_BYTES = 60 * 1024
MAX_TOTAL_BYTES = 4 * 1024 * 1024


@functools.cache
def manifest() -> dict:
    assert posters.MANIFEST.is_file(), f"{posters.MANIFEST} is missing: {REDRAW}"
    return json.loads(posters.MANIFEST.read_text(encoding="utf-8"))


@functools.cache
def jobs() -> tuple:
    return tuple(posters.planned_jobs())


def entries() -> list[dict]:
    return manifest()["posters"]


def entry(snippet: str, height: int, theme: str) -> dict:
    found = [
        e for e in entries() if (e["snippet"], e["height"], e["theme"]) == (snippet, height, theme)
    ]
    assert len(found) == 1, f"{snippet} at {height}px ({theme}): {len(found)} manifest entries; {REDRAW}"
    return found[0]


# --------------------------------------------------------------------------- #
# Current and complete (files only)
# --------------------------------------------------------------------------- #


def test_every_embed_has_both_posters_and_their_hashes_match():
    assert {j.snippet for j in jobs()} - {posters.BLANK}, "no embeds found under docs/"
    problems = []
    for job in jobs():
        e = [x for x in entries() if (x["snippet"], x["height"], x["theme"]) == (job.snippet, job.height, job.theme)]
        if not e:
            problems.append(f"{job.snippet} at {job.height}px ({job.theme}): no poster")
        elif e[0]["file"] != job.file or e[0]["source_sha256"] != posters.source_digest(job.source):
            problems.append(f"{job.snippet} at {job.height}px ({job.theme}): stale poster {e[0]['file']}")
        elif not (posters.POSTERS / job.file).is_file():
            problems.append(f"{job.file}: listed but missing")
    assert not problems, "\n".join(problems) + f"\n{REDRAW}"
    assert manifest()["streamlit_version"] == posters.streamlit_version(), REDRAW


def test_a_multi_file_example_gets_a_flat_name_and_a_hash_over_all_its_files(tmp_path, monkeypatch):
    folder = tmp_path / "demo_pages"
    (folder / "app_pages").mkdir(parents=True)
    (folder / "streamlit_app.py").write_text('import streamlit as st\nst.navigation([st.Page("app_pages/a.py")]).run()\n')
    (folder / "app_pages" / "a.py").write_text('import streamlit as st\nst.write("A")\n')
    (folder / "__pycache__").mkdir()
    (folder / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"\0")
    monkeypatch.setattr(posters, "SNIPPETS", tmp_path)

    def job():
        entry = "demo_pages/streamlit_app.py"
        return posters.Job(entry, 300, "light", (tmp_path / entry).read_bytes(), posters.example_files(entry))

    before = job()
    assert [path for path, _ in before.files] == ["app_pages/a.py", "streamlit_app.py"]
    assert before.file.startswith("demo_pages--streamlit_app.300.light.") and "/" not in before.file
    # A page file changes, the entry does not: the poster is a new file.
    (folder / "app_pages" / "a.py").write_text('import streamlit as st\nst.write("B")\n')
    assert job().source == before.source and job().file != before.file


def test_the_folder_holds_only_posters_that_are_needed():
    wanted = {job.file for job in jobs()} | {posters.MANIFEST.name}
    extra = sorted(p.name for p in posters.POSTERS.iterdir() if p.name not in wanted)
    assert not extra, f"files no embed needs: {extra}; {REDRAW}"
    assert len(entries()) == len(jobs()), f"the manifest lists other posters; {REDRAW}"


def test_posters_are_small():
    sizes = {e["file"]: (posters.POSTERS / e["file"]).stat().st_size for e in entries()}
    big = {name: size for name, size in sizes.items() if size > MAX_POSTER_BYTES}
    assert not big, f"posters over {MAX_POSTER_BYTES // 1024} KB: {big}"
    assert sum(sizes.values()) <= MAX_TOTAL_BYTES, f"{sum(sizes.values())} bytes in all"


# --------------------------------------------------------------------------- #
# Real renders
# --------------------------------------------------------------------------- #


def blank(theme: str) -> Image.Image:
    found = [e for e in entries() if e["snippet"] == posters.BLANK and e["theme"] == theme]
    assert found, f"no blank render for {theme}; {REDRAW}"
    with Image.open(posters.POSTERS / found[0]["file"]) as image:
        return image.convert("RGB")


@functools.cache
def what_a_reader_sees_first(snippet: str) -> str:
    """AppTest's view of the first run: the first widget label (a chat input's
    placeholder counts), else the first exception or text (found independently
    of the browser that drew the poster)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(SNIPPETS / snippet), default_timeout=30).run()

    def labels(node):
        label = getattr(node, "label", None) or (node.placeholder if node.type == "chat_input" else None)
        if isinstance(label, str) and label and node.type not in ("expandable", "tab"):
            yield label
        for child in getattr(node, "children", {}).values():
            yield from labels(child)

    first = next(labels(at._tree), None)
    if first:
        return first
    if at.exception:
        return at.exception[0].message.split("\n")[0]
    assert at.markdown, f"{snippet}: AppTest shows no widget, exception or text"
    return at.markdown[0].value


@pytest.mark.parametrize("theme", posters.THEMES)
def test_each_poster_is_a_real_render_of_its_example(theme):
    empty = blank(theme)
    checked = 0
    for e in entries():
        if e["snippet"] == posters.BLANK or e["theme"] != theme:
            continue
        with Image.open(posters.POSTERS / e["file"]) as image:
            assert image.format == "PNG"
            assert image.size == (e["width"], e["height"]) == (posters.EMBED_WIDTH, e["height"]), e["file"]
            shot = image.convert("RGB")
        # Differs from a page that draws nothing, in more than a few pixels.
        diff = ImageChops.difference(shot, empty.crop((0, 0, *shot.size))).convert("L")
        changed = sum(diff.point(lambda v: 255 if v > 24 else 0).histogram()[255:])
        assert changed > 0.002 * shot.width * shot.height, f"{e['file']} looks blank"
        # The scheme it is named after.
        background = ImageStat.Stat(shot.convert("L")).median[0]
        assert (background > 200) if theme == "light" else (background < 60), (e["file"], background)
        # The first thing the reader should see was on the page when it was shot.
        expected = what_a_reader_sees_first(e["snippet"])
        norm = lambda s: " ".join(s.replace("`", "").split())  # noqa: E731
        assert any(norm(expected) in norm(label) for label in e["labels"]), (
            f"{e['file']}: {expected!r} was not on the page; it showed {e['labels']}"
        )
        checked += 1
    assert checked == len({(j.snippet, j.height) for j in jobs() if j.snippet != posters.BLANK})


def test_the_blank_renders_are_blank():
    """The baseline must be what it claims: one background colour, no text."""
    for theme in posters.THEMES:
        colours = blank(theme).getcolors(maxcolors=4)
        assert colours is not None and len(colours) == 1, f"blank {theme} render has content"


# --------------------------------------------------------------------------- #
# In the built site
# --------------------------------------------------------------------------- #


class Boxes(HTMLParser):
    """Each live-app box of a page with the attributes of its poster images."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.boxes: list[dict] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if "stlite-embed__app" in classes:
            self.boxes.append({"entry": a["data-stlite-entry"], "style": a["style"], "imgs": []})
        elif tag == "img" and "stlite-embed__poster-img" in classes:
            self.boxes[-1]["imgs"].append(a)


def test_every_box_in_the_site_shows_its_posters(built_site):
    pages = [p for p in sorted(built_site.rglob("*.html")) if "stlite-embed__app" in p.read_text()]
    assert pages
    for html_file in pages:
        for box in Boxes(html_file.read_text(encoding="utf-8")).boxes:
            height = int(re.search(r"height: (\d+)px", box["style"])[1])
            light, dark = box["imgs"]
            for img, theme in ((light, "light"), (dark, "dark")):
                e = entry(box["entry"], height, theme)
                assert theme in img["class"]
                assert (img["width"], img["height"]) == (str(e["width"]), str(height))
                assert img["loading"] == "lazy"
                assert len(img["alt"]) > 30 and "Picture" in img["alt"], img["alt"]
                served = (html_file.parent / img["src"]).resolve()
                assert served.read_bytes() == (posters.POSTERS / e["file"]).read_bytes(), img["src"]


def open_page(browser, url: str, *, offline_runtime: bool = True, **options):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
    page = context.new_page()
    if offline_runtime:
        # The runtime can't be downloaded: each app fails at once, the poster stays.
        page.route("**/assets/stlite/**", lambda route: route.abort())
    page.add_init_script(
        """
        // Layout shifts of anything inside an example (its box, its poster),
        // each with what moved, for the message of a failing test.
        window.__shifts = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            if (e.hadRecentInput) continue;
            for (const s of e.sources) {
              const node = s.node && (s.node.nodeType === 1 ? s.node : s.node.parentElement);
              if (!node || !node.closest(".stlite-embed")) continue;
              const rect = (r) => [r.x, r.y, r.width, r.height].map(Math.round).join(",");
              window.__shifts.push(`${node.nodeName}.${node.className}: ${rect(s.previousRect)} -> ${rect(s.currentRect)} (${e.value})`);
            }
          }
        }).observe({ type: "layout-shift", buffered: true });
        """
    )
    page.goto(url)
    return context, page


VISIBLE_POSTER = """(box) => {
  const img = [...box.querySelectorAll('.stlite-embed__poster-img')].find((i) => i.checkVisibility());
  return img && img.complete && img.naturalWidth > 0 ? img.className : null;
}"""


def test_posters_follow_the_scheme_shift_nothing_and_stay_on_failure(browser, served_site):
    from playwright.sync_api import expect

    context, page = open_page(browser, urljoin(served_site, "forms/"))
    try:
        box = page.locator(".stlite-embed__app").first
        before = box.bounding_box()
        # The posters are drawn at the width the box has on a 1280-pixel page.
        assert round(before["width"]) == posters.EMBED_WIDTH, before
        box.scroll_into_view_if_needed()
        page.wait_for_function(f"() => ({VISIBLE_POSTER})(document.querySelector('.stlite-embed__app'))")
        assert "--light" in box.evaluate(VISIBLE_POSTER)
        # The picture fills the box it was sized for: no shift, anywhere.
        img = box.locator(".stlite-embed__poster-img--light")
        assert abs(img.bounding_box()["height"] - before["height"]) < 1
        assert box.bounding_box()["height"] == before["height"]
        page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
        assert page.evaluate("window.__shifts") == []
        # Before the reader starts it: a picture, and how to start it.
        expect(box).to_have_attribute("data-stlite-state", "idle")
        expect(box.locator(".stlite-embed__poster-badge")).to_have_text("Picture of the app")
        expect(box.get_by_role("status")).to_contain_text("A picture of the app's first screen. Start it")
        box.get_by_role("button", name="Start the live app").click()
        # The runtime failed: the picture stays, with the message and Retry.
        expect(box).to_have_attribute("data-stlite-state", "failed")
        expect(box.get_by_role("alert")).to_contain_text("could not start")
        expect(box.get_by_role("button", name="Retry")).to_be_visible()
        expect(img).to_be_visible()
        expect(box.locator(".stlite-embed__poster-badge")).to_have_text("Picture of the app")
        # Material's toggle to the dark scheme swaps the picture.
        page.locator("label[for='__palette_1']").click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        page.wait_for_function(
            f"() => ({VISIBLE_POSTER})(document.querySelector('.stlite-embed__app'))?.includes('--dark')"
        )
        expect(img).to_be_hidden()
    finally:
        context.close()


def test_a_click_on_an_idle_apps_poster_starts_it(browser, served_site):
    from playwright.sync_api import expect

    context, page = open_page(browser, urljoin(served_site, "fragments/"))
    try:
        last = page.locator(".stlite-embed__app").last
        expect(last).to_have_attribute("data-stlite-state", "idle")  # nothing starts by itself
        last.locator(".stlite-embed__poster").click()  # where a reader clicks it: its middle
        expect(last).not_to_have_attribute("data-stlite-state", "idle")
    finally:
        context.close()


def test_without_javascript_the_poster_and_the_code_are_there(browser, served_site):
    from playwright.sync_api import expect

    context, page = open_page(browser, urljoin(served_site, "forms/"), offline_runtime=False, java_script_enabled=False)
    try:
        embed = page.locator(".stlite-embed").first
        embed.scroll_into_view_if_needed()
        img = embed.locator(".stlite-embed__poster-img--light")
        expect(img).to_be_visible()
        page.wait_for_function(
            "() => { const i = document.querySelector('.stlite-embed__poster-img--light');"
            " return i.complete && i.naturalWidth > 0; }"
        )
        expect(embed.locator("noscript, .stlite-embed__app > noscript > p").first).to_be_attached()
        snippet = embed.get_attribute("data-snippet")
        code = embed.locator(".highlight pre > code").first.text_content()
        assert code.rstrip("\n") == (SNIPPETS / snippet).read_text(encoding="utf-8").rstrip("\n")
    finally:
        context.close()


# --------------------------------------------------------------------------- #
# The plugin: a current poster is shown, a stale one is not
# --------------------------------------------------------------------------- #


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stand_in_posters(site: Path, snippet: str, flat: str, entry: bytes, **fields) -> None:
    """White 300 px posters of ``snippet`` in both themes under ``site``/posters,
    with a manifest naming ``entry``'s hash (and any other ``fields``)."""
    (site / "posters").mkdir()
    listed = []
    for theme in posters.THEMES:
        name = f"{flat}.300.{theme}.png"
        Image.new("RGB", (posters.EMBED_WIDTH, 300), "white").save(site / "posters" / name)
        listed.append({
            "snippet": snippet, "height": 300, "width": posters.EMBED_WIDTH, "theme": theme,
            "file": name, "source_sha256": sha256(entry), "labels": [], **fields,
        })
    (site / "posters" / "manifest.json").write_text(json.dumps({"posters": listed}))


def test_the_plugin_shows_current_posters_only(tmp_path):
    site = make_site(tmp_path, "# Demo\n\n::stlite[demo_app.py]{height=300}\n")
    source = (site / "snippets" / "demo_app.py").read_bytes()
    stand_in_posters(site, "demo_app.py", "demo_app", source)

    assert build(site).returncode == 0
    page = (site / "site" / "index.html").read_text(encoding="utf-8")
    imgs = re.findall(r'<img class="stlite-embed__poster-img[^>]*>', page)
    assert len(imgs) == 2 and all('loading="lazy"' in i and 'width="686" height="300"' in i for i in imgs)
    assert 'alt="Picture of the first screen of the example app demo_app.py"' in imgs[0]
    assert (site / "site" / "assets" / "stlite-posters" / "demo_app.300.light.png").is_file()

    # The snippet changes: its poster no longer shows it, so the box has none.
    (site / "snippets" / "demo_app.py").write_bytes(source + b"# changed\n")
    result = build(site)
    assert result.returncode == 0, result.stderr
    page = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert "stlite-embed__poster" not in page
    assert 'class="stlite-embed__app"' in page


def test_a_multi_file_examples_poster_is_dropped_when_any_of_its_files_changes(tmp_path):
    """The poster tool hashes every file of a folder example; the build shows
    its poster only while each of those files is still what was drawn."""
    site = make_site(tmp_path, "# Demo\n\n::stlite[tour/app.py]{height=300}\n")
    folder = site / "snippets" / "tour"
    (folder / "app_pages").mkdir(parents=True)
    files = {
        "app.py": 'import streamlit as st\n\nst.navigation([st.Page("app_pages/one.py")]).run()\n',
        "app_pages/one.py": 'import streamlit as st\n\nst.write("One")\n',
    }
    for path, text in files.items():
        (folder / path).write_text(text, encoding="utf-8")

    stand_in_posters(
        site, "tour/app.py", "tour--app", files["app.py"].encode("utf-8"),
        files_sha256={path: sha256(text.encode("utf-8")) for path, text in files.items()},
    )

    result = build(site)
    assert result.returncode == 0, result.stderr
    page = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<img class="stlite-embed__poster-img', page)) == 2

    # Only a page file changes, the entry stays: the poster no longer shows the example.
    (folder / "app_pages" / "one.py").write_text('import streamlit as st\n\nst.write("Two")\n', encoding="utf-8")
    result = build(site)
    assert result.returncode == 0, result.stderr
    page = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert "stlite-embed__poster" not in page
