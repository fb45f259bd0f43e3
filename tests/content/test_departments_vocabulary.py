"""The departments vocabulary reads the registry record the control panel manages,
and a plan's department must be one of its terms."""

from collective.thdtre.departments import get_departments
from collective.thdtre.departments import RECORD
from collective.thdtre.departments import set_departments
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from zope.component import getUtility
from zope.schema.interfaces import ConstraintNotSatisfied
from zope.schema.interfaces import IVocabularyFactory

import json
import pytest


NAME = "collective.thdtre.vocabularies.departments"

DEPARTMENTS = [
    {
        "id": "skhcn",
        "title": "Sở Khoa học và Công nghệ",
        "abbreviation": "KHCN",
        "parent_body": "UBND TỈNH BẮC GIANG",
    },
    {"id": "stp", "title": "Sở Tư pháp", "abbreviation": "STP"},
    {"id": "ubnd-tinh", "title": "UBND tỉnh", "abbreviation": "UBND"},
]


def vocabulary(context):
    return getUtility(IVocabularyFactory, NAME)(context)


def test_record_is_registered(portal):
    assert RECORD == "collective.thdtre.interfaces.IThdtreSettings.departments"
    assert json.loads(api.portal.get_registry_record(RECORD)) == []


def test_empty_registry_gives_an_empty_vocabulary(portal):
    assert list(vocabulary(portal)) == []


def test_terms_follow_the_registry_in_order(portal):
    set_departments(DEPARTMENTS)
    terms = list(vocabulary(portal))
    assert [t.token for t in terms] == ["skhcn", "stp", "ubnd-tinh"]
    assert [t.value for t in terms] == ["skhcn", "stp", "ubnd-tinh"]
    assert [t.title for t in terms] == [
        "Sở Khoa học và Công nghệ",
        "Sở Tư pháp",
        "UBND tỉnh",
    ]


def test_registry_record_holds_the_departments(portal):
    set_departments(DEPARTMENTS)
    stored = json.loads(api.portal.get_registry_record(RECORD))
    assert stored == DEPARTMENTS
    assert get_departments() == DEPARTMENTS


def test_changes_to_the_record_show_at_once(portal):
    set_departments(DEPARTMENTS)
    assert "stp" in vocabulary(portal)
    set_departments([d for d in DEPARTMENTS if d["id"] != "stp"])
    assert "stp" not in vocabulary(portal)
    assert [t.token for t in vocabulary(portal)] == ["skhcn", "ubnd-tinh"]

    # the record written directly, as the control panel does
    api.portal.set_registry_record(
        RECORD, json.dumps([{"id": "sgd", "title": "Sở Giáo dục"}], ensure_ascii=False)
    )
    assert [(t.token, t.title) for t in vocabulary(portal)] == [("sgd", "Sở Giáo dục")]


def test_title_falls_back_to_the_id(portal):
    set_departments([{"id": "sct"}])
    (term,) = vocabulary(portal)
    assert term.title == "sct"


def test_entries_without_id_and_broken_json_are_ignored(portal):
    api.portal.set_registry_record(
        RECORD, json.dumps([{"title": "Không có id"}, "rác", {"id": "stp"}])
    )
    assert [t.token for t in vocabulary(portal)] == ["stp"]
    api.portal.set_registry_record(RECORD, "[not json")
    assert list(vocabulary(portal)) == []


def test_plan_department_must_be_a_term(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    set_departments(DEPARTMENTS)
    plan = api.content.create(container=portal, type="Plan", id="kh", title="KH")
    field = plan.getTypeInfo().lookupSchema()["department"]
    field.bind(plan).validate("skhcn")
    with pytest.raises(ConstraintNotSatisfied):
        field.bind(plan).validate("so-khong-co")
    set_departments([d for d in DEPARTMENTS if d["id"] != "skhcn"])
    with pytest.raises(ConstraintNotSatisfied):
        field.bind(plan).validate("skhcn")


def test_report_department_uses_the_same_vocabulary(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    set_departments(DEPARTMENTS)
    plan = api.content.create(container=portal, type="Plan", id="kh", title="KH")
    report = api.content.create(container=plan, type="Report", id="bc", title="BC")
    field = report.getTypeInfo().lookupSchema()["department"].bind(report)
    field.validate("stp")
    with pytest.raises(ConstraintNotSatisfied):
        field.validate("so-khong-co")
