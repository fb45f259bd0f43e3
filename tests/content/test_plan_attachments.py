"""Attachments go through approval (issue 14, finding 6).

A plan (or a report) holds only Activities, Slogans, Reports and Appendices: an
Appendix is a file under the plan's workflow, so one added to a published plan is
a draft nobody outside the department sees until it is approved and published.
"""

from department_world import add_child
from department_world import api_url
from department_world import make_plan
from department_world import session
from department_world import site_fixture  # noqa: F401
from department_world import state_of
from department_world import sync
from department_world import transition_as
from department_world import world_fixture  # noqa: F401
from plone import api

import base64
import pytest
import requests
import transaction


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DENIED = (401, 403, 404)
REFUSED = (302, 401, 403, 404)


def upload(portal_type, title="Phụ lục 1"):
    field = "image" if portal_type == "Image" else "file"
    return {
        "@type": portal_type,
        "title": title,
        field: {
            "data": base64.b64encode(PDF).decode(),
            "encoding": "base64",
            "filename": "phu-luc.pdf",
            "content-type": "application/pdf",
        },
    }


def anonymous_download(obj):
    """The download as an anonymous visitor gets it (a refusal is a redirect to
    the login form, not followed)."""
    return requests.get(
        obj.absolute_url() + "/@@download/file", timeout=30, allow_redirects=False
    )


class TestPublishedPlan:
    @pytest.mark.parametrize("portal_type", ["File", "Image"])
    def test_plone_files_cannot_be_added_to_a_plan(self, site, portal_type):
        plan = make_plan(title=f"Đã ban hành {portal_type}", state="published")
        transaction.commit()

        response = session("editor-a").post(api_url(plan), json=upload(portal_type))

        assert response.status_code in (400, 403), response.text
        sync(site)
        assert plan.objectIds() == []

    def test_new_appendix_of_a_published_plan_waits_for_approval(self, site):
        plan = make_plan(title="Đã ban hành có phụ lục", state="published")
        transaction.commit()

        response = session("editor-a").post(api_url(plan), json=upload("Appendix"))

        assert response.status_code == 201, response.text
        sync(site)
        appendix = plan[response.json()["id"]]
        assert state_of(appendix) == "draft"
        assert anonymous_download(appendix).status_code in REFUSED
        assert session("editor-b").get(api_url(appendix)).status_code in DENIED

        transition_as("editor-a", appendix, "submit")
        transition_as("approver-a", appendix, "approve")
        transaction.commit()
        assert anonymous_download(appendix).status_code in REFUSED
        transition_as("publisher", appendix, "publish")
        transaction.commit()
        response = anonymous_download(appendix)
        assert response.status_code == 200
        assert response.content == PDF


class TestAppendixFollowsThePlan:
    def test_appendix_of_a_draft_is_published_with_the_plan(self, site):
        plan = make_plan(title="Nháp có phụ lục")
        appendix = add_child(plan, "Appendix", "Phụ lục")
        appendix.file = _blob()
        transaction.commit()
        assert anonymous_download(appendix).status_code in REFUSED

        for transition, user_id in (
            ("submit", "editor-a"),
            ("approve", "approver-a"),
            ("publish", "publisher"),
        ):
            transition_as(user_id, plan, transition)
        transaction.commit()

        assert state_of(appendix) == "published"
        assert anonymous_download(appendix).status_code == 200

    def test_appendix_of_a_report_follows_the_report(self, site):
        plan = make_plan(title="Kế hoạch có báo cáo kèm tệp", state="published")
        report = add_child(plan, "Report", "Báo cáo")
        appendix = add_child(report, "Appendix", "Biểu số liệu", user_id="editor-a")
        transition_as("editor-a", report, "submit")
        transition_as("approver-a", report, "approve")
        assert state_of(appendix) == "approved"


class TestWhatAPlanHolds:
    def test_allowed_types(self, site):
        plan = make_plan(title="Loại được thêm")
        with api.env.adopt_user(username="editor-a"):
            allowed = {t.getId() for t in plan.allowedContentTypes()}
        assert allowed == {"Activity", "Slogan", "Report", "Appendix"}
        report = add_child(plan, "Report", "Báo cáo")
        with api.env.adopt_user(username="editor-a"):
            assert {t.getId() for t in report.allowedContentTypes()} == {"Appendix"}

    def test_appendix_only_inside_a_plan_or_report(self, site):
        assert "Appendix" not in {t.getId() for t in site.allowedContentTypes()}


def _blob():
    from plone.namedfile.file import NamedBlobFile

    return NamedBlobFile(
        data=PDF, filename="phu-luc.pdf", contentType="application/pdf"
    )
