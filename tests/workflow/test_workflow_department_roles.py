"""Permissions follow the content's department, not its place, nor copied roles."""

from collective.thdtre.departments.api import department_folder
from conftest import add_child
from conftest import api_url
from conftest import DEPT_A
from conftest import DEPT_B
from conftest import make_plan
from conftest import session
from conftest import sync
from conftest import transition_as
from plone import api

import pytest
import transaction


DENIED = (401, 403)


def found(user_id, obj_or_path) -> set:
    """The UIDs that @search answers ``user_id`` below a path."""
    portal = api.portal.get()
    path = (
        obj_or_path
        if isinstance(obj_or_path, str)
        else "/".join(obj_or_path.getPhysicalPath())
    )
    response = session(user_id).get(
        api_url(portal, "/@search"),
        params={"path.query": path, "metadata_fields": "UID"},
    )
    assert response.status_code == 200, response.text
    return {item["UID"] for item in response.json()["items"]}


def can_edit(user_id, obj) -> int:
    return (
        session(user_id)
        .patch(api_url(obj), json={"title": f"{obj.title} ({user_id})"})
        .status_code
    )


def archive_folder():
    """A plain folder outside every department, e.g. an archive."""
    portal = api.portal.get()
    if "luu-tru" not in portal:
        with api.env.adopt_roles(["Manager"]):
            api.content.create(
                container=portal, type="Folder", id="luu-tru", title="Lưu trữ"
            )
    return portal["luu-tru"]


class TestMovingKeepsTheDepartment:
    @pytest.mark.parametrize("target", ["department B's folder", "an archive folder"])
    def test_moved_plan_keeps_department_a_permissions(self, site, target):
        plan = make_plan(title=f"Kế hoạch chuyển tới {target}")
        activity = add_child(plan, title="Hoạt động đi theo")
        destination = (
            department_folder(id=DEPT_B)
            if target.startswith("department")
            else archive_folder()
        )
        transaction.commit()

        # The Site Administrator moves it, through REST like the UI would.
        response = session("siteadmin").post(
            api_url(destination, "/@move"), json={"source": [plan.absolute_url()]}
        )
        assert response.status_code == 200, response.text
        sync(site)
        plan = destination[plan.getId()]
        activity = plan[activity.getId()]
        assert plan.department == DEPT_A

        # The catalog first (an edit below reindexes): department A finds it at
        # its new place, department B does not.
        assert found("editor-a", plan) == {plan.UID(), activity.UID()}
        assert found("approver-a", plan) == {plan.UID(), activity.UID()}
        assert found("editor-b", plan) == set()
        assert found("approver-b", plan) == set()
        assert session("approver-b").get(api_url(plan)).status_code in DENIED
        assert session("approver-a").get(api_url(plan)).status_code == 200
        assert can_edit("editor-b", plan) in DENIED
        assert can_edit("editor-b", activity) in DENIED
        assert can_edit("editor-a", plan) == 204
        assert can_edit("editor-a", activity) == 204

    def test_department_a_can_still_submit_the_moved_plan(self, site):
        plan = make_plan(title="Kế hoạch chuyển rồi trình")
        with api.env.adopt_user(username="siteadmin"):
            plan = api.content.move(source=plan, target=archive_folder())
        transaction.commit()

        assert (
            session("editor-b").post(api_url(plan, "/@workflow/submit")).status_code
            in DENIED
        )
        response = session("editor-a").post(api_url(plan, "/@workflow/submit"))
        assert response.status_code == 200, response.text
        response = session("approver-a").post(api_url(plan, "/@workflow/approve"))
        assert response.status_code == 200, response.text
        sync(site)
        assert api.content.get_state(obj=plan) == "approved"
        assert plan.symbol == "KH-STP"


class TestChangingTheDepartment:
    def test_permissions_move_with_the_department(self, site):
        plan = make_plan(title="Kế hoạch đổi sở")
        activity = add_child(plan, title="Hoạt động của kế hoạch đổi sở")
        slogan = add_child(plan, "Slogan", title="Khẩu hiệu của kế hoạch đổi sở")
        transaction.commit()
        assert found("editor-a", plan) == {plan.UID(), activity.UID(), slogan.UID()}
        assert found("editor-b", plan) == set()

        response = session("siteadmin").patch(
            api_url(plan), json={"department": DEPT_B}
        )
        assert response.status_code == 204, response.text
        sync(site)
        assert plan.department == DEPT_B

        # The catalog first: an edit below would reindex the objects anyway.
        everything = {plan.UID(), activity.UID(), slogan.UID()}
        assert found("editor-b", plan) == everything
        assert found("approver-b", plan) == everything
        assert found("editor-a", plan) == set()
        assert found("approver-a", plan) == set()
        for obj in (plan, activity, slogan):
            assert session("approver-b").get(api_url(obj)).status_code == 200
            assert session("approver-a").get(api_url(obj)).status_code in DENIED
            assert can_edit("editor-a", obj) in DENIED, obj
            assert can_edit("editor-b", obj) == 204, obj

    def test_department_b_now_runs_the_workflow(self, site):
        plan = make_plan(title="Kế hoạch giao sở B")
        transaction.commit()
        session("siteadmin").patch(api_url(plan), json={"department": DEPT_B})

        assert (
            session("editor-a").post(api_url(plan, "/@workflow/submit")).status_code
            in DENIED
        )
        assert session("editor-b").post(api_url(plan, "/@workflow/submit")).ok
        assert (
            session("approver-a").post(api_url(plan, "/@workflow/approve")).status_code
            in DENIED
        )
        assert session("approver-b").post(api_url(plan, "/@workflow/approve")).ok
        sync(site)
        assert api.content.get_state(obj=plan) == "approved"
        assert plan.number is not None

    def test_symbol_follows_the_new_department(self, site):
        plan_of_a = make_plan(state="pending", title="Kế hoạch số 1 của A", year=2032)
        transition_as("approver-a", plan_of_a, "approve")
        plan = make_plan(title="Kế hoạch chuyển sang B", year=2032)
        transaction.commit()
        session("siteadmin").patch(api_url(plan), json={"department": DEPT_B})
        session("editor-b").post(api_url(plan, "/@workflow/submit"))
        session("approver-b").post(api_url(plan, "/@workflow/approve"))
        sync(site)

        assert plan.number == plan_of_a.number == 1
        assert plan.document_number != plan_of_a.document_number
        assert plan.symbol == "KH-KHCN"

    def test_no_roles_are_copied_onto_the_content(self, site):
        """The roles come from the adapter: nothing to clean up when things change."""
        plan = make_plan(title="Kế hoạch không sao chép vai trò")
        activity = add_child(plan, title="Hoạt động không sao chép")
        for obj in (plan, activity):
            local = dict(obj.get_local_roles())
            assert not any(principal.startswith("thdtre-") for principal in local)
