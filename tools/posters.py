#!/usr/bin/env python3
"""Draw each embedded example's first frame with the real Streamlit: its poster.

    ./dev posters            (or: .venv/bin/python tools/posters.py [--jobs N] [--force])

For every ``::stlite[...]`` embed in ``docs/`` and each colour scheme (light,
dark) this runs the snippet with the pinned Streamlit (``streamlit run`` on
127.0.0.1, ``--theme.base`` set as the live embed sets it), opens it in a
headless Chromium sized like the embed's box on a 1280-pixel-wide page, waits
until the first run has finished, hides the parts of Streamlit's frame that
the live embed does not show, and saves a screenshot as an optimised PNG in
``posters/``.

A poster's file name carries a hash of everything it depends on (the snippet's
bytes, or for a multi-file example, ``folder/entry.py``, every file of its
folder with its path; the Streamlit version, the box's width and height, the scheme and
``TOOL_VERSION``), so an unchanged poster is skipped and a changed input gives
a new file; files no embed needs any more are removed. A multi-file example's
poster is named after its entry with ``--`` for ``/`` (one flat folder).
A poster that can't be drawn is reported and makes the exit status non-zero;
the ones that were drawn are still saved and listed. ``posters/manifest.json``
lists every poster with those inputs and the widget labels that were on the
page when its screenshot was taken; the plugin reads it to show the posters and
the tests read it to check they are current. It also names one blank render per
scheme (an app that draws nothing), which the tests compare posters against.

This script uses nothing from tests/: the site and the tests only read what it
writes.
"""
from __future__ import annotations

import argparse
import asyncio
import hashlib
import io
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import prefork
from headless_chromium import CHROMIUM_ARGS as SHARED_CHROMIUM_ARGS
from headless_chromium import chromium_executable

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
POSTERS = ROOT / "posters"
MANIFEST = POSTERS / "manifest.json"

#: Bump when a change here changes what a poster looks like or what the
#: manifest records about it.
TOOL_VERSION = 2
#: Width of an embed's app box on a 1280-pixel-wide page (Material's content
#: column with both sidebars); tests/test_posters.py measures it in the site.
EMBED_WIDTH = 686
THEMES = ("light", "dark")
#: The blank render: an app that draws nothing, as tall as the tallest box.
BLANK_SOURCE = b"import streamlit as st\n"
BLANK = "blank"

#: Files in a multi-file example's folder that are not part of the example.
IGNORED_PARTS = ("__pycache__", ".DS_Store")

HOST = "127.0.0.1"
SERVER_START_S = 60.0
FIRST_RUN_MS = 90_000
#: A job that fails (e.g. a timeout on a very busy machine) is tried again.
ATTEMPTS = 3
# The shared flags, plus no scroll bars in the pictures.
CHROMIUM_ARGS = [*SHARED_CHROMIUM_ARGS, "--hide-scrollbars"]

# The live embed shows the app without Streamlit's top bar tools getting in
# the way of a still picture: the toolbar (its menu button), the coloured
# decoration line and the "Running..." status are hidden. The layout (the
# header's space, the padding) stays as it is.
HIDE_CHROME_CSS = """
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
[data-testid="stHeader"], [data-testid="stMainMenu"], [data-testid="stAppDeployButton"] {
  visibility: hidden !important;
}
*, *::before, *::after { caret-color: transparent !important; }
"""

