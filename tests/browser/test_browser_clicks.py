"""An editor's time: a plan like 63/KH-KHCN (12 slogans, 4 activities) from the
department's folder to "submitted for approval", counting every click.

Typing into a field is not a click; a click, a check, a choice in a list and a
press of Enter each count one. The add form starts from the department (issuing
body, parent body, place, symbol); the plan's slogans and activities go into one
form of rows. Screenshots of the rows form and the import preview, desktop and
phone, go to tests/artifacts/.
"""

from datetime import date
from pathlib import Path
from plone import api

import pytest


pytestmark = pytest.mark.browser

GOAL = 20
SEED = Path(__file__).parents[1] / "fixtures" / "003_c6cfd6b9ad409e01.txt"
PLAN = {
    "title": "Tổ chức Tháng hành động vì trẻ em năm 2024",
    "issuing_body": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "parent_body": "UBND TỈNH BẮC GIANG",
    "theme": "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em",
    "legal_basis": "Thực hiện Kế hoạch số 26/KH-UBND của UBND tỉnh Bắc Giang.",
    "purpose": "Cán bộ, công chức hiểu và thực hiện đúng quyền trẻ em.",
}
PHONE = {"width": 390, "height": 844}
VIEWPORT = {"width": 1280, "height": 900}  # conftest's
# Twelve slogans and four activities in our own words (the facts of plan 63:
# how many, which units, which days).
SLOGANS = [
    "Trẻ em được bảo vệ, gia đình yên vui",
    "Chung tay vì một tuổi thơ an toàn",
    "Lắng nghe tiếng nói của trẻ em",
    "Mỗi gia đình là một mái ấm cho trẻ",
    "Không để trẻ em nào bị bỏ lại phía sau",
    "Vui chơi an toàn, học tập hăng say",
    "Phòng, chống bạo lực trẻ em là việc của mọi người",
    "Nước sạch, bữa ăn đủ chất cho trẻ",
    "Ưu tiên nguồn lực cho trẻ em hôm nay",
    "Bơi an toàn, phòng tránh đuối nước",
    "Trẻ em dùng mạng an toàn, lành mạnh",
    "Vì trẻ em, hãy hành động ngay",
]
ACTIVITIES = [
    (
        "Truyền thông về quyền trẻ em trên trang tin của Sở",
        "Văn phòng Sở",
        "Trung tâm Thông tin và Ứng dụng",
        date(2024, 6, 1),
        date(2024, 6, 30),
    ),
    (
        "Thăm, tặng quà con cán bộ có hoàn cảnh khó khăn",
        "Công đoàn Sở",
        "Văn phòng Sở; Đoàn Thanh niên Sở",
        date(2024, 6, 1),
        date(2024, 6, 5),
    ),
    (
        "Treo khẩu hiệu, băng rôn tại trụ sở",
        "Văn phòng Sở",
        "",
        date(2024, 5, 28),
        date(2024, 6, 1),
    ),
    (
        "Báo cáo kết quả tháng hành động",
        "Văn phòng Sở",
        "Các phòng, đơn vị",
        date(2024, 7, 5),
        None,
    ),
]


class Clicks:
    """Every click, check, choice and Enter goes through here and is counted."""

    def __init__(self, page):
        self.page, self.count, self.log = page, 0, []

    def click(self, locator, *, navigates=False):
        self.count += 1
        self.log.append(str(locator))
        if navigates:
            with self.page.expect_navigation():
                locator.click()
        else:
            locator.click()


