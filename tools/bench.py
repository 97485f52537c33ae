"""Size and speed figures of the site, each against a baseline measured in the same run.

    ./dev bench            (or: .venv/bin/python tools/bench.py [--runs N])

Figures (ratios, so they compare across machines):
  build time     full site (copies the stlite runtime) / the same site with the
                 runtime loaded from elsewhere (stlite_url set): what copying costs
  site size      full site / the same site without the runtime copy
  first view     bytes a reader downloads for a page with live examples before
                 they start an example / the same for a page of the
                 site with no examples (errors/): what the embeds cost before
                 they are used
  runtime        bytes fetched once the reader starts the first app (until the offline
                 Pyodide fetch fails) / the first view
  guard          milliseconds from the reader's Start to the readable failure message when
                 Pyodide can't be reached (the load guard's promise: < 2000)
  posters        first view of the page with examples / the same page with its
                 poster images blocked: what the posters cost; and milliseconds
                 from the first example entering the viewport to its poster
                 being painted (target < 100), served locally
  editor         bytes fetched by the first click on Edit (editor.js, its CSS,
                 the CodeMirror bundle) / the first view, and milliseconds from
                 that click to the editor on screen

Not a test: it prints numbers and never fails on them. It writes only to a
temporary folder (the builds, and a copy of the project for the variant).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from headless_chromium import CHROMIUM_ARGS, chromium_executable  # noqa: E402
from conftest import (  # noqa: E402
    STLITE_BUILD,
    mkdocs_build,
    serve_folder,
    site_path,
)
from mkdocs_stlite.sources import bundled_streamlit_version  # noqa: E402


def build(site_dir: Path, config: Path) -> float:
    start = time.perf_counter()
    result = mkdocs_build("-q", "-f", str(config), "-d", str(site_dir))
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed:\n{result.stderr}")
    return time.perf_counter() - start


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def no_copy_config(tmp: Path) -> Path:
    """The project, copied into ``tmp``, with the runtime loaded from another host
    (so it is not copied into the site); returns the copy's mkdocs.yml."""
    project = tmp / "project"
    for name in ("docs", "snippets", "hooks", "overrides", ".browser-wheels"):
        shutil.copytree(ROOT / name, project / name)
    for name in ("requirements-newest.lock",):  # files the build reads
        shutil.copyfile(ROOT / name, project / name)
    (project / "node_modules").symlink_to(ROOT / "node_modules")  # Mermaid's build
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace(
        'stlite_url: ""',
        'stlite_url: "https://runtime.example.invalid/"\n'
        f'      streamlit_version: "{bundled_streamlit_version(STLITE_BUILD)}"',
    )
    config = project / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def page_weights(site: Path, page_with_embeds: str, plain_page: str) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    server = serve_folder(site, site_path())
    base = server.url
    figures: dict[str, float] = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)

            def weigh(url: str, *, scroll: bool, posters: bool = True) -> tuple[int, int, float, int, float]:
                # A small viewport keeps the examples below the fold at first.
                context = browser.new_context(viewport={"width": 1280, "height": 300})
                page = context.new_page()
                if not posters:
                    page.route("**/assets/stlite-posters/**", lambda route: route.abort())
                loaded: list[int] = []

                def on_finished(request):
                    if request.url.startswith(base):
                        sizes = request.sizes()
                        loaded.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])

                page.on("requestfinished", on_finished)
                page.goto(url, wait_until="networkidle")
                first = sum(loaded)
                guard_ms = edit_ms = float("nan")
                edit_bytes = 0
                if scroll:
                    # Nothing starts by itself: the reader presses Start.
                    start_button = page.locator(".stlite-embed__app .stlite-embed__start").first
                    start_button.scroll_into_view_if_needed()
                    start = time.perf_counter()
                    start_button.click()
                    page.locator(".stlite-embed__app [role=alert]").first.wait_for(timeout=30_000)
                    guard_ms = (time.perf_counter() - start) * 1000
                    page.wait_for_load_state("networkidle")
                    before = sum(loaded)
                    start = time.perf_counter()
                    page.locator(".stlite-embed__edit").first.click()
                    page.locator(".stlite-editor .cm-content").first.wait_for(timeout=30_000)
                    edit_ms = (time.perf_counter() - start) * 1000
                    page.wait_for_load_state("networkidle")
                    edit_bytes = sum(loaded) - before
                    loaded[:] = [before]
                context.close()
                return first, sum(loaded), guard_ms, edit_bytes, edit_ms

            embeds_first, embeds_all, guard_ms, edit_bytes, edit_ms = weigh(
                base + page_with_embeds, scroll=True
            )
            plain_first, _, _, _, _ = weigh(base + plain_page, scroll=False)
            no_posters_first, _, _, _, _ = weigh(base + page_with_embeds, scroll=False, posters=False)
            figures["poster_paint_ms"] = poster_paint_ms(browser, base + page_with_embeds)
            browser.close()
    finally:
        server.stop()
    figures["first_view_bytes"] = embeds_first
    figures["plain_page_bytes"] = plain_first
    figures["runtime_bytes"] = embeds_all - embeds_first
    figures["guard_ms"] = guard_ms
    figures["no_posters_bytes"] = no_posters_first
    figures["editor_bytes"] = edit_bytes
    figures["editor_ms"] = edit_ms
    return figures


