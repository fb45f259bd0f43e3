"""The classic add forms: each type is added with its fields, and invalid input is
refused with the right message and nothing created."""

from collective.thdtre.departments import set_departments
from datetime import date
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.testing.zope import Browser

import html
import io
import pytest
import re
import transaction


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

PERIOD = "The period must end on or after the day it starts."
ACTIVITY_DATES = "The activity must end on or after the day it starts."
SYMBOL = (
    "The symbol must look like KH-UBND: KH, a hyphen, then the issuer's "
    "abbreviation, without spaces."
)
NEGATIVE = "This number cannot be negative."


@pytest.fixture
def site(functional_portal):
    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    set_departments(
        [{"id": "skhcn", "title": "Sở Khoa học và Công nghệ", "abbreviation": "KHCN"}]
    )
    transaction.commit()
    return functional_portal


@pytest.fixture
def browser(functional_app):
    browser = Browser(functional_app)
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    return browser


@pytest.fixture
def plan(site):
    plan = api.content.create(
        container=site,
        type="Plan",
        id="kh-63",
        title="Tổ chức Tháng hành động vì trẻ em năm 2024",
        number=63,
        symbol="KH-KHCN",
        period_start=date(2024, 6, 1),
        period_end=date(2024, 6, 30),
    )
    transaction.commit()
    return plan


def fill(browser, values: dict):
    for name, value in values.items():
        browser.getControl(name=f"form.widgets.{name}").value = value


def save(browser):
    browser.getControl(name="form.buttons.save").click()


def errors(browser) -> list[str]:
    """The messages z3c.form shows under the fields and above the form."""
    return [
        html.unescape(" ".join(m.split()))
        for m in re.findall(
            r'<div class="invalid-feedback">(.*?)</div>', browser.contents, re.S
        )
    ]


def fresh(obj):
    """``obj`` as the last committed transaction left it."""
    transaction.begin()
    return obj


def children(container, portal_type) -> list:
    return [o for o in container.contentValues() if o.portal_type == portal_type]


