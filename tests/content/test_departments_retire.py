"""Departments are renamed and retired without losing anything.

Renaming changes the title, abbreviation and parent body; the id stays, the
folders' titles (in every language root) and the groups' titles follow, and the
content is unchanged. A retired department keeps its folder, content, groups and
people; no new plan can be added in it and new content cannot choose it, while
its existing content keeps its department. Reactivating undoes that.
"""

from collective.thdtre.content.plan import IPlan
from collective.thdtre.departments import active_departments
from collective.thdtre.departments import editors_group
from collective.thdtre.departments import get_department
from collective.thdtre.departments.api import department_folders
from collective.thdtre.departments.api import found_departments
from collective.thdtre.departments.api import update_department
from collective.thdtre.departments.retire import reactivate_department
from collective.thdtre.departments.retire import retire_department
from collective.thdtre.errors import DepartmentError
from department_world import api_url
from department_world import DEPT_A
from department_world import DEPT_B
from department_world import make_plan
from department_world import session
from department_world import site_fixture  # noqa: F401
from department_world import sync
from department_world import world_fixture  # noqa: F401
from department_world import world_module
from plone import api
from zExceptions import Unauthorized
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtility
from zope.globalrequest import getRequest
from zope.schema.interfaces import ConstraintNotSatisfied
from zope.schema.interfaces import IVocabularyFactory

import pytest


@pytest.fixture
def iworld(portal):
    """Both departments and their people, for one test (retiring changes them)."""
    world_module.setup_world(portal)
    return portal


VOCABULARY = "collective.thdtre.vocabularies.departments"


def choices(context):
    return [t.value for t in getUtility(IVocabularyFactory, VOCABULARY)(context)]


def add_plan_as(user_id, department=DEPT_A, title="Kế hoạch mới"):
    folder = api.content.get(path=f"/ke-hoach/{department}")
    with api.env.adopt_user(username=user_id):
        return api.content.create(
            container=folder, type="Plan", id="ke-hoach-moi", title=title
        )


def fresh_roles():
    """Forget the local roles borg.localrole cached on the test's long-lived
    request (a real request starts without them)."""
    request = getRequest()
    if request is None:
        return
    annotations = IAnnotations(request)
    for key in [k for k in annotations if "borg.localrole" in str(k)]:
        del annotations[key]


def snapshot(plan):
    return {
        name: getattr(plan, name, None)
        for name in ("title", "department", "number", "symbol", "year")
    } | {"state": api.content.get_state(obj=plan), "path": plan.getPhysicalPath()}


class TestRename:
    def test_title_abbreviation_parent_body_change_the_id_stays(self, iworld):
        plan = make_plan(title="Kế hoạch trước khi đổi tên", state="approved")
        before = snapshot(plan)

        update_department(
            id=DEPT_A,
            title="Sở Tư pháp tỉnh",
            abbreviation="STPT",
            parent_body="UBND TỈNH BẮC GIANG",
        )

        department = get_department(id=DEPT_A)
        assert department["title"] == "Sở Tư pháp tỉnh"
        assert department["abbreviation"] == "STPT"
        assert department["parent_body"] == "UBND TỈNH BẮC GIANG"
        folders = department_folders(id=DEPT_A)
        assert folders
        for folder in folders:
            assert folder.getId() == DEPT_A
            assert folder.title == "Sở Tư pháp tỉnh"
        brains = api.content.find(UID=folders[0].UID(), unrestricted=True)
        assert brains[0].Title == "Sở Tư pháp tỉnh"
        group = api.group.get(groupname=editors_group(DEPT_A))
        assert group.getProperty("title").startswith("Sở Tư pháp tỉnh")
        assert "editor-a" in [u.getId() for u in api.user.get_users(group=group)]
        # The issued plan keeps its number and symbol; nothing of it changed.
        assert snapshot(plan) == before

    def test_bad_input_changes_nothing(self, iworld):
        before = get_department(id=DEPT_A)

        with pytest.raises(DepartmentError):
            update_department(id=DEPT_A, title="", abbreviation="STP")
        with pytest.raises(DepartmentError):
            update_department(id=DEPT_A, title="Sở", abbreviation="S T P")

        assert get_department(id=DEPT_A) == before
        assert department_folders(id=DEPT_A)[0].title == before["title"]


