"""Dates are typed and shown as dd/mm/yyyy on the Vietnamese site, whatever the
language of the editor's browser (the native date input follows the browser)."""

from datetime import date
from plone import api

import pytest


pytestmark = pytest.mark.browser

TITLE = "Kế hoạch tổ chức Tháng hành động vì trẻ em năm 2024"


def _field(page, name):
    """The input of a field, its tab of the form opened first."""
    field = page.locator(f"form#form [name='form.widgets.{name}']")
    legend = field.evaluate(
        "el => el.closest('fieldset')?.querySelector('legend')?.textContent"
    )
    if legend:
        page.locator("nav.autotoc-nav a", has_text=legend.strip()).first.click()
    field.wait_for()
    return field


def test_editor_types_dates_as_day_month_year(
    department, sync, new_page, log_in, url_of, screenshot, server_error
):
    # An English browser: the native date input would ask for mm/dd/yyyy here.
    page = new_page(locale="en-US")
    log_in(page, department["editor"])
    response = page.goto(f"{url_of(department['folder'])}/++add++Plan")
    assert response.status == 200, server_error(response)
    form = page.locator("form#form")
    form.locator("[name='form.widgets.title']").fill(TITLE)
    issued = form.locator("[name='form.widgets.issue_date']")
    assert issued.get_attribute("placeholder") == "dd/mm/yyyy"
    assert "17/04/2024" in issued.get_attribute("title")  # the Vietnamese hint
    issued.press_sequentially("17/04/2024")
    start = _field(page, "period_start")
    start.press_sequentially("1/6/2024")  # a day and month without the zero
    # A day that does not exist: refused with a message, nothing saved.
    _field(page, "period_end").press_sequentially("31/06/2024")
    with page.expect_navigation():
        form.locator("[name='form.buttons.save']").click()
    error = page.locator("#formfield-form-widgets-period_end .invalid-feedback")
    assert error.inner_text().strip() == (
        "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 17/04/2024."
    )
    sync()
    assert not api.content.find(portal_type="Plan", Title=TITLE, unrestricted=True)

    # The form keeps what was typed; the end day corrected, the plan is saved.
    form = page.locator("form#form")
    assert form.locator("[name='form.widgets.issue_date']").input_value() == (
        "17/04/2024"
    )
    end = _field(page, "period_end")
    end.fill("")
    end.press_sequentially("30/06/2024")
    with page.expect_navigation():
        form.locator("[name='form.buttons.save']").click()
    sync()
    [brain] = api.content.find(portal_type="Plan", Title=TITLE, unrestricted=True)
    plan = brain._unrestrictedGetObject()
    assert plan.issue_date == date(2024, 4, 17)
    assert plan.period_start == date(2024, 6, 1)
    assert plan.period_end == date(2024, 6, 30)

    # The edit form shows the stored dates the same way.
    response = page.goto(f"{url_of(plan)}/edit")
    assert response.status == 200, server_error(response)
    form = page.locator("form#form")
    assert form.locator("[name='form.widgets.issue_date']").input_value() == (
        "17/04/2024"
    )
    assert _field(page, "period_start").input_value() == ("01/06/2024")
    screenshot(page, "plan-edit-dates")
