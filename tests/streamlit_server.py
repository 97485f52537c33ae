"""A pytest fixture that serves snippets with the real ``streamlit run``.

Use it from a test module (``pytest_plugins`` is only allowed in the root
conftest), with ``tests/`` on ``sys.path`` as pytest's default import mode
arranges for a test folder without ``__init__.py``::

    from streamlit_server import streamlit_app  # noqa: F401

    def test_something(streamlit_app, page):
        page.goto(streamlit_app("session_state_counter"))

``streamlit_app`` is a factory: ``streamlit_app("stem")`` serves
``snippets/stem.py`` and returns its URL; ``streamlit_app.source(name, text)``
serves an inline app (``claim_scripts.py``) the same way. It is
module-scoped and runs one server at a time, on one port per test process:
asking for the snippet that is already served reuses its server, asking for
another stops it first. That is safe because the snippets keep their state
in ``st.session_state`` only: every page load (a new page, or a reload)
opens a new session and so starts from a clean slate.

Which Streamlit serves them is the ``--streamlit`` option: ``pinned`` (the
default, this interpreter's 1.62.0) or ``newest`` (``.venv-newest``, from
requirements-newest.lock, which ``./dev test`` sets up). Every test that uses
the fixture gets the ``streamlit_run`` marker, so
``./dev test --streamlit=newest -m streamlit_run`` runs exactly those on the
newest release; ``streamlit_app.version`` says which one a test got.

Each server is ``python -m streamlit run`` forked from a helper that has
Streamlit imported (prefork.py; a fresh interpreter outside Linux),
in its own process group, on a free port of 127.0.0.1. At
teardown, whether the tests passed or not, every group is stopped (SIGTERM,
then SIGKILL if it lingers) and the fixture fails if any process of a group
is still alive after that.
"""
from __future__ import annotations

import functools
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import prefork
import pytest

ROOT = Path(__file__).resolve().parents[1]
SNIPPETS = ROOT / "snippets"
#: The interpreter whose ``streamlit`` serves the snippets, per ``--streamlit``.
PYTHONS = {
    "pinned": Path(sys.executable),
    "newest": ROOT / ".venv-newest" / ("Scripts" if os.name == "nt" else "bin") / "python",
}

HOST = "127.0.0.1"
START_TIMEOUT_S = 45.0
STOP_TIMEOUT_S = 5.0
PORT_ATTEMPTS = 5
# What Streamlit logs (then exits 1) when the port it was given is taken.
PORT_CLASH_MARKER = "is not available"


class StreamlitStartError(RuntimeError):
    """The server did not come up; the message carries its output."""


