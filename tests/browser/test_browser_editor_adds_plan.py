"""A department editor logs in, adds a plan through the add form, finds it listed."""

from plone import api

import pytest
import re


pytestmark = pytest.mark.browser

TITLE = "Tổ chức Tháng hành động vì trẻ em năm 2025"


def test_editor_adds_a_plan_and_finds_it_in_the_archive(
    department,
    make_plan,
    sync,
    new_page,
    log_in,
    url_of,
    site_url,
    screenshot,
    server_error,
):
    make_plan(publish=True)  # last year's plan, already in the archive
    page = new_page()
    log_in(page, department["editor"])

    response = page.goto(f"{url_of(department['folder'])}/++add++Plan")
    assert response.status == 200, server_error(response)
    form = page.locator("form#form")
    form.locator("[name='form.widgets.title']").fill(TITLE)
    form.locator("[name='form.widgets.issuing_body']").fill("SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    form.locator("[name='form.widgets.issue_place']").fill("Bắc Giang")
    form.locator("[name='form.widgets.year']").fill("2025")
    with page.expect_navigation():
        form.locator("[name='form.buttons.save']").click()

    # Saved: the new plan's own page, a draft without a number yet.
    assert page.locator(".portalMessage.error, .alert-danger").count() == 0, (
        page.locator("#content").inner_text()
    )
    assert "++add++" not in page.url
    document = page.locator("article.thdtre-document")
    assert TITLE in document.locator("h1").inner_text()
    # A draft keeps the blanks for the number and the day, as paper drafts do.
    assert re.match(r"Số: {3,}/", document.locator(".thdtre-number").inner_text())
    place_date = document.locator(".thdtre-place-date").inner_text()
    assert re.fullmatch(r"Bắc Giang, ngày {2,}tháng {2,}năm 2025", place_date)
    assert document.locator(".thdtre-draft-mark").inner_text() == "DỰ THẢO"
    screenshot(page, "plan-draft")

    sync()
    plans = api.content.find(portal_type="Plan", Title=TITLE, unrestricted=True)
    assert len(plans) == 1
    plan = plans[0]._unrestrictedGetObject()
    assert plan.Creator() == department["editor"]
    assert api.content.get_state(obj=plan) == "draft"

    response = page.goto(f"{site_url}/@@thdtre-plans")
    assert response.status == 200, server_error(response)
    screenshot(page, "archive")
    archive = page.locator(".thdtre-archive")
    link = archive.get_by_role("link", name=TITLE)
    assert link.count() == 1
    assert link.get_attribute("href") == url_of(plan)
    years = archive.locator("section.thdtre-year h2").all_inner_texts()
    assert years == ["2025", "2024"]
    # Editors see the state of each plan.
    assert archive.locator(".badge").count() == 2
