"""An anonymous visitor reads a published plan laid out as the official document."""

from plone import api

import pytest
import re


pytestmark = pytest.mark.browser


def test_anonymous_visitor_sees_the_official_layout(
    make_plan, new_page, url_of, screenshot, server_error
):
    plan = make_plan(publish=True)
    assert api.content.get_state(obj=plan) == "published"
    assert plan.number == 63  # approval keeps the number given

    page = new_page()
    response = page.goto(url_of(plan))
    assert response.status == 200, server_error(response)
    screenshot(page, "plan")

    document = page.locator("article.thdtre-document")
    issuer = document.locator(".thdtre-issuer")
    motto = document.locator(".thdtre-motto")

    def text(locator, selector):
        return locator.locator(selector).inner_text()

    assert text(issuer, ".thdtre-parent-body") == "UBND TỈNH BẮC GIANG"
    assert text(issuer, ".thdtre-issuing-body") == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert text(issuer, ".thdtre-number") == "Số: 63/KH-KHCN"
    assert text(motto, ".thdtre-motto-1") == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert text(motto, ".thdtre-motto-2") == "Độc lập - Tự do - Hạnh phúc"

    place_date = motto.locator(".thdtre-place-date")
    assert place_date.inner_text() == "Bắc Giang, ngày 17 tháng 4 năm 2024"
    assert place_date.evaluate("el => getComputedStyle(el).fontStyle") == "italic"

    # The issuer sits top left and the motto top right, on one row.
    issuer_box, motto_box = issuer.bounding_box(), motto.bounding_box()
    assert issuer_box["x"] + issuer_box["width"] <= motto_box["x"] + 1
    assert abs(issuer_box["y"] - motto_box["y"]) < 5

    heading = document.locator("h1")
    assert text(heading, ".thdtre-doctype") == "KẾ HOẠCH"
    assert text(heading, ".thdtre-summary") == (
        "Tổ chức Tháng hành động vì trẻ em năm 2024"
    )
    assert page.locator("h1").count() == 1
    assert document.locator(".thdtre-draft-mark").count() == 0

    # The slogans are the document's appendix, which names the plan.
    appendix = document.locator(".thdtre-appendix").inner_text()
    assert "(Kèm theo Kế hoạch số 63/KH-KHCN ngày 17/4/2024" in appendix
    assert "1. Trẻ em hôm nay, thế giới ngày mai" in appendix

    # The activity with units, dates and progress is its own block after the text.
    assert document.locator(".thdtre-activity-table").count() == 0
    rows = page.locator(".thdtre-activity-table tbody tr")
    assert rows.count() == 1
    cells = [
        re.sub(r"\s+", " ", c).strip()
        for c in rows.first.locator("td").all_inner_texts()
    ]
    assert cells[1:] == [
        "Thăm, tặng quà con cán bộ có hoàn cảnh khó khăn",
        "Công đoàn Sở",
        "Văn phòng Sở, Đoàn Thanh niên Sở",
        "01/6/2024 – 05/6/2024",
        "Chưa triển khai",
    ]
    headers = page.locator(".thdtre-activity-table th[scope=col]")
    assert headers.count() == 6

    signature = document.locator(".thdtre-signature")
    assert [line for line in signature.inner_text().split("\n") if line] == [
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Triệu Ngọc Trung",
    ]
    recipients = document.locator(".thdtre-recipients")
    assert text(recipients, ".thdtre-recipients-label") == "Nơi nhận:"
    assert recipients.locator("li").all_inner_texts() == [
        "- UBND tỉnh (b/c);",
        "- Sở Lao động, Thương binh và Xã hội;",
        "- Lưu: VT, VP.",
    ]
    # Recipients bottom left, signature bottom right, below the body and above
    # the activity list.
    body = document.locator(".thdtre-body")
    assert recipients.bounding_box()["x"] < signature.bounding_box()["x"]
    assert signature.bounding_box()["y"] > body.bounding_box()["y"]
    assert signature.bounding_box()["y"] < rows.first.bounding_box()["y"]

    # Plone's theme is on (localhost, not 127.0.0.1) and so is our stylesheet.
    assert (
        page.locator("link[rel=stylesheet][href*='++theme++barceloneta']").count() == 1
    )
    assert (
        page.locator(
            "link[rel=stylesheet][href*='collective.thdtre/document.css']"
        ).count()
        == 1
    )


def test_anonymous_visitor_cannot_open_a_draft(make_plan, new_page, url_of):
    draft = make_plan(
        publish=False,
        title="Dự thảo kế hoạch chưa ban hành",
        number=None,
        issue_date=None,
    )
    assert api.content.get_state(obj=draft) == "draft"

    page = new_page()
    response = page.goto(url_of(draft))
    assert "Dự thảo kế hoạch chưa ban hành" not in page.locator("body").inner_text()
    assert (
        response.status in (401, 403)
        or "login" in page.url
        or page.locator("#__ac_login").count() == 1
    ), f"an anonymous visitor got {response.status} at {page.url}"


def test_plan_reads_in_one_column_on_a_phone(make_plan, new_page, url_of, screenshot):
    plan = make_plan(publish=True)
    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    page.goto(url_of(plan))
    screenshot(page, "plan-phone")

    document = page.locator("article.thdtre-document")
    issuer = document.locator(".thdtre-issuer").bounding_box()
    motto = document.locator(".thdtre-motto").bounding_box()
    assert motto["y"] >= issuer["y"] + issuer["height"] - 1  # motto below issuer
    # Nothing wider than the screen: no sideways scrolling to read the plan.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
