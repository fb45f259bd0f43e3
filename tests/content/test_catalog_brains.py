"""Listings answer from the catalog: plans and their parts carry the plan's number,
year, department, issuer, period and progress as indexes and metadata."""

from collective.thdtre.departments import set_departments
from DateTime import DateTime
from datetime import date
from Missing import MV
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import pytest


METADATA = (
    "document_number",
    "year",
    "department",
    "issuing_body",
    "period_start",
    "period_end",
    "issue_date",
)


@pytest.fixture
def site(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    set_departments(
        [
            {
                "id": "skhcn",
                "title": "Sở Khoa học và Công nghệ",
                "abbreviation": "KHCN",
            },
            {"id": "stp", "title": "Sở Tư pháp", "abbreviation": "STP"},
        ]
    )
    return portal


@pytest.fixture
def plans(site):
    khcn = api.content.create(
        container=site,
        type="Plan",
        id="kh-khcn",
        title="Tổ chức Tháng hành động vì trẻ em năm 2024",
        number=63,
        symbol="KH-KHCN",
        issuing_body="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        department="skhcn",
        issue_date=date(2024, 4, 17),
        period_start=date(2024, 6, 1),
        period_end=date(2024, 6, 30),
    )
    stp = api.content.create(
        container=site,
        type="Plan",
        id="kh-stp",
        title="Dự thảo kế hoạch năm 2022",
        symbol="KH-STP",
        issuing_body="SỞ TƯ PHÁP",
        department="stp",
        period_start=date(2022, 6, 1),
        period_end=date(2022, 6, 30),
    )
    return khcn, stp


@pytest.fixture
def parts(plans):
    khcn = plans[0]
    activity = api.content.create(
        container=khcn,
        type="Activity",
        id="hd",
        title="Lễ phát động",
        progress="ongoing",
        start=date(2024, 6, 1),
    )
    slogan = api.content.create(
        container=khcn, type="Slogan", id="kh1", title="Khẩu hiệu", position=1
    )
    report = api.content.create(
        container=khcn, type="Report", id="bc", title="Báo cáo kết quả"
    )
    return activity, slogan, report


def brain_of(obj):
    (brain,) = api.content.find(UID=obj.UID())
    return brain


def test_metadata_columns_present(site):
    schema = site.portal_catalog.schema()
    for name in (*METADATA, "progress"):
        assert name in schema, name


def test_plan_brains_carry_the_metadata(plans):
    khcn, stp = plans
    brain = brain_of(khcn)
    assert brain.document_number == "63/KH-KHCN"
    assert brain.year == 2024
    assert brain.department == "skhcn"
    assert brain.issuing_body == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert brain.period_start == date(2024, 6, 1)
    assert brain.period_end == date(2024, 6, 30)
    assert brain.issue_date == date(2024, 4, 17)

    brain = brain_of(stp)
    assert brain.document_number == "/KH-STP"
    assert brain.year == 2022
    assert brain.department == "stp"


def test_a_listing_is_served_from_brains_alone(plans):
    """The metadata equal the objects' values even when the objects are gone:
    a listing needs no ``getObject``."""
    site = plans[0].__parent__
    expected = {p.UID(): {n: getattr(p, n) for n in METADATA} for p in plans}
    brains = api.content.find(portal_type="Plan", sort_on="year")
    assert len(brains) == 2
    # Take the objects away behind the catalog's back: waking them is impossible.
    for plan in plans:
        site._delOb(plan.getId())
    for brain in brains:
        with pytest.raises((AttributeError, KeyError)):
            brain.getObject()
        assert {n: getattr(brain, n) for n in METADATA} == expected[brain.UID]
    assert [b.year for b in brains] == [2022, 2024]


@pytest.mark.parametrize(
    "query,ids",
    [
        ({"year": 2024}, {"kh-khcn"}),
        ({"year": 2022}, {"kh-stp"}),
        ({"department": "stp"}, {"kh-stp"}),
        ({"document_number": "63/KH-KHCN"}, {"kh-khcn"}),
        ({"document_number": "/KH-STP"}, {"kh-stp"}),
        ({"issuing_body": "SỞ TƯ PHÁP"}, {"kh-stp"}),
        (
            {"period_start": {"query": DateTime("2024-01-01"), "range": "min"}},
            {"kh-khcn"},
        ),
        (
            {"period_end": {"query": DateTime("2023-01-01"), "range": "max"}},
            {"kh-stp"},
        ),
    ],
)
def test_plans_can_be_queried(plans, query, ids):
    brains = api.content.find(portal_type="Plan", **query)
    assert {b.getId for b in brains} == ids


def test_parts_are_filed_under_their_plan(parts):
    for part in parts:
        brain = brain_of(part)
        assert brain.department == "skhcn", part.portal_type
        assert brain.year == 2024, part.portal_type
        assert brain.document_number == "63/KH-KHCN", part.portal_type
        assert brain.issuing_body == "SỞ KHOA HỌC VÀ CÔNG NGHỆ", part.portal_type


def test_parts_found_by_department_and_year(parts):
    brains = api.content.find(department="skhcn", year=2024)
    assert {b.portal_type for b in brains} == {"Plan", "Activity", "Slogan", "Report"}
    assert not api.content.find(department="stp", portal_type="Activity")


def test_report_takes_its_plans_department(plans):
    # Not another department's: its people would read the report (issue 14).
    report = api.content.create(
        container=plans[0], type="Report", id="bc-stp", title="BC", department="stp"
    )
    assert brain_of(report).department == "skhcn"


def test_activity_progress_index_and_metadata(parts):
    activity = parts[0]
    assert brain_of(activity).progress == "ongoing"
    assert [b.getId for b in api.content.find(progress="ongoing")] == ["hd"]
    activity.progress = "done"
    activity.reindexObject()
    assert brain_of(activity).progress == "done"
    assert not api.content.find(progress="ongoing")
    assert [b.getId for b in api.content.find(progress="done")] == ["hd"]


def test_changing_the_plan_updates_its_brain(plans):
    khcn = plans[0]
    khcn.number = 64
    khcn.year = 2025
    khcn.reindexObject()
    brain = brain_of(khcn)
    assert brain.document_number == "64/KH-KHCN"
    assert brain.year == 2025
    assert [b.getId for b in api.content.find(document_number="64/KH-KHCN")] == [
        "kh-khcn"
    ]


def test_other_content_is_not_filed_under_a_department(site):
    doc = api.content.create(container=site, type="Document", id="d", title="Tin")
    brain = brain_of(doc)
    assert brain.department is MV
    assert brain.year is MV
    assert brain.document_number is MV


def test_parts_follow_their_plan_when_it_is_edited(parts):
    plan = parts[0].__parent__
    # index what is pending now, so that only the edit can refile the parts
    assert {brain_of(part).department for part in parts} == {"skhcn"}
    plan.department = "stp"
    plan.year = 2025
    plan.number = 70
    notify(ObjectModifiedEvent(plan))
    for part in parts:
        brain = brain_of(part)
        assert brain.department == "stp", part.portal_type
        assert brain.year == 2025, part.portal_type
        assert brain.document_number == "70/KH-KHCN", part.portal_type
    assert not api.content.find(department="skhcn")
