"""Work cannot be handed to another department (issue 14, finding 5).

``department`` names only a department the person works for (site managers and
publishers aside), over REST and the forms; a plan's parts take its department.
"""

from collective.thdtre.departments.api import department_folder
from department_world import api_url
from department_world import DEPT_A
from department_world import DEPT_B
from department_world import make_plan
from department_world import session
from department_world import site_fixture  # noqa: F401
from department_world import sync
from department_world import transition_as
from department_world import world_fixture  # noqa: F401
from plone import api

import html
import lxml.html
import pytest
import transaction


DENIED = (401, 403, 404)
FOREIGN = "You can only file content under a department you work for"


class TestPlanDepartment:
    def test_editor_cannot_patch_the_department_of_a_draft(self, site):
        plan = make_plan(title="Nháp chuyển đi")
        transaction.commit()

        response = session("editor-a").patch(api_url(plan), json={"department": DEPT_B})

        assert response.status_code == 400, response.text
        assert FOREIGN in response.text
        sync(site)
        assert plan.department == DEPT_A
        # B never sees it, let alone approves it under its own symbol.
        assert session("approver-b").get(api_url(plan)).status_code in DENIED

    def test_editor_cannot_post_a_plan_of_another_department(self, site):
        folder = department_folder(id=DEPT_A)
        response = session("editor-a").post(
            api_url(folder),
            json={"@type": "Plan", "title": "Gửi nhờ phòng khác", "department": DEPT_B},
        )
        assert response.status_code == 400, response.text
        assert FOREIGN in response.text
        sync(site)
        assert not api.content.find(Title="Gửi nhờ phòng khác", unrestricted=True)

    def test_editor_may_name_their_own_department(self, site):
        plan = make_plan(title="Nháp của mình")
        transaction.commit()
        response = session("editor-a").patch(
            api_url(plan), json={"department": DEPT_A, "description": "ok"}
        )
        assert response.status_code == 204, response.text

    @pytest.mark.parametrize("user_id", ["siteadmin", "publisher"])
    def test_site_administrators_and_publishers_move_plans(self, site, user_id):
        plan = make_plan(title=f"Chuyển bởi {user_id}", state="approved")
        transaction.commit()
        response = session(user_id).patch(api_url(plan), json={"department": DEPT_B})
        # Publishers cannot edit an approved plan at all; site administrators can.
        if user_id == "siteadmin":
            assert response.status_code == 204, response.text
            sync(site)
            assert plan.department == DEPT_B
        else:
            assert response.status_code in DENIED

    def test_edit_form_refuses_another_department(self, site):
        plan = make_plan(title="Nháp sửa bằng biểu mẫu")
        transaction.commit()
        http = session("editor-a")
        http.headers["Accept"] = "text/html"
        page = http.get(plan.absolute_url() + "/@@edit")
        assert page.status_code == 200, page.status_code
        (token,) = lxml.html.fromstring(page.text).xpath(
            '//form[@id="form"]//input[@name="_authenticator"]/@value'
        )
        response = http.post(
            plan.absolute_url() + "/@@edit",
            data={
                "form.widgets.IBasic.title": plan.title,
                "form.widgets.title": plan.title,
                "form.widgets.department:list": DEPT_B,
                "form.widgets.department-empty-marker": "1",
                "form.buttons.save": "Save",
                "_authenticator": token,
            },
        )
        assert response.status_code == 200
        assert FOREIGN in html.unescape(response.text)
        sync(site)
        assert plan.department == DEPT_A


class TestPartsFollowThePlan:
    def test_report_posted_with_another_department_takes_the_plans(self, site):
        plan = make_plan(title="Kế hoạch có báo cáo")
        transaction.commit()
        response = session("siteadmin").post(
            api_url(plan),
            json={"@type": "Report", "title": "Báo cáo lạc", "department": DEPT_B},
        )
        assert response.status_code == 201, response.text
        sync(site)
        report = plan[response.json()["id"]]
        assert report.department == DEPT_A
        assert session("approver-b").get(api_url(report)).status_code in DENIED
        assert session("approver-a").get(api_url(report)).status_code == 200

    def test_report_patched_to_another_department_stays_with_the_plan(self, site):
        plan = make_plan(title="Kế hoạch có báo cáo sửa")
        with api.env.adopt_user(username="editor-a"):
            report = api.content.create(container=plan, type="Report", title="BC")
        transaction.commit()
        response = session("siteadmin").patch(
            api_url(report), json={"department": DEPT_B}
        )
        assert response.status_code in (204, 400), response.text
        sync(site)
        assert report.department == DEPT_A
        assert session("editor-b").get(api_url(report)).status_code in DENIED

    def test_parts_move_with_the_plan(self, site):
        plan = make_plan(title="Kế hoạch đổi phòng")
        with api.env.adopt_user(username="editor-a"):
            report = api.content.create(container=plan, type="Report", title="BC")
        transaction.commit()
        response = session("siteadmin").patch(
            api_url(plan), json={"department": DEPT_B}
        )
        assert response.status_code == 204, response.text
        sync(site)
        assert report.department == DEPT_B
        (brain,) = api.content.find(UID=report.UID(), unrestricted=True)
        assert brain.department == DEPT_B
        assert session("approver-a").get(api_url(report)).status_code in DENIED
        transition_as("editor-b", plan, "submit")