# True once the app has finished its first run: Streamlit reports the script
# as not running after having drawn something, no element is still a loading
# placeholder, and the fonts are in. "Drawn something" looks in the app's own
# blocks (the main block and, for st.chat_input and the like, the bottom
# block), not in "stMain": when the page holds a chat input, Streamlit 1.62
# renders the main area as a scroll-to-bottom container whose test id
# ("stAppScrollToBottomContainer") replaces "stMain".
FIRST_RUN_DONE_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const blocks = [...document.querySelectorAll('[data-testid="stMainBlockContainer"], [data-testid="stBottomBlockContainer"]')];
  if (!window.__blank && !blocks.some((b) => b.querySelector('[data-testid="stElementContainer"]'))) return false;
  return document.fonts.status === "loaded";
}
"""

# What the page showed when the wait above gave up (for the error message).
PAGE_STATE_JS = """
() => ({
  scriptState: document.querySelector('[data-testid="stApp"]')?.getAttribute("data-test-script-state"),
  elements: document.querySelectorAll('[data-testid="stElementContainer"]').length,
  main: !!document.querySelector('[data-testid="stMain"]'),
  skeletons: document.querySelectorAll('[data-testid="stSkeleton"]').length,
  fonts: document.fonts.status,
})
"""

# Labels a reader can read on the frame: widget labels, button texts, text and
# captions, a chat input's placeholder; in the app's main block, then its
# bottom block; only those shown inside the frame (the screenshot is the
# viewport: what lies below it is not in the picture).
LABELS_JS = """
() => {
  const texts = [];
  const pick = '[data-testid="stWidgetLabel"], button, [data-testid="stMarkdownContainer"] p,'
    + ' [data-testid="stCaptionContainer"], textarea[placeholder]';
  const blocks = '[data-testid="stMainBlockContainer"], [data-testid="stBottomBlockContainer"]';
  const inFrame = (el) => {
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0
      && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
  };
  for (const block of document.querySelectorAll(blocks)) {
    for (const el of block.querySelectorAll(pick)) {
      if (!inFrame(el)) continue;
      const text = (el.innerText || el.getAttribute("placeholder") || "").trim();
      if (text && !texts.includes(text)) texts.push(text);
    }
  }
  return texts;
}
"""


# --------------------------------------------------------------------------
# What to draw
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    snippet: str  # file name in snippets/ ("folder/entry.py" for a multi-file example), or BLANK
    height: int
    theme: str
    source: bytes  # the entry file's bytes
    #: A multi-file example's files (path in its folder, bytes), entry included;
    #: empty for a single file.
    files: tuple[tuple[str, bytes], ...] = ()

    @property
    def key(self) -> str:
        return poster_key(hashed_content(self.source, self.files), self.height, self.theme)

    @property
    def stem(self) -> str:
        """The snippet's name as one flat file name ("/" becomes "--")."""
        return self.snippet.removesuffix(".py").replace("/", "--")

    @property
    def file(self) -> str:
        return f"{self.stem}.{self.height}.{self.theme}.{self.key}.png"


def hashed_content(source: bytes, files: tuple[tuple[str, bytes], ...]) -> bytes:
    """What a poster's hash covers of the example: a single file's bytes (as
    before multi-file examples, so those posters keep their names), or every
    file of the folder with its path, so a change to any page redraws it."""
    if not files:
        return source
    return b"".join(f"{path}\0{len(data)}\0".encode() + data for path, data in files)


