"""``mkdocs build`` as an author runs it, for tests that build many small sites.

Each build is MkDocs' own command line (``mkdocs.__main__.cli``) in a process
of its own, with its own working folder, environment, stdout and stderr: the
tests read exactly what an author's terminal shows. What is saved is Python's
start-up: a helper process imports MkDocs, the theme, the Markdown extensions
and the embed plugin once, and forks a child for each build (the child starts
from that freshly imported state; nothing of one build reaches the next).
Where ``os.fork`` does not exist, each build is ``python -m mkdocs`` instead.

    result = run_mkdocs(["build", "--strict", "-q"], cwd=site, env=env)
    result.returncode, result.stdout, result.stderr
"""
from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

# The helper: reads one JSON request per line, answers one JSON line per build.
HELPER = r"""
import json, os, sys, traceback
from importlib.util import find_spec
# As under `python -m mkdocs`: some packages look at argv[0] when imported.
sys.argv = [find_spec("mkdocs.__main__").origin]
import mkdocs.__main__
import mkdocs.commands.build
import material.plugins.search.plugin
import markdown, pymdownx.superfences, pymdownx.tabbed, pymdownx.highlight
import mkdocs_stlite.plugin

print("ready", flush=True)
for line in sys.stdin:
    request = json.loads(line)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the build: MkDocs' command line, as `python -m mkdocs` runs it
        code = 1
        try:
            os.chdir(request["cwd"])
            os.environ.clear()
            os.environ.update(request["env"])
            for fd, path in ((1, request["stdout"]), (2, request["stderr"])):
                os.dup2(os.open(path, os.O_WRONLY | os.O_TRUNC), fd)
            sys.argv = [sys.argv[0], *request["args"]]
            try:
                mkdocs.__main__.cli(args=request["args"], prog_name="mkdocs")
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
    _, status = os.waitpid(pid, 0)
    print(json.dumps(os.waitstatus_to_exitcode(status)), flush=True)
"""

_helper: subprocess.Popen | None = None


def _start_helper(env: dict[str, str]) -> subprocess.Popen:
    helper = subprocess.Popen(
        [sys.executable, "-c", HELPER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,  # what the packages read when imported (the builds get their own)
    )
    if helper.stdout.readline().strip() != "ready":
        helper.kill()
        raise RuntimeError("the mkdocs build helper did not start (see its traceback above)")
    atexit.register(_stop_helper, helper)
    return helper


def _stop_helper(helper: subprocess.Popen) -> None:
    helper.stdin.close()
    try:
        helper.wait(timeout=10)
    except subprocess.TimeoutExpired:
        helper.kill()


def run_mkdocs(args: list[str], *, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """``mkdocs <args>`` in ``cwd`` with ``env``; its exit code and output."""
    global _helper
    if not hasattr(os, "fork"):
        return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, env=env,
                              capture_output=True, text=True)
    if _helper is None or _helper.poll() is not None:
        _helper = _start_helper(env)
    with tempfile.TemporaryDirectory(prefix="mkdocs-cli-") as tmp:
        out, err = Path(tmp, "stdout"), Path(tmp, "stderr")
        out.touch()
        err.touch()
        request = {"args": args, "cwd": str(cwd), "env": env, "stdout": str(out), "stderr": str(err)}
        _helper.stdin.write(json.dumps(request) + "\n")
        _helper.stdin.flush()
        answer = _helper.stdout.readline()
        if not answer:
            raise RuntimeError(f"the mkdocs build helper died during `mkdocs {' '.join(args)}` in {cwd}")
        return subprocess.CompletedProcess(
            ["mkdocs", *args], json.loads(answer),
            out.read_text(encoding="utf-8", errors="replace"),
            err.read_text(encoding="utf-8", errors="replace"),
        )