class TestRetire:
    def test_content_folder_and_groups_stay(self, iworld):
        plan = make_plan(title="Kế hoạch của đơn vị ngừng", state="published")
        draft = make_plan(title="Dự thảo của đơn vị ngừng")
        before = snapshot(plan), snapshot(draft)

        info = retire_department(id=DEPT_A)

        assert info["retired"] is True
        assert get_department(id=DEPT_A)["retired"] is True
        assert (snapshot(plan), snapshot(draft)) == before
        (folder,) = department_folders(id=DEPT_A)
        assert api.content.get_state(obj=folder) == "published"
        assert api.group.get(groupname=editors_group(DEPT_A)) is not None
        # Visible as before: anonymous reads the published plan, the editor
        # reads the folder and can still finish their draft.
        with api.env.adopt_roles(["Anonymous"]):
            assert api.user.has_permission("View", obj=plan)
        with api.env.adopt_user(username="editor-a"):
            assert api.user.has_permission("View", obj=folder)
            assert api.user.has_permission("Modify portal content", obj=draft)
        # A reinstall finds it again as retired.
        found = {d["id"]: d for d in found_departments()}
        assert found[DEPT_A].get("retired") is True

    @pytest.mark.parametrize("user_id", ["editor-a", "siteadmin"])
    def test_no_new_plan_can_be_added_in_it(self, iworld, user_id):
        retire_department(id=DEPT_A)

        with pytest.raises((ValueError, Unauthorized, api.exc.InvalidParameterError)):
            add_plan_as(user_id)
        (folder,) = department_folders(id=DEPT_A)
        fresh_roles()
        with api.env.adopt_user(username="editor-a"):
            assert not api.user.has_permission(
                "collective.thdtre: Add Plan", obj=folder
            )
        assert "Plan" not in [t.getId() for t in folder.allowedContentTypes()]

    def test_hidden_from_the_choices_of_new_content_only(self, iworld):
        plan = make_plan(title="Kế hoạch giữ đơn vị")
        retire_department(id=DEPT_A)

        assert choices(api.portal.get()) == [DEPT_B]
        assert choices(department_folders(id=DEPT_B)[0]) == [DEPT_B]
        assert [d["id"] for d in active_departments()] == [DEPT_B]
        # The plan that names it keeps a valid choice (it can still be edited).
        assert DEPT_A in choices(plan)
        with api.env.adopt_user(username="siteadmin"):
            IPlan["department"].bind(plan).validate(DEPT_A)
            # New content elsewhere cannot choose it.
            with pytest.raises(ConstraintNotSatisfied):
                IPlan["department"].bind(api.portal.get()).validate(DEPT_A)

    def test_a_rename_keeps_it_retired(self, iworld):
        retire_department(id=DEPT_A)

        update_department(id=DEPT_A, title="Sở Tư pháp (cũ)", abbreviation="STP")

        assert get_department(id=DEPT_A)["retired"] is True
        assert "Plan" not in [
            t.getId() for t in department_folders(id=DEPT_A)[0].allowedContentTypes()
        ]


class TestReactivate:
    def test_it_takes_new_plans_and_choices_again(self, iworld):
        retire_department(id=DEPT_A)

        info = reactivate_department(id=DEPT_A)

        assert info["retired"] is False
        assert "retired" not in get_department(id=DEPT_A)
        assert choices(api.portal.get()) == [DEPT_A, DEPT_B]
        fresh_roles()
        plan = add_plan_as("editor-a", title="Kế hoạch sau khi dùng lại")
        assert plan.department == DEPT_A

    def test_an_unknown_department_is_refused(self, iworld):
        with pytest.raises(DepartmentError):
            retire_department(id="khong-co")


class TestRest:
    def test_retired_is_shown_and_patched_over_rest(self, site):
        url = api_url(api.portal.get(), f"/@thdtre-departments/{DEPT_B}")
        http = session("siteadmin")

        assert http.get(url).json()["retired"] is False
        response = http.patch(url, json={"retired": True})

        assert response.status_code == 200, response.text
        assert response.json()["retired"] is True
        listing = http.get(api_url(api.portal.get(), "/@thdtre-departments")).json()
        assert {d["id"]: d["retired"] for d in listing["items"]} == {
            DEPT_A: False,
            DEPT_B: True,
        }
        refused = http.patch(url, json={"retired": "no"})
        assert refused.status_code == 400
        assert "must be true or false" in refused.text
        http.patch(url, json={"retired": False})
        sync(site)
        assert "retired" not in get_department(id=DEPT_B)
