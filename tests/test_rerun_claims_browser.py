"""The FAQ's claims about reruns, checked in real Streamlit through Chromium.

Each test serves a snippet with ``streamlit run`` (see ``streamlit_server.py``),
drives it the way a reader would (type, press Enter, click away, click) and
reads what the reader sees (see ``streamlit_page.py``): the caption
``Script runs this session: N`` and the lines the script writes. Each test's
docstring quotes the claim it proves.

Sections: plain widgets; forms; what a field shows after a run that stopped
early (inline apps from claim_scripts.py, served the same way: there the
browser and the script disagree, which AppTest cannot see). Claims AppTest
can show as well (session
state counters, callbacks that run before the script) are proven there, in
test_snippets_apptest.py, on the same snippets.
"""
from __future__ import annotations

import pytest
from packaging.version import Version
from playwright.sync_api import expect

from claim_scripts import RERUN_BETWEEN, STOP_BEFORE_WIDGET
from streamlit_page import (
    SCRIPT_RUNS,
    commit_edit,
    expect_counter,
    expect_run,
    open_snippet,
    output,
)

pytestmark = pytest.mark.browser

# --------------------------------------------------------------------------
# Plain widgets: every committed edit reruns the whole script
# --------------------------------------------------------------------------


def test_every_committed_edit_reruns_the_whole_script(streamlit_app, page):
    """Claim (rerun_model_counter.py): "the whole script, top to bottom, on every
    interaction. Move the slider or edit the text (press Enter or click away),
    then watch the two numbers below: one keeps growing, the other never gets
    past 1."
    """
    log = open_snippet(page, streamlit_app("rerun_model_counter"))
    expect(output(page, "Plain variable")).to_have_text("Plain variable: 1")

    slider = page.get_by_role("slider")
    slider.focus()
    slider.press("ArrowRight")  # one step: 5 -> 6
    expect_run(page, 2)
    expect(output(page, "Current values")).to_have_text("Current values: size 6, label 'hello'")

    label = page.get_by_role("textbox", name="Label")
    commit_edit(page, label, "world", run=3)
    expect(output(page, "Current values")).to_have_text("Current values: size 6, label 'world'")

    commit_edit(page, label, "away", run=4, enter=False)  # clicking away commits too
    expect(output(page, "Current values")).to_have_text("Current values: size 6, label 'away'")

    # The session counter grew by one per edit; the plain variable did not.
    expect(output(page, "Plain variable")).to_have_text("Plain variable: 1")
    assert log.count() == 4, "expected one rerun request per committed edit"
    expect_counter(page, SCRIPT_RUNS, 4)

    # Dragging the slider: the thumb follows the mouse, and the app reruns
    # once, when the mouse lets go, with the value it was let go at.
    track = page.get_by_test_id("stSliderTickBar").bounding_box()  # spans 1 .. 10
    thumb = page.get_by_test_id("stSliderThumbValue").locator("..").bounding_box()
    y = thumb["y"] + thumb["height"] / 2
    page.mouse.move(thumb["x"] + thumb["width"] / 2, y)
    page.mouse.down()
    for value in ("7", "8", "9"):
        page.mouse.move(track["x"] + track["width"] * (int(value) - 1) / 9, y, steps=4)
        expect(slider).to_have_value(value)
    expect_counter(page, SCRIPT_RUNS, 4)  # the thumb moved; the app is still on run 4
    page.mouse.up()
    expect_run(page, 5)
    expect(output(page, "Current values")).to_have_text("Current values: size 9, label 'away'")
    assert log.count() == 5, "a drag should send one rerun request, on release"


def test_inputs_outside_a_form_rerun_on_each_edit(streamlit_app, page):
    """Claim (form_widgets_rerun_each_edit.py): "Each committed edit (press
    Enter, click away, or use the +/- buttons) reruns the whole script, which
    you can see in the run counter."
    """
    log = open_snippet(page, streamlit_app("form_widgets_rerun_each_edit"))
    expect(output(page, "Order")).to_have_text("Order: 1 × (no name yet)")

    commit_edit(page, page.get_by_role("textbox", name="Name"), "Ada", run=2)
    expect(output(page, "Order")).to_have_text("Order: 1 × Ada")

    page.get_by_test_id("stNumberInputStepUp").click()  # the + button
    expect_run(page, 3)
    expect(output(page, "Order")).to_have_text("Order: 2 × Ada")

    commit_edit(page, page.get_by_role("spinbutton", name="Quantity"), "5", run=4, enter=False)
    expect(output(page, "Order")).to_have_text("Order: 5 × Ada")

    assert log.count() == 4, "expected exactly one rerun request per committed edit"
    expect_counter(page, SCRIPT_RUNS, 4)


# --------------------------------------------------------------------------
# Forms: edits stay in the browser until the form is submitted
# --------------------------------------------------------------------------