@dataclass
class StreamlitServer:
    snippet: Path
    port: int
    proc: subprocess.Popen | prefork.Forked
    log_path: Path
    url: str = field(init=False)

    def __post_init__(self) -> None:
        self.url = f"http://{HOST}:{self.port}/"

    @property
    def pgid(self) -> int:
        # start_new_session=True makes the child the leader of a new group.
        return self.proc.pid

    def output(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return "(no output captured)"


def free_port() -> int:
    """A port that was free a moment ago (the OS picks it when binding to 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def streamlit_command(snippet: Path, port: int, python: Path = PYTHONS["pinned"]) -> list[str]:
    return [
        str(python), "-m", "streamlit", "run", str(snippet),
        "--server.headless", "true",
        "--server.address", HOST,
        "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
        "--server.runOnSave", "false",
        "--global.developmentMode", "false",
    ]


def _health_ok(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://{HOST}:{port}/_stcore/health", timeout=2) as resp:
            return resp.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def _spawn(snippet: Path, port: int, log_path: Path, python: Path) -> StreamlitServer:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    command = streamlit_command(snippet, port, python)
    # `python -m streamlit run ...`, forked from a helper that has Streamlit
    # imported where it can (prefork.py), in its own session, so its own
    # process group.
    proc = prefork.start_module(python, "streamlit", command[3:], cwd=ROOT, env=env, log=log_path,
                                preload=prefork.STREAMLIT_PRELOAD, new_session=True)
    return StreamlitServer(snippet=snippet, port=port, proc=proc, log_path=log_path)


def _wait_healthy(server: StreamlitServer, deadline: float) -> str:
    """'up', or 'clash' if the port was taken under us. Raises on anything else."""
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            out = server.output()
            if PORT_CLASH_MARKER in out:
                return "clash"
            raise StreamlitStartError(
                f"streamlit exited with code {server.proc.returncode} before it was "
                f"healthy ({server.snippet.name}, port {server.port}).\n"
                f"--- server output ---\n{out}"
            )
        # The answer must come from our own, still-running process.
        if _health_ok(server.port) and server.proc.poll() is None:
            return "up"
        time.sleep(0.1)
    raise StreamlitStartError(
        f"streamlit did not answer /_stcore/health within {START_TIMEOUT_S:.0f} s "
        f"({server.snippet.name}, port {server.port}).\n"
        f"--- server output ---\n{server.output()}"
    )


def _group_members(pgid: int) -> list[str]:
    """'pid command' for every live process in the group (Linux /proc)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # Fields after the ')' that closes the command name: state ppid pgrp ...
        after = stat.rsplit(")", 1)[1].split()
        state, pgrp = after[0], int(after[2])
        if pgrp == pgid and state != "Z":
            members.append(f"{entry.name} {stat[stat.find('(') + 1:stat.rfind(')')]}")
    return members


def _signal_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        pass


def _wait_group_empty(pgid: int, timeout: float) -> list[str]:
    deadline = time.monotonic() + timeout
    while (left := _group_members(pgid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def stop_server(server: StreamlitServer) -> tuple[bool, list[str]]:
    """Stop the whole process group.

    Returns (needed_sigkill, processes still alive even after SIGKILL).
    """
    pgid = server.pgid
    _signal_group(pgid, signal.SIGTERM)
    try:
        server.proc.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        pass
    needed_sigkill = bool(_wait_group_empty(pgid, 1.0)) or server.proc.poll() is None
    if needed_sigkill:
        _signal_group(pgid, signal.SIGKILL)
    server.proc.wait(timeout=STOP_TIMEOUT_S)  # reap the leader
    return needed_sigkill, _wait_group_empty(pgid, STOP_TIMEOUT_S)


def start_server(
    snippet: Path, log_dir: Path, python: Path = PYTHONS["pinned"], port: int | None = None
) -> StreamlitServer:
    """Start ``streamlit run snippet`` on ``port`` (else, or if it is taken, a
    free port) and wait until it is healthy."""
    if not snippet.is_file():
        raise FileNotFoundError(snippet)
    deadline = time.monotonic() + START_TIMEOUT_S
    for attempt in range(1, PORT_ATTEMPTS + 1):
        if attempt > 1 or port is None:
            port = free_port()
        log_path = log_dir / f"{snippet.stem}-{port}-{attempt}.log"
        server = _spawn(snippet, port, log_path, python)
        try:
            status = _wait_healthy(server, deadline)
        except BaseException:
            stop_server(server)
            raise
        if status == "up":
            return server
        stop_server(server)  # port clash: someone took the port; try another
    raise StreamlitStartError(
        f"no free port for {snippet.name} after {PORT_ATTEMPTS} attempts"
    )


def pytest_addoption(parser):
    parser.addoption(
        "--streamlit",
        choices=sorted(PYTHONS),
        default="pinned",
        help="which Streamlit `streamlit run` tests use: pinned (1.62.0) or newest (.venv-newest)",
    )


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "streamlit_run: serves snippets with real `streamlit run` (set on every test using "
        "the streamlit_app fixture)",
    )


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(config, items):
    for item in items:
        if "streamlit_app" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.streamlit_run)


@functools.cache
def streamlit_version(python: Path) -> str:
    """The Streamlit installed for ``python`` (read from its metadata: importing
    Streamlit just to ask would cost a second of CPU per module)."""
    return subprocess.run(
        [str(python), "-c", "from importlib.metadata import version; print(version('streamlit'))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()


@pytest.fixture(scope="session")
def streamlit_python(request) -> Path:
    """The interpreter whose ``streamlit run`` serves the snippets (``--streamlit``)."""
    choice = request.config.getoption("--streamlit")
    python = PYTHONS[choice]
    if not python.exists():
        pytest.fail(f"--streamlit={choice}: {python} is missing; ./dev test sets it up", pytrace=False)
    return python


@pytest.fixture(scope="session")
def streamlit_port() -> int:
    """The port this test process serves its snippets on, one after the other."""
    return free_port()


@pytest.fixture(scope="module")
def streamlit_app(tmp_path_factory, streamlit_python, streamlit_port):
    """Factory: ``streamlit_app("stem")`` -> URL of a live server for snippets/stem.py.

    One server at a time, always on this process's ``streamlit_port``: asking
    for another snippet stops the one before. Streamlit's frontend files then
    have the same URLs for every snippet, so the pages of these tests (one
    browser context per process, see ``page`` in conftest.py) load them from
    the browser's cache, as a reader's browser does on a second visit.
    """
    log_dir = tmp_path_factory.mktemp("streamlit-logs")
    current: StreamlitServer | None = None
    leftovers: dict[str, list[str]] = {}

    def stop_current() -> None:
        nonlocal current
        if current is None:
            return
        needed_sigkill, left = stop_server(current)
        if needed_sigkill:
            warnings.warn(f"streamlit for {current.snippet.name} ignored SIGTERM; it was killed")
        if left:
            leftovers[current.snippet.name] = left
        current = None

    def serve_path(script: Path) -> str:
        nonlocal current
        if current is None or current.snippet != script:
            stop_current()
            current = start_server(script, log_dir, streamlit_python, streamlit_port)
        return current.url

    def serve(stem: str) -> str:
        return serve_path(SNIPPETS / f"{stem}.py")

    def serve_source(name: str, source: str) -> str:
        """Serve an inline app (claim_scripts.py) written to ``name``.py."""
        script = log_dir / f"{name}.py"
        script.write_text(source, encoding="utf-8")
        return serve_path(script)

    serve.source = serve_source
    serve.version = streamlit_version(streamlit_python)
    try:
        yield serve
    finally:
        stop_current()
        assert not leftovers, f"processes survived the kill of their group: {leftovers}"