def example_files(snippet: str) -> tuple[tuple[str, bytes], ...]:
    """Every file of a multi-file example's folder, sorted by path; () for a single file."""
    if "/" not in snippet:
        return ()
    folder = SNIPPETS / snippet.split("/", 1)[0]
    return tuple(
        (path.relative_to(folder).as_posix(), path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not set(path.relative_to(folder).parts) & set(IGNORED_PARTS)
    )


def streamlit_version() -> str:
    return version("streamlit")


def poster_key(source: bytes, height: int, theme: str) -> str:
    """Hash of everything a poster depends on."""
    h = hashlib.sha256()
    for part in (
        f"tool={TOOL_VERSION}",
        f"streamlit={streamlit_version()}",
        f"size={EMBED_WIDTH}x{height}",
        f"theme={theme}",
    ):
        h.update(part.encode() + b"\0")
    h.update(source)
    return h.hexdigest()[:16]


def embeds() -> list[tuple[str, int]]:
    """(snippet, height) of every embed in docs/, each pair once, in page order."""
    from mkdocs.config import load_config

    from mkdocs_stlite.directive import find_directives
    from mkdocs_stlite.options import EmbedOptions

    options = {}
    config = load_config(str(ROOT / "mkdocs.yml"))
    for name, plugin in config.plugins.items():
        if name == "stlite":
            options = plugin.config
    # The site-wide defaults, already checked by the options' own declarations.
    defaults = EmbedOptions(**{n: options[n] for n in EmbedOptions.names() if n in options})
    found: list[tuple[str, int]] = []
    for page in sorted(DOCS.rglob("*.md")):
        for d in find_directives(page.read_text(encoding="utf-8"), defaults):
            pair = (d.snippet, d.options.height)
            if pair not in found:
                found.append(pair)
    return found


def planned_jobs() -> list[Job]:
    pairs = embeds()
    jobs = [
        Job(snippet, height, theme, (SNIPPETS / snippet).read_bytes(), example_files(snippet))
        for snippet, height in pairs
        for theme in THEMES
    ]
    tallest = max((h for _, h in pairs), default=420)
    jobs += [Job(BLANK, tallest, theme, BLANK_SOURCE) for theme in THEMES]
    return jobs


def source_digest(source: bytes) -> str:
    return hashlib.sha256(source).hexdigest()


# --------------------------------------------------------------------------
# One streamlit server per job
# --------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://{HOST}:{port}/_stcore/health", timeout=2) as reply:
            return reply.status == 200
    except (urllib.error.URLError, OSError):
        return False


class Server:
    """``streamlit run script`` in its own process group; stop() ends the group.

    Forked from a helper that has Streamlit imported (prefork.py) where that
    works (Linux), else a fresh ``python -m streamlit``: the same command line
    either way, without paying for Streamlit's imports once per poster."""

    def __init__(self, script: Path, theme: str, log: Path):
        self.script, self.theme, self.log = script, theme, log
        self.proc: prefork.Forked | subprocess.Popen | None = None
        self.port = 0

    def command(self) -> list[str]:
        return [
            "run", str(self.script),
            "--server.headless", "true",
            "--server.address", HOST,
            "--server.port", str(self.port),
            "--server.fileWatcherType", "none",
            "--browser.gatherUsageStats", "false",
            "--global.developmentMode", "false",
            "--theme.base", self.theme,
        ]

    def spawn(self) -> None:
        # Asked from the event loop's thread only: the helper answers one
        # request at a time.
        self.proc = prefork.start_module(sys.executable, "streamlit", self.command(), cwd=ROOT,
                                         env=dict(os.environ), log=self.log,
                                         preload=prefork.STREAMLIT_PRELOAD, new_session=True)

    def exited(self) -> bool:
        try:
            return self.proc.poll() is not None
        except (OSError, RuntimeError):
            # The helper is gone, so the server can't be waited for: end its group.
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            return True

    async def start(self) -> str:
        for _ in range(5):
            self.port = _free_port()
            self.spawn()
            deadline = time.monotonic() + SERVER_START_S
            while time.monotonic() < deadline:
                if self.exited():
                    break
                if await asyncio.to_thread(_healthy, self.port):
                    return f"http://{HOST}:{self.port}/"
                await asyncio.sleep(0.1)
            text = self.log.read_text(errors="replace")
            await self.stop()
            if "is not available" not in text:  # anything but a port clash is fatal
                raise RuntimeError(f"streamlit did not start for {self.script.name}:\n{text}")
        raise RuntimeError(f"no free port for {self.script.name}")

    async def stop(self) -> None:
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        deadline = time.monotonic() + 5
        while not self.exited():
            if time.monotonic() > deadline:
                os.killpg(self.proc.pid, signal.SIGKILL)
                deadline = float("inf")
            await asyncio.sleep(0.05)
        self.proc = None


# --------------------------------------------------------------------------
# Drawing
# --------------------------------------------------------------------------


def optimise(png: bytes) -> bytes:
    """A palette PNG: Streamlit's flat colours survive 256 colours unchanged."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as shot:
        image = shot.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


async def draw(job: Job, browser, tmp: Path) -> tuple[bytes, list[str]]:
    if job.snippet == BLANK:
        script = tmp / "blank_app.py"
        script.write_bytes(BLANK_SOURCE)
    else:
        script = SNIPPETS / job.snippet
    server = Server(script, job.theme, tmp / f"{job.stem}.{job.theme}.log")
    try:
        url = await server.start()
        context = await browser.new_context(
            viewport={"width": EMBED_WIDTH, "height": job.height},
            device_scale_factor=1,
            color_scheme=job.theme,
            reduced_motion="reduce",
        )
        try:
            page = await context.new_page()
            if job.snippet == BLANK:
                await page.add_init_script("window.__blank = true")
            await page.goto(url, wait_until="commit", timeout=FIRST_RUN_MS)
            await page.add_style_tag(content=HIDE_CHROME_CSS)
            try:
                await page.wait_for_function(FIRST_RUN_DONE_JS, timeout=FIRST_RUN_MS, polling=100)
            except Exception as exc:
                seen = await page.evaluate(PAGE_STATE_JS)
                raise RuntimeError(
                    f"{job.snippet} ({job.theme}): the first run did not finish within "
                    f"{FIRST_RUN_MS / 1000:.0f} s (page: {seen})\n{server.log.read_text(errors='replace')}"
                ) from exc
            # Two frames so that the last run's elements are painted.
            await page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            labels = await page.evaluate(LABELS_JS)
            shot = await page.screenshot(type="png", animations="disabled", caret="hide")
        finally:
            await context.close()
    finally:
        await server.stop()
    return await asyncio.to_thread(optimise, shot), labels


async def draw_all(
    jobs: list[Job],
    workers: int,
    failures: list[str] | None = None,
    results: dict[Job, tuple[bytes, list[str]]] | None = None,
) -> dict[Job, tuple[bytes, list[str]]]:
    """Draw the jobs, ``workers`` at a time, into ``results`` (which keeps what
    was drawn even if this raises). A job that fails every attempt is reported
    in ``failures`` (or raised, when that list is not given)."""
    from playwright.async_api import async_playwright

    executable = chromium_executable()
    results = {} if results is None else results
    queue: asyncio.Queue[Job] = asyncio.Queue()
    for job in jobs:
        queue.put_nowait(job)
    with tempfile.TemporaryDirectory(prefix="posters-") as tmp:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)

            async def worker() -> None:
                while not queue.empty():
                    job = queue.get_nowait()
                    for attempt in range(1, ATTEMPTS + 1):
                        try:
                            results[job] = await draw(job, browser, Path(tmp))
                        except Exception as exc:
                            first_line = (str(exc).splitlines() or [type(exc).__name__])[0]
                            if attempt < ATTEMPTS:
                                print(f"  {job.file}: attempt {attempt} failed ({first_line}); again", flush=True)
                                continue
                            if failures is None:
                                raise
                            failures.append(f"{job.file}: {exc}")
                            print(f"  could not draw {job.file} ({first_line})", flush=True)
                        else:
                            print(f"  drew {job.file} ({len(results[job][0]) // 1024} KB)", flush=True)
                        break

            try:
                await asyncio.gather(*(worker() for _ in range(workers)))
            finally:
                await browser.close()
    return results


# --------------------------------------------------------------------------
# The folder and its manifest
# --------------------------------------------------------------------------


def read_manifest() -> dict:
    try:
        return json.loads(MANIFEST.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def entry_for(job: Job, labels: list[str], size: int) -> dict:
    return {
        "snippet": job.snippet,
        "height": job.height,
        "width": EMBED_WIDTH,
        "theme": job.theme,
        "file": job.file,
        "source_sha256": source_digest(job.source),
        **({"files_sha256": {path: source_digest(data) for path, data in job.files}} if job.files else {}),
        "bytes": size,
        "labels": labels,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=4, help="servers and pages at once (default 4)")
    parser.add_argument("--force", action="store_true", help="redraw every poster")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    jobs = planned_jobs()
    old = {e["file"]: e for e in read_manifest().get("posters", [])}
    todo = [j for j in jobs if args.force or j.file not in old or not (POSTERS / j.file).is_file()]
    print(f"posters: {len(jobs)} needed, {len(jobs) - len(todo)} up to date, drawing {len(todo)}", flush=True)

    failures: list[str] = []
    drawn: dict[Job, tuple[bytes, list[str]]] = {}
    if todo:
        try:
            asyncio.run(draw_all(todo, max(1, args.jobs), failures, drawn))
        except Exception as exc:  # e.g. the browser went away: keep what was drawn
            failures.append(f"drawing stopped: {type(exc).__name__}: {exc}")

    POSTERS.mkdir(exist_ok=True)
    entries = []
    for job in jobs:
        if job in drawn:
            data, labels = drawn[job]
            (POSTERS / job.file).write_bytes(data)
            entries.append(entry_for(job, labels, len(data)))
        elif job.file in old and (POSTERS / job.file).is_file():
            entries.append(old[job.file])
    wanted = {e["file"] for e in entries} | {MANIFEST.name}
    removed = [p for p in POSTERS.iterdir() if p.name not in wanted]
    for path in removed:
        path.unlink()
    manifest = {
        "about": "Written by tools/posters.py (./dev posters); do not edit.",
        "tool_version": TOOL_VERSION,
        "streamlit_version": streamlit_version(),
        "width": EMBED_WIDTH,
        "posters": entries,
    }
    MANIFEST.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    total = sum(e["bytes"] for e in entries)
    print(
        f"posters: drew {len(drawn)}, removed {len(removed)} stale, "
        f"{len(entries)} in {POSTERS.relative_to(ROOT)}/ ({total / 1024:.0f} KB) "
        f"in {time.perf_counter() - start:.1f} s",
        flush=True,
    )
    if failures:
        print("posters: could not draw (run ./dev posters again):\n" + "\n".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