def test_form_edits_do_not_rerun_until_submit(streamlit_app, page):
    """Claim (form_batch_input.py): "Edits inside the form stay in the browser;
    nothing reruns until you press Submit, and then the script runs once with
    all the new values together."
    """
    log = open_snippet(page, streamlit_app("form_batch_input"))
    expect(output(page, "Fill in")).to_have_text("Fill in the order, then press Submit.")

    name = page.get_by_role("textbox", name="Name")
    name.fill("Ada")
    name.blur()  # outside a form, this alone would rerun
    page.get_by_test_id("stNumberInputStepUp").click()  # 1 -> 2
    page.get_by_test_id("stNumberInputStepUp").click()  # 2 -> 3
    quantity = page.get_by_role("spinbutton", name="Quantity")
    expect(quantity).to_have_value("3")  # the edits happened, in the browser
    expect(name).to_have_value("Ada")

    # Nothing was sent for them, and the page still shows the first run.
    assert log.count() == 1, "a form edit asked the server for a rerun"
    expect_counter(page, SCRIPT_RUNS, 1)
    expect(output(page, "Fill in")).to_have_text("Fill in the order, then press Submit.")

    page.get_by_role("button", name="Submit").click()
    expect_run(page, 2)
    expect(output(page, "Submitted")).to_have_text("Submitted: 3 × Ada")
    # Every message sent before Submit's is in the log by now: exactly one
    # request since the first run, and it is Submit's, with both values in it.
    assert log.count() == 2
    assert log.triggers(1) == ["Submit"]


def test_enter_in_a_form_field_submits_the_form(streamlit_app, page):
    """Claim: inside a form, pressing Enter in a field does not give one rerun
    per field: it submits the whole form, once (``enter_to_submit`` is on by
    default), just like pressing Submit.
    """
    log = open_snippet(page, streamlit_app("form_batch_input"))

    page.get_by_role("textbox", name="Name").fill("Bob")
    quantity = page.get_by_role("spinbutton", name="Quantity")
    quantity.fill("7")
    assert log.count() == 1  # typing alone sends nothing
    quantity.press("Enter")
    expect_run(page, 2)
    expect(output(page, "Submitted")).to_have_text("Submitted: 7 × Bob")
    assert log.count() == 2
    assert log.triggers(1) == ["Submit"]


# --------------------------------------------------------------------------
# A run that stopped early: what the field shows, what the script reads
# --------------------------------------------------------------------------

SCRIPT_READS = "The script reads"


def test_a_field_drawn_again_after_st_stop_is_empty_and_the_next_click_empties_the_value(
    streamlit_app, page
):
    """Claim (widget-state-lost.md#how-it-works): a run ended by st.stop()
    keeps the value, but the field drawn again later shows its default; that
    run still reads the kept value, and the next interaction replaces it with
    what the field shows.
    """
    open_snippet(page, streamlit_app.source("stop_before_widget", STOP_BEFORE_WIDGET))
    name = page.get_by_role("textbox", name="Name")
    commit_edit(page, name, "Ada", run=2)
    expect(output(page, SCRIPT_READS)).to_have_text("The script reads: 'Ada'")

    stop = page.get_by_text("Stop early")
    stop.click()  # this run ends at st.stop(), before the field
    expect_run(page, 3)
    expect(name).to_have_count(0)
    stop.click()  # the next run draws it again
    expect_run(page, 4)
    expect(name).to_have_value("")
    expect(output(page, SCRIPT_READS)).to_have_text("The script reads: 'Ada'")

    page.get_by_role("button", name="Next click").click()
    expect_run(page, 5)
    expect(name).to_have_value("")
    expect(output(page, SCRIPT_READS)).to_have_text("The script reads: ''")


def test_a_field_after_st_rerun_keeps_its_text_while_the_script_reads_the_default(
    streamlit_app, page
):
    """Claim (st-rerun.md#what-it-does): up to Streamlit 1.63, in the run
    st.rerun() starts, a field placed after the call still shows its text but
    the script reads the default; the next interaction sends the text again.
    From 1.64.0 the script reads the text in that run too.
    """
    log = open_snippet(page, streamlit_app.source("rerun_between", RERUN_BETWEEN))
    city = page.get_by_role("textbox", name="City")
    name = page.get_by_role("textbox", name="Name")
    commit_edit(page, city, "Oslo", run=2)
    commit_edit(page, name, "Ada", run=3)

    page.get_by_role("button", name="Rerun").click()
    expect_run(page, 5)  # the click's run, then the one st.rerun() started
    assert log.count() == 4, "st.rerun() should rerun on the server, with no request"
    expect(city).to_have_value("Oslo")
    expect(name).to_have_value("Ada")  # the browser still shows the text
    kept = Version(streamlit_app.version) >= Version("1.64.0")
    expect(output(page, SCRIPT_READS)).to_have_text(
        "The script reads: 'Ada'" if kept else "The script reads: ''"
    )

    page.get_by_role("button", name="Next click").click()
    expect_run(page, 6)
    expect(name).to_have_value("Ada")
    expect(output(page, SCRIPT_READS)).to_have_text("The script reads: 'Ada'")
