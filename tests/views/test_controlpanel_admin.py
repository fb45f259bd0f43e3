"""The control panel @@thdtre-settings for administrators: Vietnamese buttons,
indicators edited as rows, people and groups by name, departments renamed,
retired and reactivated from the page (POST with the CSRF token only)."""

from collective.thdtre.browser.controlpanel import SettingsForm
from collective.thdtre.departments import get_department
from collective.thdtre.departments.api import department_folders
from collective.thdtre.interfaces import IBrowserLayer
from collective.thdtre.interfaces import IThdtreSettings
from collective.thdtre.reports.indicators import get_indicators
from collective.thdtre.reports.metrics import metrics_for
from lxml import html as lxml_html
from pathlib import Path
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.protect.authenticator import createToken
from Products.statusmessages.interfaces import IStatusMessage
from zExceptions import Forbidden
from zExceptions import MethodNotAllowed
from zExceptions import Unauthorized
from zope.i18n import translate
from zope.interface import alsoProvides

import importlib.util
import json
import pytest


_path = Path(__file__).resolve().parents[1] / "workflow" / "conftest.py"
_spec = importlib.util.spec_from_file_location("thdtre_workflow_world", _path)
world_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(world_module)

DEPT_A, DEPT_B = world_module.DEPT_A, world_module.DEPT_B


@pytest.fixture
def world(portal):
    world_module.setup_world(portal)
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        api.user.create(username="no-name", email="no-name@example.org")
        api.group.add_user(groupname=f"thdtre-{DEPT_B}-approvers", username="no-name")
    request = portal.REQUEST
    alsoProvides(request, IBrowserLayer)
    return portal


def settings_page(portal, user_id="siteadmin"):
    with api.env.adopt_user(username=user_id):
        return lxml_html.fromstring(portal.restrictedTraverse("@@thdtre-settings")())


def post(portal, name, form, *, user_id="siteadmin", token=True):
    """POST ``form`` to ``@@name`` as ``user_id``; the status messages it leaves."""
    request = portal.REQUEST
    request.method = "POST"
    try:
        with api.env.adopt_user(username=user_id):
            request.form.clear()
            request.form.update(form)
            request.form["_authenticator"] = createToken() if token else "forged"
            portal.restrictedTraverse(f"@@{name}")()
    finally:
        request.method = "GET"
        request.form.clear()
        # Render the next page, not the redirect (a new request in real life).
        request.response.setStatus(200)
        request.response.headers.pop("location", None)
    return " ".join(m.message for m in IStatusMessage(request).show())


NAMES = ("thdtre-retire-department", "thdtre-update-department", "thdtre-indicators")


def row_of(page, department_id):
    (row,) = page.xpath(
        f"//section[@id='thdtre-departments']//tr[.//code[text()='{department_id}']]"
    )
    return row


class TestButtons:
    def test_save_and_cancel_are_the_addons_own_and_vietnamese(self, portal):
        titles = {name: SettingsForm.buttons[name].title for name in ("save", "cancel")}

        assert {t.domain for t in titles.values()} == {"collective.thdtre"}
        assert translate(titles["save"], target_language="vi") == "Lưu"
        assert translate(titles["cancel"], target_language="vi") == "Hủy"

    def test_the_page_shows_them_in_vietnamese(self, world):
        # As Plone's language negotiation binds it for a Vietnamese site.
        binding = world.REQUEST["LANGUAGE_TOOL"]
        binding.LANGUAGE = binding.DEFAULT_LANGUAGE = "vi"
        binding.LANGUAGE_LIST = ["vi"]
        page = settings_page(world)

        values = page.xpath("//input[@type='submit']/@value") + [
            b.text_content().strip() for b in page.xpath("//button")
        ]
        assert "Lưu" in values
        assert "Hủy" in values
        assert "Save" not in values


class TestPeopleByName:
    def test_members_by_full_name_with_a_link_groups_by_title(self, world):
        page = settings_page(world)

        row = row_of(page, DEPT_A)
        links = {a.text_content().strip(): a.get("href") for a in row.xpath(".//a")}
        assert links["Editor A"].endswith("@@user-information?userid=editor-a")
        assert links["Approver A"].endswith("@@user-information?userid=approver-a")
        assert "Sở Tư pháp: editors" in links
        assert links["Sở Tư pháp: editors"].endswith(
            "groupname=thdtre-so-tu-phap-editors"
        )
        # Without a full name, the id.
        names = [a.text_content() for a in row_of(page, DEPT_B).xpath(".//li/a")]
        assert "no-name" in names
        assert "Approver B" in names


