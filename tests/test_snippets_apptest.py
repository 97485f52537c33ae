"""AppTest checks for the snippets embedded in the FAQ pages.

Each test runs the very file that the page shows and asserts what the page
says about it, reading the text a reader would see (captions and markdown).

AppTest is a headless stand-in for the browser, with two known gaps: it
applies a form's new values on the next run even without Submit, and it always
reruns the whole script. So nothing here claims that a form batches input;
the real-browser tests cover that.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

SNIPPETS = Path(__file__).resolve().parents[1] / "snippets"

ALL_SNIPPETS = [
    "rerun_model_counter",
    "form_widgets_rerun_each_edit",
    "form_batch_input",
    "session_state_plain_variable_resets",
    "session_state_counter",
    "callback_inline_button_stale",
    "callback_on_click_current",
]

FORM_SUBMIT = "FormSubmitter:order-Submit"


def start(stem: str) -> AppTest:
    """Load ``snippets/<stem>.py`` and do its first run, as on page load."""
    at = AppTest.from_file(str(SNIPPETS / f"{stem}.py"), default_timeout=30)
    at.run()
    assert not at.exception, f"{stem} raised: {[e.message for e in at.exception]}"
    return at


def rerun_ok(at: AppTest, stem: str) -> AppTest:
    assert not at.exception, f"{stem} raised: {[e.message for e in at.exception]}"
    return at


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def texts(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def runs_shown(at: AppTest) -> int:
    """The number in the "Script runs this session: N" caption."""
    prefix = "Script runs this session: "
    found = [c for c in captions(at) if c.startswith(prefix)]
    assert len(found) == 1, f"expected one run counter caption, got {captions(at)}"
    return int(found[0][len(prefix):])


def line_starting(at: AppTest, prefix: str) -> str:
    found = [t for t in texts(at) if t.startswith(prefix)]
    assert len(found) == 1, f"expected one line starting {prefix!r}, got {texts(at)}"
    return found[0]


def count_shown(at: AppTest) -> str:
    return line_starting(at, "Count: ")


# --- Conventions shared by every snippet ------------------------------------


@pytest.mark.parametrize("stem", ALL_SNIPPETS)
def test_first_run_shows_run_counter_at_one(stem):
    at = start(stem)
    assert runs_shown(at) == 1


@pytest.mark.parametrize("stem", ALL_SNIPPETS)
def test_snippet_imports_only_streamlit(stem):
    # The same file runs in the browser through stlite/Pyodide, which only
    # has Streamlit installed for these examples (and no threads).
    tree = ast.parse((SNIPPETS / f"{stem}.py").read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    assert imported == {"streamlit"}, f"{stem} imports {sorted(imported)}"


# --- Home page: rerun_model_counter -----------------------------------------


def test_rerun_model_counter_every_interaction_reruns_and_local_resets():
    stem = "rerun_model_counter"
    at = start(stem)
    assert line_starting(at, "Plain variable: ") == "Plain variable: 1"
    assert line_starting(at, "Current values: ") == "Current values: size 5, label 'hello'"

    at.slider(key="size").set_value(8).run()
    rerun_ok(at, stem)
    assert runs_shown(at) == 2
    assert line_starting(at, "Current values: ") == "Current values: size 8, label 'hello'"
    # The local variable started from scratch again.
    assert line_starting(at, "Plain variable: ") == "Plain variable: 1"

    at.text_input(key="label").input("world").run()
    rerun_ok(at, stem)
    assert runs_shown(at) == 3
    # The slider kept its value (widget state survives by key).
    assert line_starting(at, "Current values: ") == "Current values: size 8, label 'world'"
    assert line_starting(at, "Plain variable: ") == "Plain variable: 1"


# --- Forms page: form_widgets_rerun_each_edit / form_batch_input ------------


def test_form_widgets_rerun_each_edit_reruns_on_every_edit():
    stem = "form_widgets_rerun_each_edit"
    at = start(stem)
    # Outside any form.
    assert at.text_input(key="name").proto.form_id == ""
    assert at.number_input(key="quantity").proto.form_id == ""
    assert line_starting(at, "Order: ") == "Order: 1 × (no name yet)"

    at.text_input(key="name").input("Ada").run()
    rerun_ok(at, stem)
    assert runs_shown(at) == 2
    assert line_starting(at, "Order: ") == "Order: 1 × Ada"

    at.number_input(key="quantity").set_value(3).run()
    rerun_ok(at, stem)
    assert runs_shown(at) == 3
    assert line_starting(at, "Order: ") == "Order: 3 × Ada"

    at.number_input(key="quantity").increment().run()
    rerun_ok(at, stem)
    assert runs_shown(at) == 4
    assert line_starting(at, "Order: ") == "Order: 4 × Ada"


def test_form_batch_input_widgets_belong_to_the_order_form():
    at = start("form_batch_input")
    assert at.text_input(key="name").proto.form_id == "order"
    assert at.number_input(key="quantity").proto.form_id == "order"
    assert at.button(key=FORM_SUBMIT).label == "Submit"


def test_form_batch_input_shows_submitted_values_after_submit():
    stem = "form_batch_input"
    at = start(stem)
    assert not any(t.startswith("Submitted:") for t in texts(at)), texts(at)

    at.text_input(key="name").input("Ada")
    at.number_input(key="quantity").set_value(3)
    at.button(key=FORM_SUBMIT).click().run()
    rerun_ok(at, stem)
    assert line_starting(at, "Submitted: ") == "Submitted: 3 × Ada"
    assert runs_shown(at) == 2

    # A second order replaces the first one.
    at.text_input(key="name").input("Bo")
    at.number_input(key="quantity").set_value(5)
    at.button(key=FORM_SUBMIT).click().run()
    rerun_ok(at, stem)
    assert line_starting(at, "Submitted: ") == "Submitted: 5 × Bo"


# --- Session state page ------------------------------------------------------


def test_session_state_plain_variable_resets_stays_at_one():
    stem = "session_state_plain_variable_resets"
    at = start(stem)
    assert count_shown(at) == "Count: 0"
    for expected_runs in (2, 3, 4):
        at.button(key="increment").click().run()
        rerun_ok(at, stem)
        assert count_shown(at) == "Count: 1"
        assert runs_shown(at) == expected_runs


def test_session_state_counter_increments_and_decrements():
    stem = "session_state_counter"
    at = start(stem)
    assert count_shown(at) == "Count: 0"
    for expected in (1, 2, 3):
        at.button(key="increment").click().run()
        rerun_ok(at, stem)
        assert count_shown(at) == f"Count: {expected}"
    at.button(key="decrement").click().run()
    rerun_ok(at, stem)
    assert count_shown(at) == "Count: 2"
    assert runs_shown(at) == 5


def test_session_state_counter_can_go_below_zero():
    stem = "session_state_counter"
    at = start(stem)
    at.button(key="decrement").click().run()
    rerun_ok(at, stem)
    assert count_shown(at) == "Count: -1"


# --- Callbacks page ----------------------------------------------------------


def test_callback_inline_button_stale_lags_one_behind():
    stem = "callback_inline_button_stale"
    at = start(stem)
    assert count_shown(at) == "Count: 0"

    at.button(key="add_one").click().run()
    rerun_ok(at, stem)
    # The click was counted, but the line above the button was written first.
    assert at.session_state["count"] == 1
    assert count_shown(at) == "Count: 0"

    at.button(key="add_one").click().run()
    rerun_ok(at, stem)
    assert count_shown(at) == "Count: 1"

    # Any later run without a click catches up.
    at.run()
    rerun_ok(at, stem)
    assert count_shown(at) == "Count: 2"
    assert runs_shown(at) == 4


def test_callback_on_click_current_is_up_to_date_right_after_click():
    stem = "callback_on_click_current"
    at = start(stem)
    assert count_shown(at) == "Count: 0"
    for expected in (1, 2, 3):
        at.button(key="add_one").click().run()
        rerun_ok(at, stem)
        assert count_shown(at) == f"Count: {expected}"
    assert runs_shown(at) == 4
    # A run without a click does not add anything.
    at.run()
    rerun_ok(at, stem)
    assert count_shown(at) == "Count: 3"


def test_callback_inline_button_stale_versus_callback_on_click_current():
    inline = start("callback_inline_button_stale")
    callback = start("callback_on_click_current")
    # Both put the count above the button.
    for at in (inline, callback):
        kinds = [node.type for node in at.main]
        assert kinds.index("markdown") < kinds.index("button"), kinds

    inline.button(key="add_one").click().run()
    callback.button(key="add_one").click().run()
    rerun_ok(inline, "callback_inline_button_stale")
    rerun_ok(callback, "callback_on_click_current")
    assert count_shown(inline) == "Count: 0"
    assert count_shown(callback) == "Count: 1"
