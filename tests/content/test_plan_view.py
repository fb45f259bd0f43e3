"""A plan's page reads like the document: number, place and date, theme, slogans."""

from datetime import date
from lxml import html as lxml_html
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.testing.zope import Browser

import pytest
import re
import transaction


THEME = "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em"


@pytest.fixture
def site(functional_portal):
    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    return functional_portal


@pytest.fixture
def browser(functional_app):
    browser = Browser(functional_app)
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    return browser


def one(page, css_class):
    nodes = page.xpath(f'//*[contains(concat(" ", @class, " "), " {css_class} ")]')
    assert len(nodes) == 1, f"{len(nodes)} .{css_class}"
    return nodes[0]


def text(node):
    return " ".join(node.text_content().split())


def exists(page, css_class):
    return bool(page.xpath(f'//*[contains(concat(" ", @class, " "), " {css_class} ")]'))


@pytest.fixture
def plan(site):
    plan = api.content.create(
        container=site,
        type="Plan",
        id="kh-63",
        title="Tổ chức Tháng hành động vì trẻ em năm 2024",
        number=63,
        symbol="KH-KHCN",
        parent_body="UBND TỈNH BẮC GIANG",
        issuing_body="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        issue_place="Bắc Giang",
        issue_date=date(2024, 4, 17),
        theme=THEME,
        period_start=date(2024, 6, 1),
        period_end=date(2024, 6, 30),
        signing_authority="KT. GIÁM ĐỐC",
        signer_title="PHÓ GIÁM ĐỐC",
        signer_name="Triệu Ngọc Trung",
        recipients=["UBND tỉnh (b/c)", "Lưu: VT, VP."],
    )
    # created out of order: the page sorts them by position
    for position, title in (
        (3, "Khẩu hiệu ba"),
        (1, "Khẩu hiệu một"),
        (2, "Khẩu hiệu hai"),
    ):
        api.content.create(
            container=plan, type="Slogan", title=title, position=position
        )
    transaction.commit()
    return plan


@pytest.fixture
def draft(site):
    plan = api.content.create(
        container=site,
        type="Plan",
        id="du-thao",
        title="Dự thảo kế hoạch",
        symbol="KH-STP",
        issue_place="Thành phố",
        year=2022,
    )
    transaction.commit()
    return plan


def appendix_slogans(page) -> list[str]:
    """The numbered slogans of the plan's appendix (PHỤ LỤC)."""
    return [
        text(p)
        for p in one(page, "thdtre-appendix").xpath(
            ".//p[contains(@class, 'thdtre-l2')]"
        )
    ]


def test_issued_plan_page(plan, browser):
    browser.open(plan.absolute_url())
    page = lxml_html.fromstring(browser.contents)
    assert text(one(page, "thdtre-number")) == "Số: 63/KH-KHCN"
    assert text(one(page, "thdtre-place-date")) == "Bắc Giang, ngày 17 tháng 4 năm 2024"
    assert text(one(page, "thdtre-issuing-body")) == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert text(one(page, "thdtre-parent-body")) == "UBND TỈNH BẮC GIANG"
    assert text(one(page, "thdtre-summary")) == plan.title
    body = text(one(page, "thdtre-body"))
    assert f"1. Chủ đề: “{THEME}”." in body
    assert "2. Thời gian: Từ ngày 01/6/2024 đến ngày 30/6/2024." in body
    assert appendix_slogans(page) == [
        "1. Khẩu hiệu một",
        "2. Khẩu hiệu hai",
        "3. Khẩu hiệu ba",
    ]
    assert text(one(page, "thdtre-signer-name")) == "Triệu Ngọc Trung"
    assert not exists(page, "thdtre-draft-mark")


def test_slogan_order_follows_position_changes(plan, browser):
    slogans = {s.title: s for s in plan.contentValues()}
    slogans["Khẩu hiệu ba"].position = 0
    transaction.commit()
    browser.open(plan.absolute_url())
    page = lxml_html.fromstring(browser.contents)
    assert appendix_slogans(page) == [
        "1. Khẩu hiệu ba",
        "2. Khẩu hiệu một",
        "3. Khẩu hiệu hai",
    ]


def test_draft_page_keeps_the_blanks(draft, browser):
    browser.open(draft.absolute_url())
    page = lxml_html.fromstring(browser.contents)
    number = one(page, "thdtre-number").text_content()
    assert re.fullmatch(r"\s*Số:\s+/KH-STP\s*", number), number
    assert "None" not in number
    place_date = one(page, "thdtre-place-date").text_content().strip()
    assert re.fullmatch(r"Thành phố, ngày\s{2,}tháng\s{2,}năm 2022", place_date)
    assert text(one(page, "thdtre-draft-mark")) == "DRAFT"


def test_plan_without_a_date_is_still_a_draft(plan, browser):
    plan.issue_date = None
    transaction.commit()
    browser.open(plan.absolute_url())
    page = lxml_html.fromstring(browser.contents)
    assert exists(page, "thdtre-draft-mark")
