"""@thdtre-departments: the site administrator manages departments through REST."""

from collective.thdtre.departments import get_department
from collective.thdtre.departments.api import department_folder
from conftest import api_url
from conftest import DEPT_A
from conftest import make_plan
from conftest import session
from conftest import sync
from plone import api

import pytest
import transaction


def departments_url(suffix=""):
    return api_url(api.portal.get(), f"/@thdtre-departments{suffix}")


def post(user_id, body):
    return session(user_id).post(departments_url(), json=body)


class TestCreate:
    def test_post_creates_department_groups_and_folder(self, site):
        response = post(
            "siteadmin",
            {
                "id": "so-y-te",
                "title": "Sở Y tế",
                "abbreviation": "SYT",
                "parent_body": "UBND TỈNH BẮC GIANG",
            },
        )

        assert response.status_code == 201, response.text
        body = response.json()
        assert body["id"] == "so-y-te"
        assert body["title"] == "Sở Y tế"
        assert body["abbreviation"] == "SYT"
        assert body["parent_body"] == "UBND TỈNH BẮC GIANG"
        assert body["editors_group"] == "thdtre-so-y-te-editors"
        assert body["approvers_group"] == "thdtre-so-y-te-approvers"
        sync(site)
        folder = department_folder(id="so-y-te")
        assert body["folder"] == folder.absolute_url()
        assert folder.title == "Sở Y tế"
        assert api.group.get(groupname="thdtre-so-y-te-editors") is not None
        assert api.group.get(groupname="thdtre-so-y-te-approvers") is not None
        listed = session("siteadmin").get(departments_url()).json()["items"]
        assert "so-y-te" in {d["id"] for d in listed}

    def test_group_membership_is_all_it_takes(self, site):
        """An administrator adds a person to the new group; they may draft plans."""
        created = post(
            "siteadmin", {"id": "so-gd", "title": "Sở Giáo dục", "abbreviation": "SGD"}
        ).json()
        response = session("siteadmin").patch(
            api_url(site, "/@groups/thdtre-so-gd-editors"),
            json={"users": {"editor-b": True}},
        )
        assert response.status_code == 204, response.text

        folder_api = created["folder"].replace(
            site.absolute_url(), site.absolute_url() + "/++api++"
        )
        response = session("editor-b").post(
            folder_api, json={"@type": "Plan", "title": "Kế hoạch Sở Giáo dục"}
        )
        assert response.status_code == 201, response.text
        assert response.json()["department"]["token"] == "so-gd"
        # Someone outside the group may not.
        response = session("editor-a").post(
            folder_api, json={"@type": "Plan", "title": "Không được phép"}
        )
        assert response.status_code in (401, 403)

    @pytest.mark.parametrize(
        "body,message",
        [
            (
                {"id": "Sở Y tế", "title": "Sở Y tế", "abbreviation": "SYT"},
                "The id must be 1 to 40 lowercase letters, digits or hyphens, "
                "e.g. so-tu-phap.",
            ),
            (
                {"id": "so-y-te", "title": "", "abbreviation": "SYT"},
                "Give the department a title, e.g. Sở Tư pháp.",
            ),
            (
                {"id": "so-y-te", "title": "Sở Y tế", "abbreviation": "S Y T"},
                "The abbreviation is used in document symbols (KH-STP): give "
                "letters without spaces, e.g. STP.",
            ),
            (
                {"id": DEPT_A, "title": "Sở Tư pháp", "abbreviation": "STP"},
                "A department with this id exists already.",
            ),
        ],
        ids=["bad id", "no title", "bad abbreviation", "duplicate"],
    )
    def test_bad_input_is_a_400_with_a_message(self, site, body, message):
        before = session("siteadmin").get(departments_url()).json()["items"]

        response = post("siteadmin", body)

        assert response.status_code == 400, response.text
        assert response.json()["message"] == message
        after = session("siteadmin").get(departments_url()).json()["items"]
        assert after == before

    @pytest.mark.parametrize(
        "body", [["so-y-te", "Sở Y tế", "SYT"], "so-y-te"], ids=["list", "string"]
    )
    def test_not_a_json_object_is_a_400(self, site, body):
        response = post("siteadmin", body)
        assert response.status_code == 400, response.text
        assert response.json()["message"] == (
            "Send a JSON object with id, title and abbreviation."
        )


