"""Dates with a time, on a Vietnamese site: shown and typed as 17/04/2024 08:30.

Plone's own screens draw them with the browser's conventions: folder contents
wrote "08:30:00 17 thg 4, 2024", and the publishing date of a News Item was a
native box asking an English browser for 04/17/2024 08:30 AM. The site's clock
is Asia/Ho_Chi_Minh, the server's UTC: what is typed is Vietnam's time.
"""

from DateTime import DateTime
from playwright.sync_api import expect
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from zoneinfo import ZoneInfo

import pytest
import re
import transaction


pytestmark = pytest.mark.browser

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
TITLE = "Sở Khoa học và Công nghệ phát động Tháng hành động vì trẻ em năm 2024"
DAY_MONTH_YEAR = re.compile(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}")


def _in_vietnam(value: DateTime) -> str:
    return value.asdatetime().astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M")


@pytest.fixture
def news_folder(site, add_user):
    """The site on Vietnam's clock, its news folder and a web editor of it."""
    api.portal.set_registry_record("plone.portal_timezone", "Asia/Ho_Chi_Minh")
    add_user("bien-tap", fullname="Trần Thị Tin")
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        folder = api.content.create(
            container=site, type="Folder", id="tin-tuc", title="Tin tức"
        )
        api.user.grant_roles(
            username="bien-tap", obj=folder, roles=["Contributor", "Editor"]
        )
    transaction.commit()
    return {"folder": folder, "editor": "bien-tap"}


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


def test_folder_contents_shows_day_month_year(
    department, make_plan, new_page, log_in, url_of, server_error, screenshot
):
    plan = make_plan(publish=True)
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        plan.setEffectiveDate(DateTime("2024/04/17 08:30 GMT+7"))
        plan.reindexObject()
    transaction.commit()
    # An English browser in Vietnam: the page's language decides, not the browser's.
    page = new_page(locale="en-US", timezone_id="Asia/Ho_Chi_Minh")
    log_in(page, department["editor"])
    response = page.goto(f"{url_of(department['folder'])}/folder_contents")
    assert response.status == 200, server_error(response)
    row = page.locator(".pat-structure table tbody tr.itemRow", has_text=plan.title)
    expect(row.locator("td.ModificationDate")).to_have_text(
        _in_vietnam(plan.modified())
    )
    expect(row.locator("td.EffectiveDate")).to_have_text("17/04/2024 08:30")
    # Plone's byline: "bởi <author>", not "by".
    assert page.locator(".label-by-author").inner_text().split()[0] == "bởi"
    table = page.locator(".pat-structure table tbody")
    assert "thg" not in table.inner_text()
    for cell in table.locator("td.ModificationDate").all():
        assert DAY_MONTH_YEAR.fullmatch(cell.inner_text().strip())
    # The state in Vietnamese, not its id, on the first visit already (Plone's
    # script translates it only from the second page on).
    expect(row.locator("td.review_state")).to_have_text(
        re.compile("phát hành", re.IGNORECASE)
    )
    screenshot(page, "folder-contents-dates")


def test_editor_types_publishing_date_as_day_month_year_and_time(
    news_folder, sync, new_page, log_in, url_of, server_error
):
    page = new_page(locale="en-US")  # the native box would ask for 04/17/2024 AM
    log_in(page, news_folder["editor"])
    response = page.goto(f"{url_of(news_folder['folder'])}/++add++News Item")
    assert response.status == 200, server_error(response)
    form = page.locator("form#form")
    form.locator("[name='form.widgets.IDublinCore.title']").fill(TITLE)
    effective = _field(page, "IDublinCore.effective")
    assert effective.get_attribute("placeholder") == "dd/mm/yyyy HH:MM"
    assert "17/04/2024 08:30" in effective.get_attribute("title")  # the hint
    # 31 June does not exist: refused with a Vietnamese message, nothing saved.
    effective.press_sequentially("31/06/2024 10:00")
    with page.expect_navigation():
        form.locator("[name='form.buttons.save']").click()
    error = page.locator(
        "#formfield-form-widgets-IDublinCore-effective .invalid-feedback"
    )
    assert error.inner_text().strip() == (
        "Nhập ngày giờ theo dạng dd/mm/yyyy HH:MM, ví dụ 17/04/2024 08:30."
    )
    sync()
    assert not api.content.find(portal_type="News Item", Title=TITLE, unrestricted=True)

    effective = _field(page, "IDublinCore.effective")
    assert effective.input_value() == "31/06/2024 10:00"  # kept to be corrected
    effective.fill("")
    effective.press_sequentially("17/04/2024 08:30")
    _field(page, "IDublinCore.expires").press_sequentially("30/06/2024 17:00")
    with page.expect_navigation():
        page.locator("form#form [name='form.buttons.save']").click()
    sync()
    [brain] = api.content.find(portal_type="News Item", Title=TITLE, unrestricted=True)
    news = brain._unrestrictedGetObject()
    # 08:30 in Vietnam (01:30 UTC), not 08:30 on the server's UTC clock.
    assert news.effective_date.equalTo(DateTime("2024/04/17 08:30 GMT+7"))
    assert news.expiration_date.equalTo(DateTime("2024/06/30 17:00 GMT+7"))

    # The edit form shows them the same way, on Vietnam's clock.
    response = page.goto(f"{url_of(news)}/edit")
    assert response.status == 200, server_error(response)
    assert _field(page, "IDublinCore.effective").input_value() == "17/04/2024 08:30"
    assert _field(page, "IDublinCore.expires").input_value() == "30/06/2024 17:00"
