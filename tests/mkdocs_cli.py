"""``mkdocs build`` as an author runs it, for tests that build many small sites.

Each build is ``python -m mkdocs`` in a process of its own, with its own
working folder, environment, stdout and stderr: the tests read exactly what an
author's terminal shows. What is saved is Python's start-up: a helper has
MkDocs, the theme, the Markdown extensions and the embed plugin imported and
forks each build from there (prefork.py). Where it cannot fork (outside Linux),
each build is a fresh ``python -m mkdocs``.

    result = run_mkdocs(["build", "--strict", "-q"], cwd=site, env=env)
    result.returncode, result.stdout, result.stderr
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import prefork

# What a build imports besides MkDocs' command line.
PRELOAD = (
    "mkdocs.commands.build",
    "material.plugins.search.plugin",
    "markdown",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "pymdownx.highlight",
    "mkdocs_stlite.plugin",
)


def run_mkdocs(args: list[str], *, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """``mkdocs <args>`` in ``cwd`` with ``env``; its exit code and output."""
    if not prefork.available():
        return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, env=env,
                              capture_output=True, text=True)
    helper = prefork.prefork(sys.executable, "mkdocs", PRELOAD, env)
    with tempfile.TemporaryDirectory(prefix="mkdocs-cli-") as tmp:
        out, err = Path(tmp, "stdout"), Path(tmp, "stderr")
        code = helper.spawn(args, cwd=cwd, env=env, stdout=out, stderr=err).wait()
        return subprocess.CompletedProcess(
            ["mkdocs", *args], code,
            out.read_text(encoding="utf-8", errors="replace"),
            err.read_text(encoding="utf-8", errors="replace"),
        )