class TestChangeAndDelete:
    def test_patch_changes_title_and_abbreviation(self, site):
        post("siteadmin", {"id": "so-xd", "title": "Sở XD", "abbreviation": "SXD"})

        response = session("siteadmin").patch(
            departments_url("/so-xd"),
            json={"title": "Sở Xây dựng", "abbreviation": "SoXD"},
        )

        assert response.status_code == 200, response.text
        assert response.json()["title"] == "Sở Xây dựng"
        assert response.json()["abbreviation"] == "SoXD"
        sync(site)
        assert get_department(id="so-xd")["abbreviation"] == "SoXD"
        assert department_folder(id="so-xd").title == "Sở Xây dựng"
        assert api.group.get(groupname="thdtre-so-xd-editors") is not None

    def test_patch_with_a_bad_abbreviation_changes_nothing(self, site):
        response = session("siteadmin").patch(
            departments_url(f"/{DEPT_A}"), json={"abbreviation": "S T P"}
        )
        assert response.status_code == 400, response.text
        assert "abbreviation" in response.json()["message"]
        sync(site)
        assert get_department(id=DEPT_A)["abbreviation"] == "STP"

    @pytest.mark.parametrize(
        "body",
        [{"id": "doi-ten"}, {"colour": "red"}, {"title": ["Sở"]}, ["Sở Tư pháp"]],
        ids=["id", "unknown field", "not text", "not an object"],
    )
    def test_patch_with_bad_fields_is_a_400(self, site, body):
        response = session("siteadmin").patch(departments_url(f"/{DEPT_A}"), json=body)
        assert response.status_code == 400, response.text
        assert response.json()["message"]
        sync(site)
        assert get_department(id=DEPT_A)["title"] == "Sở Tư pháp"

    def test_patch_of_an_unknown_department_is_refused(self, site):
        response = session("siteadmin").patch(
            departments_url("/no-such"), json={"title": "X"}
        )
        assert response.status_code in (400, 404), response.text

    def test_delete_refuses_while_content_belongs_to_it(self, site):
        post("siteadmin", {"id": "so-nv", "title": "Sở Nội vụ", "abbreviation": "SNV"})
        sync(site)
        plan = make_plan(department=DEPT_A, title="Kế hoạch của Sở Nội vụ")
        plan.department = "so-nv"
        plan.reindexObject()
        transaction.commit()

        response = session("siteadmin").delete(departments_url("/so-nv"))

        assert response.status_code == 400, response.text
        assert response.json()["message"] == (
            "1 items still belong to this department: move them to another "
            "department first."
        )
        sync(site)
        assert get_department(id="so-nv") is not None
        assert api.group.get(groupname="thdtre-so-nv-editors") is not None

        with api.env.adopt_roles(["Manager"]):
            api.content.delete(obj=plan, check_linkintegrity=False)
        transaction.commit()
        response = session("siteadmin").delete(departments_url("/so-nv"))

        assert response.status_code == 204, response.text
        sync(site)
        assert get_department(id="so-nv") is None
        assert department_folder(id="so-nv") is None
        assert api.group.get(groupname="thdtre-so-nv-editors") is None
        assert api.group.get(groupname="thdtre-so-nv-approvers") is None


class TestOnlyAdministrators:
    @pytest.mark.parametrize("user_id", ["editor-a", "approver-a", "publisher", None])
    @pytest.mark.parametrize("method", ["GET", "POST", "PATCH", "DELETE"])
    def test_refused(self, site, user_id, method):
        suffix = "" if method in ("GET", "POST") else f"/{DEPT_A}"
        body = {"id": "so-cam", "title": "Cấm", "abbreviation": "CAM"}
        if method == "PATCH":
            body = {"title": "Đổi tên"}

        response = session(user_id).request(
            method, departments_url(suffix), json=None if method == "DELETE" else body
        )

        assert response.status_code in (401, 403), response.text
        sync(site)
        assert get_department(id="so-cam") is None
        assert get_department(id=DEPT_A)["title"] == "Sở Tư pháp"
