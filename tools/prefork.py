"""``python -m <module> <args>`` in a process of its own, without paying for
Python's start-up and the module's imports each time.

The tests start many short-lived command lines of the same tool: ``mkdocs
build`` for ~30 small sites, ``streamlit run`` for ~40 servers; ``./dev
posters`` one ``streamlit run`` per poster. Most of each
start is importing the tool. A ``Prefork`` is a helper interpreter (any
venv's ``python``) that imports the tool once and forks a child per command.
Each child then runs the module exactly as ``python -m`` does (``runpy``,
``__name__ == "__main__"``, ``sys.argv``), with its own working folder,
environment, stdin (``/dev/null``), stdout and stderr (files), and,
if asked, its own session and process group. It starts from the freshly
imported state: nothing of one command reaches the next.

    helper = prefork(sys.executable, "mkdocs", preload=("mkdocs.commands.build",))
    child = helper.spawn(["build"], cwd=site, env=env, stdout=out, stderr=err)
    child.wait()  # -> exit code; child.poll(), child.pid as with subprocess.Popen

``available()`` is False where ``os.fork`` or ``os.pidfd_open`` does not
exist (outside Linux): callers then run
``python -m`` with ``subprocess`` instead (``start_module`` makes that choice
for a long-running command with one log file). Only the helper's own child
processes are forked; the helper serves one caller, one request at a time.
"""
from __future__ import annotations

import atexit
import json
import os
import subprocess
from pathlib import Path

# The helper: one JSON request per line on stdin, one JSON answer per line.
HELPER = r"""
import importlib, json, os, runpy, select, signal, sys, traceback
from importlib.util import find_spec

main, preload = sys.argv[1], sys.argv[2:]
# Ctrl-C in the caller's terminal reaches its whole process group: the helper
# stays (the caller ends it by closing stdin) and can still reap its children.
signal.signal(signal.SIGINT, signal.SIG_IGN)
# Answers go out on a copy of stdout; whatever the imports print goes to stderr.
answers = os.fdopen(os.dup(1), "w")
os.dup2(2, 1)
# As under `python -m main`: some packages look at argv[0] when imported.
sys.argv = [find_spec(main + ".__main__").origin]
for name in (main + ".__main__", *preload):
    importlib.import_module(name)
# What it imported stays; runpy runs the module itself afresh in each child.
del sys.modules[main + ".__main__"]

def run(request):
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        answers.close()
        if request["session"]:
            os.setsid()
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        for fd, path in ((1, request["stdout"]), (2, request["stderr"])):
            os.dup2(os.open(path, os.O_WRONLY | os.O_APPEND), fd)
        sys.argv = [sys.argv[0], *request["args"]]
        try:
            runpy.run_module(main, run_name="__main__", alter_sys=True)
            code = 0
        except SystemExit as exit_:
            if exit_.code is None or isinstance(exit_.code, int):
                code = exit_.code or 0
            else:
                print(exit_.code, file=sys.stderr)
        except BaseException:
            traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)

codes = {}  # pid -> exit code, once reaped

# The child's exit code, once it has exited within `timeout` seconds (None:
# however long it takes), else None. Its pidfd becomes readable when it exits.
def reap(pid, timeout=0.0):
    if pid not in codes:
        if timeout != 0:
            pidfd = os.pidfd_open(pid)
            try:
                select.select([pidfd], [], [], timeout)
            finally:
                os.close(pidfd)
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            codes[pid] = os.waitstatus_to_exitcode(status)
    return codes.get(pid)

print("ready", file=answers, flush=True)
for line in sys.stdin:
    request = json.loads(line)
    if request["op"] == "spawn":
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            run(request)
        answer = pid
    else:  # "wait": up to "timeout" seconds (0: a look; None: until it exits)
        answer = reap(request["pid"], request["timeout"])
    print(json.dumps(answer), file=answers, flush=True)
"""


def available() -> bool:
    """Forking, and waiting on a child with a timeout (pidfd), work here (Linux)."""
    return hasattr(os, "fork") and hasattr(os, "pidfd_open")


class Prefork:
    """A helper interpreter that has imported ``main`` (and ``preload``) and
    forks ``python -m main`` children on request."""

    def __init__(self, python: str | Path, main: str, preload: tuple[str, ...] = (),
                 env: dict[str, str] | None = None) -> None:
        self.label = f"{Path(python).parent.parent.name} python -m {main}"
        self.process = subprocess.Popen(
            [str(python), "-c", HELPER, main, *preload],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,  # what the packages read when imported (each child gets its own)
        )
        if self.process.stdout.readline().strip() != "ready":
            self.process.kill()
            raise RuntimeError(f"the helper for `{self.label}` did not start (see its traceback above)")
        atexit.register(self.close)

    def ask(self, **request) -> object:
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise RuntimeError(f"the helper for `{self.label}` died during {request}")
        return json.loads(answer)

    def alive(self) -> bool:
        return self.process.poll() is None

    def spawn(self, args: list[str], *, cwd: Path, env: dict[str, str], stdout: Path,
              stderr: Path | None = None, new_session: bool = False) -> Forked:
        """Start ``python -m main *args``; its stdout (and stderr, unless given
        its own file) is appended to ``stdout``."""
        for path in (stdout, stderr):
            if path is not None:
                Path(path).touch()
        pid = self.ask(op="spawn", args=[str(a) for a in args], cwd=str(cwd), env=env,
                       stdout=str(stdout), stderr=str(stderr or stdout), session=new_session)
        return Forked(self, pid)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


class Forked:
    """A child of a ``Prefork``, with the part of ``subprocess.Popen`` the tests use."""

    def __init__(self, helper: Prefork, pid: int) -> None:
        self.helper = helper
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            self.returncode = self.helper.ask(op="wait", pid=self.pid, timeout=0)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            self.returncode = self.helper.ask(op="wait", pid=self.pid, timeout=timeout)
            if self.returncode is None:
                raise subprocess.TimeoutExpired(f"{self.helper.label} (pid {self.pid})", timeout)
        return self.returncode


#: What ``streamlit run`` imports before it serves (no thread starts on import).
STREAMLIT_PRELOAD = (
    "streamlit.web.bootstrap",
    "streamlit.web.server.server",
    "streamlit.runtime.runtime",
    "streamlit.runtime.scriptrunner.script_runner",
)

_helpers: dict[tuple, Prefork] = {}


def start_module(python: str | Path, main: str, args: list[str], *, cwd: Path, env: dict[str, str],
                 log: Path, preload: tuple[str, ...] = (), new_session: bool = False
                 ) -> Forked | subprocess.Popen:
    """``python -m main *args`` running, its stdin /dev/null and its stdout and
    stderr in ``log`` (emptied first): forked from this process's helper where
    that works, else a fresh interpreter. Either has ``pid``, ``poll()`` and
    ``wait(timeout)`` as ``subprocess.Popen`` does."""
    Path(log).write_bytes(b"")
    if available():
        return prefork(python, main, preload).spawn(args, cwd=cwd, env=env, stdout=log,
                                                    new_session=new_session)
    with open(log, "ab") as out:
        return subprocess.Popen([str(python), "-m", main, *args], cwd=cwd, env=env,
                                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=new_session)


def prefork(python: str | Path, main: str, preload: tuple[str, ...] = (),
            env: dict[str, str] | None = None) -> Prefork:
    """This process's helper for ``python -m main`` (started on first use, with
    ``env`` for its imports; started again if it died)."""
    key = (str(python), main, preload)
    helper = _helpers.get(key)
    if helper is None or not helper.alive():
        helper = _helpers[key] = Prefork(python, main, preload, env)
    return helper