# From the first example's box entering the viewport to its poster painted
# (loaded, then the next frame). Chromium's lazy loading starts well before
# the box is in view, so this is mostly the time to the next frame.
POSTER_PAINT = """() => new Promise((resolve) => {
  const box = document.querySelector(".stlite-embed__app");
  const img = box && [...box.querySelectorAll(".stlite-embed__poster-img")].find((i) => i.checkVisibility());
  if (!img) return resolve(NaN);
  new IntersectionObserver((entries, observer) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    observer.disconnect();
    const t0 = performance.now();
    const painted = () => requestAnimationFrame(() => resolve(performance.now() - t0));
    if (img.complete && img.naturalWidth) painted();
    else img.addEventListener("load", painted, { once: true });
  }).observe(box);
  box.scrollIntoView();
})"""


def poster_paint_ms(browser, url: str) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 300})
    page = context.new_page()
    page.route("**/assets/stlite/**", lambda route: route.abort())  # only the poster matters here
    page.goto(url, wait_until="networkidle")
    ms = page.evaluate(POSTER_PAINT)
    context.close()
    return ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="builds per variant (median is shown)")
    parser.add_argument("--page", default="forms/", help="a page with live examples")
    parser.add_argument("--plain-page", default="errors/", help="a page without examples (the baseline)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    config = no_copy_config(tmp)
    try:
        full_times, lean_times = [], []
        for _ in range(args.runs):
            full_times.append(build(tmp / "full", ROOT / "mkdocs.yml"))
            lean_times.append(build(tmp / "lean", config))
        full_s, lean_s = statistics.median(full_times), statistics.median(lean_times)
        full_b, lean_b = size_of(tmp / "full"), size_of(tmp / "lean")
        weights = page_weights(tmp / "full", args.page, args.plain_page)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    mb = 1024 * 1024
    rows = [
        ("build time (s)", f"{full_s:.2f}", f"{lean_s:.2f}", full_s / lean_s),
        ("site size (MB)", f"{full_b / mb:.1f}", f"{lean_b / mb:.1f}", full_b / lean_b),
        (
            f"first view of /{args.page} (kB)",
            f"{weights['first_view_bytes'] / 1024:.0f}",
            f"{weights['plain_page_bytes'] / 1024:.0f}",
            weights["first_view_bytes"] / weights["plain_page_bytes"],
        ),
        (
            "runtime fetched once started (kB)",
            f"{weights['runtime_bytes'] / 1024:.0f}",
            f"{weights['first_view_bytes'] / 1024:.0f}",
            weights["runtime_bytes"] / weights["first_view_bytes"],
        ),
        ("Start to failure message, offline (ms)", f"{weights['guard_ms']:.0f}", "2000", weights["guard_ms"] / 2000),
        (
            f"first view of /{args.page}, posters blocked (kB)",
            f"{weights['first_view_bytes'] / 1024:.0f}",
            f"{weights['no_posters_bytes'] / 1024:.0f}",
            weights["first_view_bytes"] / weights["no_posters_bytes"],
        ),
        ("example in view to poster painted (ms)", f"{weights['poster_paint_ms']:.1f}", "100", weights["poster_paint_ms"] / 100),
        (
            "editor fetched on first Edit (kB)",
            f"{weights['editor_bytes'] / 1024:.0f}",
            f"{weights['first_view_bytes'] / 1024:.0f}",
            weights["editor_bytes"] / weights["first_view_bytes"],
        ),
        ("first Edit to editor on screen (ms)", f"{weights['editor_ms']:.0f}", "-", float("nan")),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'figure':<{width}}  {'value':>9}  {'baseline':>9}  {'ratio':>7}")
    for name, value, base, ratio in rows:
        print(f"{name:<{width}}  {value:>9}  {base:>9}  {ratio:>7.2f}")
    print(
        f"\nbaselines: build/size = the site with the runtime served from elsewhere; first view = /{args.plain_page} "
        "(no examples); runtime = the first view; failure message = the 2 s budget; posters blocked = the same first "
        "view without poster images (value: with them); poster painted = the 100 ms target"
    )


if __name__ == "__main__":
    main()