class TestAddPlan:
    def test_all_fields_are_saved(self, site, browser):
        province = api.content.create(
            container=site, type="Plan", title="Kế hoạch tỉnh", symbol="KH-UBND"
        )
        transaction.commit()

        browser.open(site.absolute_url() + "/++add++Plan")
        fill(
            browser,
            {
                "title": "Kế hoạch Tổ chức Tháng hành động vì trẻ em năm 2024",
                "description": "Kế hoạch của Sở",
                "number": "63",
                "symbol": "KH-KHCN",
                "parent_body": "UBND TỈNH BẮC GIANG",
                "issuing_body": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
                "department:list": ["skhcn"],
                "issue_place": "Bắc Giang",
                "issue_date": "2024-04-17",
                "theme": "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em",
                "period_start": "2024-06-01",
                "period_end": "2024-06-30",
                "scope": "Trên địa bàn toàn tỉnh",
                "legal_basis": "Thực hiện Kế hoạch số 26/KH-UBND ngày 11/4/2024",
                "implements": province.UID(),
                "purpose": "Nâng cao nhận thức",
                "requirements": "Thiết thực",
                "text": "<p>Các nội dung khác</p>",
                "budget": "<p>Kinh phí</p>",
                "implementation": "<p>Văn phòng Sở chủ trì</p>",
                "signing_authority": "KT. GIÁM ĐỐC",
                "signer_title": "PHÓ GIÁM ĐỐC",
                "signer_name": "Triệu Ngọc Trung",
                "recipients": "UBND tỉnh (b/c)\nLưu: VT, VP.",
                "report_deadline": "2024-07-22",
                "report_recipient": "Sở Lao động, Thương binh và Xã hội",
            },
        )
        browser.getControl(name="form.widgets.original_file").add_file(
            io.BytesIO(PDF), "application/pdf", "63-KH-KHCN.pdf"
        )
        save(browser)
        assert errors(browser) == []

        transaction.begin()
        plans = [o for o in children(site, "Plan") if o.UID() != province.UID()]
        assert len(plans) == 1
        plan = plans[0]
        assert browser.url.startswith(plan.absolute_url())
        assert plan.id.startswith("ke-hoach-to-chuc-thang-hanh-dong")
        assert plan.id.isascii()
        assert plan.title == "Kế hoạch Tổ chức Tháng hành động vì trẻ em năm 2024"
        assert plan.description == "Kế hoạch của Sở"
        assert plan.number == 63
        assert plan.symbol == "KH-KHCN"
        assert plan.document_number == "63/KH-KHCN"
        assert plan.parent_body == "UBND TỈNH BẮC GIANG"
        assert plan.issuing_body == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
        assert plan.department == "skhcn"
        assert plan.issue_place == "Bắc Giang"
        assert plan.issue_date == date(2024, 4, 17)
        assert plan.year == 2024
        assert plan.theme == "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em"
        assert plan.period_start == date(2024, 6, 1)
        assert plan.period_end == date(2024, 6, 30)
        assert plan.scope == "Trên địa bàn toàn tỉnh"
        assert plan.legal_basis.startswith("Thực hiện Kế hoạch số 26/KH-UBND")
        assert [r.to_object.UID() for r in plan.implements] == [province.UID()]
        assert plan.purpose == "Nâng cao nhận thức"
        assert plan.requirements == "Thiết thực"
        assert "Các nội dung khác" in plan.text.raw
        assert "Kinh phí" in plan.budget.raw
        assert "Văn phòng Sở chủ trì" in plan.implementation.raw
        assert plan.signing_authority == "KT. GIÁM ĐỐC"
        assert plan.signer_title == "PHÓ GIÁM ĐỐC"
        assert plan.signer_name == "Triệu Ngọc Trung"
        assert plan.recipients == ["UBND tỉnh (b/c)", "Lưu: VT, VP."]
        assert plan.report_deadline == date(2024, 7, 22)
        assert plan.report_recipient == "Sở Lao động, Thương binh và Xã hội"
        assert plan.original_file.filename == "63-KH-KHCN.pdf"
        assert plan.original_file.data == PDF

    def test_draft_plan_has_a_blank_number(self, site, browser):
        browser.open(site.absolute_url() + "/++add++Plan")
        fill(
            browser,
            {
                "title": "Dự thảo Kế hoạch năm 2022",
                "symbol": "KH-STP",
                "period_start": "2022-06-01",
                "period_end": "2022-06-30",
            },
        )
        save(browser)
        assert errors(browser) == []
        transaction.begin()
        (plan,) = children(site, "Plan")
        assert plan.number is None
        assert plan.document_number == "/KH-STP"
        # year taken from the period
        assert plan.year == 2022

    def test_given_year_is_kept(self, site, browser):
        browser.open(site.absolute_url() + "/++add++Plan")
        fill(
            browser,
            {
                "title": "Kế hoạch",
                "year": "2025",
                "period_start": "2024-06-01",
            },
        )
        save(browser)
        transaction.begin()
        (plan,) = children(site, "Plan")
        assert plan.year == 2025

    def test_year_filled_when_the_period_is_given_on_edit(self, site, browser):
        browser.open(site.absolute_url() + "/++add++Plan")
        fill(browser, {"title": "Kế hoạch chưa có thời gian"})
        save(browser)
        transaction.begin()
        (plan,) = children(site, "Plan")
        assert plan.year is None

        browser.open(plan.absolute_url() + "/edit")
        fill(browser, {"period_start": "2023-06-01", "period_end": "2023-06-30"})
        save(browser)
        assert errors(browser) == []
        transaction.begin()
        assert plan.year == 2023

    def test_vietnamese_title_gives_an_ascii_id(self, site, browser):
        browser.open(site.absolute_url() + "/++add++Plan")
        fill(browser, {"title": "Kế hoạch Tổ chức Tháng hành động vì trẻ em"})
        save(browser)
        transaction.begin()
        (plan,) = children(site, "Plan")
        assert plan.id.startswith("ke-hoach-to-chuc-thang-hanh-dong")
        assert plan.id.isascii()
        assert browser.url.startswith(f"{site.absolute_url()}/{plan.id}")