class TestIndicators:
    ROWS = {
        "rows": "3",
        "year_0": "2025",
        "title_0": "Trẻ em được hỗ trợ",
        "id_0": "children_supported",
        "unit_0": "trẻ em",
        "target_0": "1.000",
        "year_1": "2025",
        "title_1": "Cây xanh được trồng",
        "unit_1": "cây",
        "target_1": "",
        "year_2": "",
        "title_2": "",
    }

    def test_rows_are_stored_in_the_record_reports_read(self, world):
        message = post(world, "thdtre-indicators", self.ROWS)

        assert "Indicators saved." in message
        assert get_indicators() == {
            "2025": [
                {
                    "id": "children_supported",
                    "title": "Trẻ em được hỗ trợ",
                    "unit": "trẻ em",
                    "target": 1000,
                },
                {
                    "id": "cay_xanh_duoc_trong",
                    "title": "Cây xanh được trồng",
                    "unit": "cây",
                    "target": None,
                },
            ]
        }
        assert [m["id"] for m in metrics_for(2025)] == [
            "children_supported",
            "cay_xanh_duoc_trong",
        ]
        # The form shows them again, as rows.
        page = settings_page(world)
        section = page.get_element_by_id("thdtre-indicators")
        assert "Trẻ em được hỗ trợ" in section.xpath(".//input/@value")
        assert "1.000" in section.xpath(".//input/@value")
        assert not section.xpath(".//textarea")

    BAD = (
        ({"year_0": "20x5"}, "Row 1: give the year"),
        ({"title_1": ""}, "Row 2: give the indicator's name"),
        ({"target_0": "-5"}, "Row 1: the target must be a whole number"),
        ({"id_1": "children_supported"}, "is used twice in 2025"),
        ({"id_1": "Bad Code"}, "Row 2: the code must be"),
        ({"rows": "100000"}, "Give at most"),
    )

    def test_bad_rows_change_nothing(self, world):
        before = api.portal.get_registry_record("metrics", interface=IThdtreSettings)

        for change, expected in self.BAD:
            message = post(world, "thdtre-indicators", dict(self.ROWS, **change))

            assert expected in message, change
            after = api.portal.get_registry_record("metrics", interface=IThdtreSettings)
            assert after == before, change

    def test_the_refusal_is_in_vietnamese_on_a_vietnamese_site(self, world):
        binding = world.REQUEST["LANGUAGE_TOOL"]
        binding.LANGUAGE = binding.DEFAULT_LANGUAGE = "vi"

        message = post(world, "thdtre-indicators", dict(self.ROWS, year_0="x"))

        assert "Dòng 1: hãy nhập năm" in message

    def test_the_stored_format_is_the_one_before(self, world):
        post(world, "thdtre-indicators", self.ROWS)

        stored = json.loads(
            api.portal.get_registry_record("metrics", interface=IThdtreSettings)
        )
        assert stored["2025"][0]["id"] == "children_supported"
        assert stored["2025"][0]["title"] == "Trẻ em được hỗ trợ"


class TestRenameAndRetireForms:
    def test_rename_follows_into_folder_and_groups(self, world):
        message = post(
            world,
            "thdtre-update-department",
            {
                "id": DEPT_A,
                "title": "Sở Tư pháp Bắc Giang",
                "abbreviation": "STP",
                "parent_body": "UBND TỈNH BẮC GIANG",
            },
        )

        assert "Sở Tư pháp Bắc Giang" in message
        assert get_department(id=DEPT_A)["title"] == "Sở Tư pháp Bắc Giang"
        assert department_folders(id=DEPT_A)[0].title == "Sở Tư pháp Bắc Giang"
        group = api.group.get(groupname=f"thdtre-{DEPT_A}-approvers")
        assert group.getProperty("title").startswith("Sở Tư pháp Bắc Giang")

    def test_a_bad_rename_changes_nothing(self, world):
        before = get_department(id=DEPT_A)

        message = post(
            world,
            "thdtre-update-department",
            {"id": DEPT_A, "title": "", "abbreviation": "STP"},
        )

        assert "Give the department a title" in message
        assert get_department(id=DEPT_A) == before

    def test_retire_then_reactivate(self, world):
        message = post(
            world, "thdtre-retire-department", {"id": DEPT_A, "retired": "1"}
        )

        assert "retired" in message
        assert get_department(id=DEPT_A)["retired"] is True
        row = row_of(settings_page(world), DEPT_A)
        assert "Retired" in row.text_content()
        assert row.xpath(".//button[text()='Reactivate']")

        post(world, "thdtre-retire-department", {"id": DEPT_A, "retired": "0"})

        assert "retired" not in get_department(id=DEPT_A)

    def test_a_bad_choice_changes_nothing(self, world):
        message = post(
            world, "thdtre-retire-department", {"id": DEPT_A, "retired": "2"}
        )

        assert "Choose to retire or to reactivate" in message
        assert "retired" not in get_department(id=DEPT_A)

    def test_csrf_get_and_editors_are_refused(self, world):
        for name in NAMES:
            self.refused(world, name)

    def refused(self, world, name):
        form = {"id": DEPT_A, "retired": "1", "title": "X", "abbreviation": "X"}
        with pytest.raises(Forbidden):
            post(world, name, form, token=False)
        with api.env.adopt_user(username="siteadmin"):
            with pytest.raises(MethodNotAllowed):
                world.restrictedTraverse(f"@@{name}")()
        for user_id in ("editor-a", "approver-a", "publisher"):
            with pytest.raises(Unauthorized):
                post(world, name, form, user_id=user_id)
        assert get_department(id=DEPT_A)["title"] == "Sở Tư pháp"
        assert "retired" not in get_department(id=DEPT_A)
