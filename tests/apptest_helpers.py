"""Helpers the AppTest modules share: run a snippet, read what it shows."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

SNIPPETS = Path(__file__).resolve().parents[1] / "snippets"


def load(stem: str) -> AppTest:
    """``snippets/<stem>.py`` under AppTest, not run yet."""
    return AppTest.from_file(str(SNIPPETS / f"{stem}.py"), default_timeout=30)


def start(stem: str) -> AppTest:
    """The first run, as on page load; it must not raise."""
    at = load(stem).run()
    assert not at.exception, f"{stem} raised: {[e.message for e in at.exception]}"
    return at


def no_exception(at: AppTest) -> AppTest:
    assert not at.exception, [e.message for e in at.exception]
    return at


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def texts(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def counter(at: AppTest, label: str) -> int:
    """N in the single caption ``<label>: N``."""
    prefix = f"{label}: "
    found = [c for c in captions(at) if c.startswith(prefix)]
    assert len(found) == 1, f"expected one {label!r} caption, got {captions(at)}"
    return int(found[0][len(prefix):])


def script_runs(at: AppTest) -> int:
    return counter(at, "Script runs this session")


def line(at: AppTest, prefix: str) -> str:
    """The single markdown line that starts with ``prefix``."""
    found = [t for t in texts(at) if t.startswith(prefix)]
    assert len(found) == 1, f"expected one line starting {prefix!r}, got {texts(at)}"
    return found[0]


def has_line_starting(at: AppTest, prefix: str) -> bool:
    return any(t.startswith(prefix) for t in texts(at))


def has_text(at: AppTest, text: str) -> bool:
    """Whether some markdown line is exactly ``text``."""
    return text in texts(at)