class TestAddChildren:
    def test_activity(self, plan, browser):
        browser.open(plan.absolute_url() + "/++add++Activity")
        fill(
            browser,
            {
                "title": "Lễ phát động Tháng hành động",
                "description": "Tổ chức lễ phát động",
                "lead_unit": "Văn phòng Sở",
                "coordinating_units": "Công đoàn Sở\nChi đoàn Sở",
                "start": "2024-06-01",
                "end": "2024-06-03",
                "location": "Hội trường Sở",
                "target_group": "Con cán bộ",
                "budget_vnd": "15000000",
                "progress:list": ["ongoing"],
                "text": "<p>Chi tiết</p>",
            },
        )
        save(browser)
        assert errors(browser) == []
        (activity,) = children(fresh(plan), "Activity")
        assert activity.id.startswith("le-phat-dong-thang-hanh-dong")
        assert activity.title == "Lễ phát động Tháng hành động"
        assert activity.description == "Tổ chức lễ phát động"
        assert activity.lead_unit == "Văn phòng Sở"
        assert activity.coordinating_units == ["Công đoàn Sở", "Chi đoàn Sở"]
        assert activity.start == date(2024, 6, 1)
        assert activity.end == date(2024, 6, 3)
        assert activity.location == "Hội trường Sở"
        assert activity.target_group == "Con cán bộ"
        assert activity.budget_vnd == 15000000
        assert activity.progress == "ongoing"
        assert "Chi tiết" in activity.text.raw

    def test_slogan(self, plan, browser):
        browser.open(plan.absolute_url() + "/++add++Slogan")
        fill(
            browser,
            {
                "title": "Hãy lên tiếng phòng, chống xâm hại trẻ em!",
                "position": "2",
                "source": "Bộ LĐ-TB&XH",
            },
        )
        save(browser)
        assert errors(browser) == []
        (slogan,) = children(fresh(plan), "Slogan")
        assert slogan.id.isascii()
        assert slogan.title == "Hãy lên tiếng phòng, chống xâm hại trẻ em!"
        assert slogan.position == 2
        assert slogan.source == "Bộ LĐ-TB&XH"

    def test_report(self, plan, browser):
        browser.open(plan.absolute_url() + "/++add++Report")
        metrics = {
            "children_supported": 120,
            "gifts": 150,
            "gift_value_vnd": 45000000,
            "fund_raised_vnd": 12500000,
            "communication_items": 8,
            "events_held": 3,
            "participants": 400,
        }
        fill(
            browser,
            {
                "title": "Báo cáo kết quả",
                "reporting_unit": "Sở Khoa học và Công nghệ",
                "department:list": ["skhcn"],
                "submitted_date": "2024-07-15",
                "text": "<p>Kết quả thực hiện</p>",
                **{k: str(v) for k, v in metrics.items()},
            },
        )
        save(browser)
        assert errors(browser) == []
        (report,) = children(fresh(plan), "Report")
        assert report.title == "Báo cáo kết quả"
        assert report.reporting_unit == "Sở Khoa học và Công nghệ"
        assert report.department == "skhcn"
        assert report.submitted_date == date(2024, 7, 15)
        for name, value in metrics.items():
            assert getattr(report, name) == value, name
        assert "Kết quả thực hiện" in report.text.raw

    @pytest.mark.parametrize("portal_type", ["Activity", "Slogan", "Report"])
    def test_no_add_form_outside_a_plan(self, site, browser, portal_type):
        with pytest.raises(ValueError, match=f"disallowed.*{portal_type}"):
            browser.open(f"{site.absolute_url()}/++add++{portal_type}")
        transaction.begin()
        assert children(site, portal_type) == []


PLAN_CASES = [
    (
        {
            "symbol": "UBND",
            "number": "-1",
            "period_start": "2024-06-30",
            "period_end": "2024-06-01",
        },
        [SYMBOL, NEGATIVE, PERIOD],
    ),
    ({"symbol": "KH UBND"}, [SYMBOL]),
    ({"symbol": "KH- STP"}, [SYMBOL]),
]

METRICS = [
    "children_supported",
    "gifts",
    "gift_value_vnd",
    "fund_raised_vnd",
    "communication_items",
    "events_held",
    "participants",
]

CHILD_CASES = [
    (
        "Activity",
        {"start": "2024-06-10", "end": "2024-06-01", "budget_vnd": "-1000"},
        [ACTIVITY_DATES, NEGATIVE],
    ),
    ("Slogan", {"position": "-1"}, [NEGATIVE]),
    ("Report", dict.fromkeys(METRICS, "-1"), [NEGATIVE] * len(METRICS)),
]


class TestValidation:
    @pytest.mark.parametrize("values,expected", PLAN_CASES)
    def test_plan_refused(self, site, browser, values, expected):
        browser.open(site.absolute_url() + "/++add++Plan")
        fill(browser, {"title": "Kế hoạch sai", **values})
        save(browser)
        assert sorted(errors(browser)) == sorted(expected)
        assert "++add++Plan" in browser.url
        transaction.begin()
        assert children(site, "Plan") == []

    @pytest.mark.parametrize("portal_type,values,expected", CHILD_CASES)
    def test_child_refused(self, plan, browser, portal_type, values, expected):
        browser.open(f"{plan.absolute_url()}/++add++{portal_type}")
        fill(browser, {"title": "Sai", **values})
        save(browser)
        assert sorted(errors(browser)) == sorted(expected)
        assert fresh(plan).objectIds() == []

    def test_edit_refused_leaves_the_plan_unchanged(self, plan, browser):
        browser.open(plan.absolute_url() + "/edit")
        fill(browser, {"period_end": "2024-05-01", "symbol": "KH UBND"})
        save(browser)
        assert PERIOD in errors(browser)
        assert SYMBOL in errors(browser)
        transaction.begin()
        assert plan.period_end == date(2024, 6, 30)
        assert plan.symbol == "KH-KHCN"
