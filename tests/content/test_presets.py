"""A department's add forms start from the department: issuing body, parent body,
place, symbol, and what its latest plan says (signer, place)."""

from collective.thdtre.content.presets import department_presets
from collective.thdtre.content.presets import place_of
from collective.thdtre.departments import editors_group
from collective.thdtre.departments.api import create_department
from collective.thdtre.departments.api import department_folder
from collective.thdtre.interfaces import IBrowserLayer
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from zope.interface import alsoProvides

import pytest


@pytest.fixture
def folder(portal):
    alsoProvides(portal.REQUEST, IBrowserLayer)
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        create_department(
            id="so-khcn",
            title="Sở Khoa học và Công nghệ",
            abbreviation="KHCN",
            parent_body="UBND TỈNH BẮC GIANG",
        )
        api.user.create(username="bien", email="bien@example.org", password="x" * 12)
        api.group.add_user(groupname=editors_group("so-khcn"), username="bien")
    return department_folder(id="so-khcn")


def widgets(container, type_name) -> dict:
    """The add form's widget values, every fieldset's, as the editor sees them."""
    request = container.REQUEST
    view = container.restrictedTraverse(f"++add++{type_name}")
    form = view.form_instance
    form.update()
    found = {name: widget.value for name, widget in form.widgets.items()}
    for group in form.groups:
        found.update({name: w.value for name, w in group.widgets.items()})
    request.other.pop("collective.thdtre.presets", None)
    return found


def test_place_comes_from_the_parent_body():
    assert place_of("UBND TỈNH BẮC GIANG") == "Bắc Giang"
    assert place_of("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG") == "Hải Phòng"
    assert place_of("BỘ Y TẾ") == ""


def test_a_new_plan_starts_from_the_department(folder):
    with api.env.adopt_user(username="bien"):
        values = widgets(folder, "Plan")
    assert values["issuing_body"] == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert values["parent_body"] == "UBND TỈNH BẮC GIANG"
    assert values["issue_place"] == "Bắc Giang"
    assert values["symbol"] == "KH-KHCN"
    assert values["department"] == ["so-khcn"]
    # The number stays the approvers': an editor's form has none to fill.
    assert "number" not in values or values["number"] in ("", None)


def test_the_latest_plan_gives_what_the_department_record_lacks(folder):
    with api.env.adopt_user(username="bien"):
        api.content.create(
            container=folder,
            type="Plan",
            title="Kế hoạch năm trước",
            department="so-khcn",
            issuing_body="SỞ KH&CN BẮC GIANG",
            issue_place="TP. Bắc Giang",
            signing_authority="KT. GIÁM ĐỐC",
            signer_title="PHÓ GIÁM ĐỐC",
            signer_name="Nguyễn Văn An",
        )
        values = widgets(folder, "Plan")
        presets = department_presets("so-khcn")
    assert values["issuing_body"] == "SỞ KH&CN BẮC GIANG"
    assert values["issue_place"] == "TP. Bắc Giang"
    assert values["signing_authority"] == "KT. GIÁM ĐỐC"
    assert values["signer_name"] == "Nguyễn Văn An"
    assert presets["symbol"] == "KH-KHCN"


def test_a_report_starts_with_its_plans_department(folder):
    with api.env.adopt_user(username="bien"):
        plan = api.content.create(
            container=folder, type="Plan", title="Kế hoạch", department="so-khcn"
        )
        values = widgets(plan, "Report")
    assert values["reporting_unit"] == "Sở Khoa học và Công nghệ"
    assert values["department"] == ["so-khcn"]


def test_outside_a_department_nothing_is_preset(portal):
    alsoProvides(portal.REQUEST, IBrowserLayer)
    with api.env.adopt_roles(["Manager"]):
        values = widgets(portal, "Plan")
    assert values["issuing_body"] in ("", None)
    assert department_presets(None) == {}
