"""An administrator in a real browser: the control panel in Vietnamese, people by
name, a department renamed and retired from the page, and a plan's results
dashboard with dd/mm/yyyy dates, its explanation when empty and "Gửi nhắc"."""

from collective.thdtre.departments import get_department
from collective.thdtre.departments.api import department_folder
from datetime import date
from zope.globalrequest import getRequest

import pytest


pytestmark = pytest.mark.browser

NEW_TITLE = "Sở Khoa học và Công nghệ tỉnh Bắc Giang"


def test_administrator_renames_retires_and_reminds(
    department,
    make_plan,
    add_user,
    new_page,
    log_in,
    site_url,
    url_of,
    screenshot,
    server_error,
    sync,
):
    plan = make_plan(publish=False, report_deadline=date(2024, 7, 22))
    add_user("quan-tri", roles=("Member", "Site Administrator"), fullname="Trần Thị Hà")
    page = new_page()
    log_in(page, "quan-tri")

    response = page.goto(f"{site_url}/@@thdtre-settings")
    assert response.status == 200, server_error(response)
    save = page.locator("[name='form.buttons.save']")
    assert "Lưu" in (save.get_attribute("value") or "") + save.inner_text()
    row = page.locator("#thdtre-departments tbody tr").filter(
        has=page.locator("code", has_text=department["id"])
    )
    assert row.get_by_role("link", name="Nguyễn Văn Biên").count() == 1
    assert page.locator("#thdtre-indicators textarea").count() == 0

    # Rename: the title changes, the id stays.
    row.locator("summary").click()
    row.locator("input[name='title']").fill(NEW_TITLE)
    with page.expect_navigation():
        row.locator("details button[type='submit']").click()
    assert NEW_TITLE in page.locator(".portalMessage").first.inner_text()
    sync()
    assert department_folder(id=department["id"]).title == NEW_TITLE

    # Retire: the row says so and offers to reactivate.
    row = page.locator("#thdtre-departments tbody tr").filter(
        has=page.locator("code", has_text=department["id"])
    )
    with page.expect_navigation():
        row.get_by_role("button", name="Ngừng sử dụng").click()
    row = page.locator("#thdtre-departments tbody tr").filter(
        has=page.locator("code", has_text=department["id"])
    )
    assert row.get_by_role("button", name="Sử dụng lại").count() == 1
    screenshot(page, "admin-settings")
    sync()
    getRequest().other.pop("_plone_registry_cache", None)  # the test's own request
    assert get_department(id=department["id"])["retired"] is True

    # The dashboard of a plan that no unit implements yet.
    response = page.goto(f"{url_of(plan)}/@@thdtre-dashboard")
    assert response.status == 200, server_error(response)
    text = page.locator("#content").inner_text()
    assert "22/07/2024" in text
    assert "2024-07-22" not in text
    assert page.locator(".thdtre-empty").is_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi nhắc").click()
    assert (
        "không có đơn vị nào để nhắc"
        in page.locator(".portalMessage").first.inner_text()
    )
    screenshot(page, "admin-dashboard")
