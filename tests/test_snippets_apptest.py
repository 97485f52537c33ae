"""AppTest checks for the snippets embedded in the FAQ pages.

Each test runs the very file that the page shows and asserts what the page
says about it, reading the text a reader would see (captions and markdown).

AppTest is a headless stand-in for the browser, with two known gaps: up to
1.64 it applies a form's new values on the next run even without Submit (from
1.65.0 it holds them back, but drops them on a run without the submit, which
a browser doesn't), and it always reruns the whole script. So nothing here
claims that a form batches input; the real-browser tests cover that.
"""
from __future__ import annotations

from apptest_helpers import (
    drawn_before,
    has_line_starting,
    line,
    no_exception,
    script_runs,
    start,
    texts,
)
from streamlit.testing.v1 import AppTest

FORM_SUBMIT = "FormSubmitter:order-Submit"


def count_shown(at: AppTest) -> str:
    return line(at, "Count: ")


# --- Home page: rerun_model_counter -----------------------------------------


def test_rerun_model_counter_every_interaction_reruns_and_local_resets():
    at = start("rerun_model_counter")
    assert line(at, "Plain variable: ") == "Plain variable: 1"
    assert line(at, "Current values: ") == "Current values: size 5, label 'hello'"

    at.slider(key="size").set_value(8).run()
    no_exception(at)
    assert script_runs(at) == 2
    assert line(at, "Current values: ") == "Current values: size 8, label 'hello'"
    # The local variable started from scratch again.
    assert line(at, "Plain variable: ") == "Plain variable: 1"

    at.text_input(key="label").input("world").run()
    no_exception(at)
    assert script_runs(at) == 3
    # The slider kept its value (widget state survives by key).
    assert line(at, "Current values: ") == "Current values: size 8, label 'world'"
    assert line(at, "Plain variable: ") == "Plain variable: 1"


# --- Forms page: form_widgets_rerun_each_edit / form_batch_input ------------


def test_form_widgets_rerun_each_edit_reruns_on_every_edit():
    at = start("form_widgets_rerun_each_edit")
    # Outside any form.
    assert at.text_input(key="name").proto.form_id == ""
    assert at.number_input(key="quantity").proto.form_id == ""
    assert line(at, "Order: ") == "Order: 1 × (no name yet)"

    at.text_input(key="name").input("Ada").run()
    no_exception(at)
    assert script_runs(at) == 2
    assert line(at, "Order: ") == "Order: 1 × Ada"

    at.number_input(key="quantity").set_value(3).run()
    no_exception(at)
    assert script_runs(at) == 3
    assert line(at, "Order: ") == "Order: 3 × Ada"

    at.number_input(key="quantity").increment().run()
    no_exception(at)
    assert script_runs(at) == 4
    assert line(at, "Order: ") == "Order: 4 × Ada"


def test_form_batch_input_widgets_belong_to_the_order_form():
    at = start("form_batch_input")
    assert at.text_input(key="name").proto.form_id == "order"
    assert at.number_input(key="quantity").proto.form_id == "order"
    assert at.button(key=FORM_SUBMIT).label == "Submit"


def test_form_batch_input_shows_submitted_values_after_submit():
    at = start("form_batch_input")
    assert not has_line_starting(at, "Submitted:"), texts(at)

    at.text_input(key="name").input("Ada")
    at.number_input(key="quantity").set_value(3)
    at.button(key=FORM_SUBMIT).click().run()
    no_exception(at)
    assert line(at, "Submitted: ") == "Submitted: 3 × Ada"
    assert script_runs(at) == 2

    # A second order replaces the first one.
    at.text_input(key="name").input("Bo")
    at.number_input(key="quantity").set_value(5)
    at.button(key=FORM_SUBMIT).click().run()
    no_exception(at)
    assert line(at, "Submitted: ") == "Submitted: 5 × Bo"


# --- Session state page ------------------------------------------------------


def test_session_state_plain_variable_resets_stays_at_one():
    at = start("session_state_plain_variable_resets")
    assert count_shown(at) == "Count: 0"
    for expected_runs in (2, 3, 4):
        at.button(key="increment").click().run()
        no_exception(at)
        assert count_shown(at) == "Count: 1"
        assert script_runs(at) == expected_runs


def test_session_state_counter_increments_and_decrements():
    at = start("session_state_counter")
    assert count_shown(at) == "Count: 0"
    for expected in (1, 2, 3):
        at.button(key="increment").click().run()
        no_exception(at)
        assert count_shown(at) == f"Count: {expected}"
    at.button(key="decrement").click().run()
    no_exception(at)
    assert count_shown(at) == "Count: 2"
    assert script_runs(at) == 5
    # A new session (a reload, another tab) starts from scratch; this one keeps its count.
    fresh = start("session_state_counter")
    assert count_shown(fresh) == "Count: 0" and script_runs(fresh) == 1
    at.run()
    assert count_shown(at) == "Count: 2"


def test_session_state_counter_can_go_below_zero():
    at = start("session_state_counter")
    at.button(key="decrement").click().run()
    no_exception(at)
    assert count_shown(at) == "Count: -1"


# --- Callbacks page ----------------------------------------------------------


def test_callback_inline_button_stale_lags_one_behind():
    at = start("callback_inline_button_stale")
    assert count_shown(at) == "Count: 0"

    at.button(key="add_one").click().run()
    no_exception(at)
    # The click was counted, but the line above the button was written first.
    assert at.session_state["count"] == 1
    assert count_shown(at) == "Count: 0"

    at.button(key="add_one").click().run()
    no_exception(at)
    assert count_shown(at) == "Count: 1"

    # Any later run without a click catches up.
    at.run()
    no_exception(at)
    assert count_shown(at) == "Count: 2"
    assert script_runs(at) == 4


def test_callback_on_click_current_is_up_to_date_right_after_click():
    at = start("callback_on_click_current")
    assert count_shown(at) == "Count: 0"
    for expected in (1, 2, 3):
        at.button(key="add_one").click().run()
        no_exception(at)
        assert count_shown(at) == f"Count: {expected}"
    assert script_runs(at) == 4
    # A run without a click does not add anything.
    at.run()
    no_exception(at)
    assert count_shown(at) == "Count: 3"


def test_callback_inline_button_stale_versus_callback_on_click_current():
    inline = start("callback_inline_button_stale")
    callback = start("callback_on_click_current")
    # Both put the count above the button.
    for at in (inline, callback):
        assert drawn_before(at, "markdown", "button")

    inline.button(key="add_one").click().run()
    callback.button(key="add_one").click().run()
    no_exception(inline)
    no_exception(callback)
    assert count_shown(inline) == "Count: 0"
    assert count_shown(callback) == "Count: 1"