def dmy(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def no_overflow(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= window.innerWidth + 1"
    )


def test_editor_submits_plan_63_in_few_clicks(
    department, new_page, log_in, url_of, sync, screenshot, server_error
):
    page = new_page()
    log_in(page, department["editor"])
    response = page.goto(url_of(department["folder"]))
    assert response.status == 200, server_error(response)
    clicks = Clicks(page)

    # The department's add form, from the toolbar's "Add new" menu.
    clicks.click(page.locator("#plone-contentmenu-factories > a"))
    clicks.click(page.locator("#plone-contentmenu-factories a#plan"), navigates=True)
    form = page.locator("form#form")
    # Preset from the department: nothing to type in the header.
    assert (
        form.locator("[name='form.widgets.issuing_body']").input_value()
        == (PLAN["issuing_body"])
    )
    assert form.locator("[name='form.widgets.issue_place']").input_value() == (
        "Bắc Giang"
    )
    assert form.locator("[name='form.widgets.symbol']").input_value() == "KH-KHCN"
    form.locator("[name='form.widgets.title']").fill(PLAN["title"])
    form.locator("[name='form.widgets.year']").fill("2024")
    clicks.click(page.locator("#autotoc-item-autotoc-1"))  # the Contents tab
    form.locator("[name='form.widgets.theme']").fill(PLAN["theme"])
    form.locator("[name='form.widgets.period_start']").fill("2024-06-01")
    form.locator("[name='form.widgets.period_end']").fill("2024-06-30")
    form.locator("[name='form.widgets.legal_basis']").fill(PLAN["legal_basis"])
    form.locator("[name='form.widgets.purpose']").fill(PLAN["purpose"])
    clicks.click(form.locator("[name='form.buttons.save']"), navigates=True)
    assert "++add++" not in page.url, page.locator("#content").inner_text()

    # All slogans and activities in one form.
    clicks.click(
        page.locator(".thdtre-editor-actions a[href$='@@thdtre-add-rows']"),
        navigates=True,
    )
    for index, text in enumerate(SLOGANS, start=1):
        page.fill(f"#slogan-{index}", text)
    for index, (title, lead, units, start, end) in enumerate(ACTIVITIES, start=1):
        page.fill(f"#activity-{index}-title", title)
        page.fill(f"#activity-{index}-lead_unit", lead)
        page.fill(f"#activity-{index}-coordinating_units", units)
        page.fill(f"#activity-{index}-start", dmy(start))
        page.fill(f"#activity-{index}-end", dmy(end))
    screenshot(page, "rows-form-desktop")
    assert no_overflow(page)
    page.set_viewport_size(PHONE)
    screenshot(page, "rows-form-phone")
    assert no_overflow(page)
    page.set_viewport_size(VIEWPORT)
    assert no_overflow(page)
    clicks.click(
        page.locator("form.thdtre-rows button.btn-primary[name='form.buttons.save']"),
        navigates=True,
    )
    assert page.locator(".portalMessage.error, .alert-danger").count() == 0, (
        page.locator("#content").inner_text()
    )

    # Submit for approval from the state menu.
    clicks.click(page.locator("#plone-contentmenu-workflow > a"))
    clicks.click(page.locator("#workflow-transition-submit"), navigates=True)

    print(
        f"\nclicks to create and submit plan 63 with 12 slogans and 4 activities: "
        f"{clicks.count}"
    )
    assert clicks.count <= GOAL, clicks.log

    sync()
    (brain,) = api.content.find(
        portal_type="Plan", Title=PLAN["title"], unrestricted=True
    )
    plan = brain._unrestrictedGetObject()
    assert api.content.get_state(obj=plan) == "pending"
    assert plan.department == department["id"]
    assert (plan.issuing_body, plan.parent_body, plan.symbol, plan.issue_place) == (
        PLAN["issuing_body"],
        PLAN["parent_body"],
        "KH-KHCN",
        "Bắc Giang",
    )
    assert (plan.period_start, plan.period_end, plan.year) == (
        date(2024, 6, 1),
        date(2024, 6, 30),
        2024,
    )
    assert plan.theme == PLAN["theme"]
    slogans = sorted(
        (o for o in plan.objectValues() if o.portal_type == "Slogan"),
        key=lambda s: s.position,
    )
    assert [s.title for s in slogans] == SLOGANS
    activities = [o for o in plan.objectValues() if o.portal_type == "Activity"]
    assert sorted(
        (a.title, a.lead_unit, a.coordinating_units, a.start, a.end) for a in activities
    ) == sorted(
        (t, lead, [u.strip() for u in units.split(";") if u.strip()], s, e)
        for t, lead, units, s, e in ACTIVITIES
    )
    assert {api.content.get_state(obj=o) for o in slogans + activities} == {"pending"}

    # The import preview, on a desktop and on a phone: no sideways scrolling.
    page.goto(f"{url_of(department['folder'])}/@@thdtre-import")
    page.set_input_files(
        "[name='form.widgets.document']",
        files=[
            {"name": "kh-63.txt", "mimeType": "text/plain", "buffer": SEED.read_bytes()}
        ],
    )
    with page.expect_navigation():
        page.locator("[name='form.buttons.preview']").click()
    assert page.locator(".thdtre-import-preview").count() == 1
    for name, viewport in (("desktop", VIEWPORT), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        screenshot(page, f"import-preview-{name}")
        assert no_overflow(page), name
