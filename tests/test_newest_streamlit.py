"""The AppTest suite again, on the newest Streamlit release readers install.

The main session runs on the pinned ``streamlit==1.62.0`` (the version the live
examples bundle). The one test here runs every AppTest module a second time,
in its own pytest session inside ``.venv-newest`` (``requirements-newest.lock``,
set up by ``./dev test``), and fails with that session's report when any of
its tests fail. Browser tests are left out there; they run on the newest
release with ``./dev test --streamlit=newest -m streamlit_run``.

An AppTest module is one that imports ``AppTest`` or ``apptest_helpers``, so
a new one joins without being listed. A few tests assert text or behaviour of
1.62.0 only; they are listed in ``PINNED_ONLY`` with the test in
``test_streamlit_versions.py`` that pins both sides of the difference.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from streamlit_server import PYTHONS, streamlit_version

TESTS = ROOT / "tests"
NEWEST_PY = PYTHONS["newest"]
NEWEST_VENV = NEWEST_PY.parents[1]
NEWEST_LOCK = ROOT / "requirements-newest.lock"
SESSION_TIMEOUT_S = 240

APPTEST_IMPORT = re.compile(r"^from (streamlit\.testing\.v1|apptest_helpers) import", re.M)

# Tests of 1.62.0's own wording or behaviour -> the test that pins the change.
PINNED_ONLY = {
    "tests/test_answers_reruns.py::test_rerun_in_callback_warning_is_a_no_op_with_a_warning":
        "test_rerun_in_a_callback_warns_up_to_1_62_and_is_honoured_from_1_63",
    "tests/test_answers_state.py::test_session_state_errors_set_after_widget_raises_on_click":
        "test_modified_after_instantiated_message_up_to_1_64_and_from_1_65",
    "tests/test_answers_state.py::test_session_state_errors_keys_that_cannot_be_set":
        "test_read_only_key_message_up_to_1_64_and_from_1_65",
    "tests/test_page_claims.py::test_a_widget_after_st_rerun_loses_its_value_one_before_keeps_it":
        "test_a_widget_after_st_rerun_loses_its_value_up_to_1_63_and_keeps_it_from_1_64",
    "tests/test_answers_state.py::test_caching_a_coroutine_function_fails_in_streamlit_1_62":
        "test_caching_a_coroutine_function_fails_up_to_1_63_and_caches_from_1_64",
    "tests/test_answers_apps.py::test_old_name_raises_attribute_error_on_the_click":
        "test_removed_name_message_up_to_1_64_and_names_the_replacement_from_1_65",
    "tests/test_answers_apps.py::test_data_editor_value_cannot_be_set_through_session_state":
        "test_read_only_key_message_up_to_1_64_and_from_1_65",
}


def apptest_modules() -> list[str]:
    return [
        path.relative_to(ROOT).as_posix()
        for path in sorted(TESTS.glob("test_*.py"))
        if APPTEST_IMPORT.search(path.read_text(encoding="utf-8"))
    ]


def locked_streamlit() -> str:
    match = re.search(r"^streamlit==([\w.+-]+)", NEWEST_LOCK.read_text(encoding="utf-8"), re.M)
    assert match, f"{NEWEST_LOCK.name} has no 'streamlit==' pin"
    return match.group(1)


def test_pinned_only_entries_name_existing_tests():
    """A renamed test must not slip back into the newest run unnoticed, nor a
    pin go missing."""
    pins = (TESTS / "test_streamlit_versions.py").read_text(encoding="utf-8")
    for nodeid, pin in PINNED_ONLY.items():
        module, name = nodeid.split("::")
        name = name.split("[")[0]
        assert re.search(rf"^def {name}\(", (ROOT / module).read_text(encoding="utf-8"), re.M), nodeid
        assert re.search(rf"^def {pin}\(", pins, re.M), pin


def test_apptest_suite_passes_on_the_newest_streamlit():
    if not NEWEST_PY.exists():
        pytest.fail(f"{NEWEST_VENV.name}/ is missing: run ./dev test, which sets it up", pytrace=False)
    version = streamlit_version(NEWEST_PY)
    assert version == locked_streamlit(), (
        f"{NEWEST_VENV.name} has Streamlit {version}, the lock pins {locked_streamlit()}: "
        "run ./dev test to re-install it"
    )
    modules = apptest_modules()
    assert "tests/test_streamlit_versions.py" in modules and len(modules) >= 3, modules

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "PYTHON"))}
    # The tests read project facts through the plugin's stdlib-only modules
    # (mkdocs_stlite.sources); MkDocs itself is not in that venv.
    env["PYTHONPATH"] = str(ROOT / "packages" / "mkdocs-stlite")
    deselect = [arg for nodeid in PINNED_ONLY for arg in ("--deselect", nodeid)]
    result = subprocess.run(
        [
            NEWEST_PY, "-m", "pytest",
            # No xdist in that venv: one process, this module's worker.
            "-o", "addopts=-ra --strict-markers",
            "-p", "no:cacheprovider",
            "-m", "not browser",
            "-q", "--tb=short", "--color=no",
            *deselect,
            *modules,
        ],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=SESSION_TIMEOUT_S,
    )
    report = result.stdout[-6000:] + result.stderr[-2000:]
    closing = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert result.returncode == 0, f"on Streamlit {version}:\n{report}"
    assert re.search(r"\d+ passed", closing) and "failed" not in closing, closing
    print(f"Streamlit {version}: {closing}", file=sys.stderr)
