"""The four types: their field names (the REST contract), the computed number and
year of a plan, and where each type may be added."""

from collective.thdtre.content.plan import document_number
from datetime import date
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.textfield import RichText
from plone.namedfile.field import NamedBlobFile
from z3c.relationfield.schema import RelationList
from zope import schema
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent
from zope.schema import getFields

import pytest


FIELDS = {
    "Plan": {
        "title": schema.TextLine,
        "description": schema.Text,
        "number": schema.Int,
        "symbol": schema.TextLine,
        "document_number": schema.TextLine,
        "parent_body": schema.TextLine,
        "issuing_body": schema.TextLine,
        "department": schema.Choice,
        "issue_place": schema.TextLine,
        "issue_date": schema.Date,
        "year": schema.Int,
        "theme": schema.TextLine,
        "period_start": schema.Date,
        "period_end": schema.Date,
        "scope": schema.TextLine,
        "legal_basis": schema.Text,
        "implements": RelationList,
        "purpose": schema.Text,
        "requirements": schema.Text,
        "text": RichText,
        "budget": RichText,
        "implementation": RichText,
        "recipients": schema.List,
        "signing_authority": schema.TextLine,
        "signer_title": schema.TextLine,
        "signer_name": schema.TextLine,
        "report_deadline": schema.Date,
        "report_recipient": schema.TextLine,
        "original_file": NamedBlobFile,
    },
    "Activity": {
        "title": schema.TextLine,
        "description": schema.Text,
        "lead_unit": schema.TextLine,
        "coordinating_units": schema.List,
        "start": schema.Date,
        "end": schema.Date,
        "location": schema.TextLine,
        "target_group": schema.TextLine,
        "budget_vnd": schema.Int,
        "progress": schema.Choice,
        "text": RichText,
    },
    "Slogan": {
        "title": schema.TextLine,
        "position": schema.Int,
        "source": schema.TextLine,
    },
    "Report": {
        "title": schema.TextLine,
        "reporting_unit": schema.TextLine,
        "department": schema.Choice,
        "submitted_date": schema.Date,
        "children_supported": schema.Int,
        "gifts": schema.Int,
        "gift_value_vnd": schema.Int,
        "fund_raised_vnd": schema.Int,
        "communication_items": schema.Int,
        "events_held": schema.Int,
        "participants": schema.Int,
        "text": RichText,
    },
}


@pytest.fixture
def site(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    return portal


def create_plan(container, **fields):
    return api.content.create(
        container=container,
        type="Plan",
        title=fields.pop("title", "Kế hoạch"),
        **fields,
    )


@pytest.mark.parametrize("portal_type", FIELDS)
def test_field_names_and_kinds(site, portal_type):
    fields = getFields(site.portal_types[portal_type].lookupSchema())
    for name, kind in FIELDS[portal_type].items():
        assert name in fields, name
        assert isinstance(fields[name], kind), name


def test_implements_relates_to_plans_only(site):
    field = getFields(site.portal_types.Plan.lookupSchema())["implements"]
    assert field.value_type.source.query["portal_type"] == ["Plan"]


def test_document_number_is_read_only(site):
    field = getFields(site.portal_types.Plan.lookupSchema())["document_number"]
    assert field.readonly


def test_progress_terms(site):
    activity_schema = site.portal_types.Activity.lookupSchema()
    field = getFields(activity_schema)["progress"].bind(site)
    assert [t.value for t in field.vocabulary] == [
        "planned",
        "ongoing",
        "done",
        "cancelled",
    ]
    assert field.default == "planned"


@pytest.mark.parametrize(
    "number,symbol,expected",
    [
        (63, "KH-KHCN", "63/KH-KHCN"),
        (26, "KH-UBND", "26/KH-UBND"),
        (None, "KH-STP", "/KH-STP"),
        (0, "KH-STP", "0/KH-STP"),
        (None, None, ""),
        (None, "", ""),
    ],
)
def test_document_number_helper(number, symbol, expected):
    assert document_number(number, symbol) == expected


def test_plan_document_number(site):
    plan = create_plan(site, number=63, symbol="KH-KHCN")
    assert plan.document_number == "63/KH-KHCN"
    plan.number = None
    assert plan.document_number == "/KH-KHCN"
    plan.symbol = "KH-STP"
    assert plan.document_number == "/KH-STP"


def test_year_from_the_period(site):
    plan = create_plan(
        site, period_start=date(2024, 6, 1), period_end=date(2024, 6, 30)
    )
    assert plan.year == 2024


def test_year_from_the_issue_date_without_a_period(site):
    plan = create_plan(site, issue_date=date(2022, 4, 11))
    assert plan.year == 2022


def test_given_year_wins(site):
    plan = create_plan(site, year=2025, period_start=date(2024, 6, 1))
    assert plan.year == 2025


def test_year_stays_empty_without_dates(site):
    assert create_plan(site).year is None


def test_year_filled_on_edit(site):
    plan = create_plan(site)
    plan.period_start = date(2023, 6, 1)
    notify(ObjectModifiedEvent(plan))
    assert plan.year == 2023


def test_plan_allowed_types(site):
    fti = site.portal_types.Plan
    assert fti.global_allow
    assert fti.filter_content_types
    # Files of a plan are Appendices, under its workflow (issue 14).
    assert set(fti.allowed_content_types) == {
        "Activity",
        "Slogan",
        "Report",
        "Appendix",
    }
    plan = create_plan(site)
    assert {t.getId() for t in plan.allowedContentTypes()} == {
        "Activity",
        "Slogan",
        "Report",
        "Appendix",
    }


@pytest.mark.parametrize("portal_type", ["Activity", "Slogan", "Report"])
def test_parts_only_inside_a_plan(site, portal_type):
    assert not site.portal_types[portal_type].global_allow
    assert portal_type not in {t.getId() for t in site.allowedContentTypes()}
    with pytest.raises((ValueError, api.exc.InvalidParameterError)):
        api.content.create(container=site, type=portal_type, title="Ngoài kế hoạch")
    plan = create_plan(site)
    obj = api.content.create(container=plan, type=portal_type, title="Trong kế hoạch")
    assert obj.__parent__ is plan


def test_report_holds_attachments_only(site):
    plan = create_plan(site)
    report = api.content.create(container=plan, type="Report", title="BC")
    assert {t.getId() for t in report.allowedContentTypes()} == {"Appendix"}


@pytest.mark.parametrize(
    "portal_type,title,prefix",
    [
        (
            "Plan",
            "Kế hoạch Tổ chức Tháng hành động vì trẻ em",
            "ke-hoach-to-chuc-thang",
        ),
        ("Activity", "Hội thi vẽ tranh “Em yêu hòa bình”", "hoi-thi-ve-tranh"),
        ("Slogan", "Hãy lên tiếng phòng, chống xâm hại trẻ em!", "hay-len-tieng"),
        ("Report", "Báo cáo kết quả Đợt 1", "bao-cao-ket-qua-dot-1"),
    ],
)
def test_ids_from_vietnamese_titles(site, portal_type, title, prefix):
    container = site if portal_type == "Plan" else create_plan(site)
    obj = api.content.create(container=container, type=portal_type, title=title)
    assert obj.getId().startswith(prefix)
    assert obj.getId().isascii()
