"""Approving and sending back through REST: four eyes, and a reason to reject."""

from collective.thdtre.interfaces import IThdtreSettings
from conftest import api_url
from conftest import make_plan
from conftest import session
from conftest import state_of
from conftest import sync
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility

import pytest
import transaction


FOUR_EYES = "You submitted this item, so someone else must approve it (four eyes)."
COMMENT_REQUIRED = "Say why the item is sent back: a comment is required."


def submitted_by_both_a(**fields):
    """A plan that ``both-a`` (editor and approver of A) drafted and submitted."""
    plan = make_plan(title="Kế hoạch một người", **fields)
    with api.env.adopt_user(username="both-a"):
        api.content.transition(obj=plan, transition="submit")
    assert plan.workflow_history["thdtre_workflow"][-1]["actor"] == "both-a"
    return plan


@pytest.fixture
def four_eyes_off(site):
    assert api.portal.get_registry_record("four_eyes", interface=IThdtreSettings)
    api.portal.set_registry_record("four_eyes", False, interface=IThdtreSettings)
    transaction.commit()
    yield
    api.portal.set_registry_record("four_eyes", True, interface=IThdtreSettings)
    transaction.commit()


@pytest.fixture
def vietnamese(site):
    """Let the request's Accept-Language choose Vietnamese."""
    records = ("plone.available_languages", "plone.use_request_negotiation")
    registry = getUtility(IRegistry)
    before = [registry[name] for name in records]
    api.portal.set_registry_record(records[0], ["vi", "en"])
    api.portal.set_registry_record(records[1], True)
    transaction.commit()
    yield
    for name, value in zip(records, before, strict=True):
        registry[name] = value
    transaction.commit()


class TestFourEyes:
    def test_submitter_cannot_approve(self, site):
        plan = submitted_by_both_a()
        transaction.commit()

        response = session("both-a").post(api_url(plan, "/@workflow/approve"))

        assert response.status_code == 403, response.text
        assert response.json()["message"] == FOUR_EYES
        sync(site)
        assert state_of(plan) == "pending"
        assert plan.number is None

    def test_submitter_is_not_offered_approve(self, site):
        plan = submitted_by_both_a()
        transaction.commit()

        response = session("both-a").get(api_url(plan, "/@workflow"))

        assert response.status_code == 200
        offered = [t["@id"].rsplit("/", 1)[-1] for t in response.json()["transitions"]]
        assert "approve" not in offered
        assert "reject" in offered

    def test_someone_else_can_approve(self, site):
        plan = submitted_by_both_a(year=2031)
        transaction.commit()

        response = session("approver-a").post(api_url(plan, "/@workflow/approve"))

        assert response.status_code == 200, response.text
        sync(site)
        assert state_of(plan) == "approved"
        assert plan.number == 1

    def test_switched_off_the_submitter_can_approve(self, site, four_eyes_off):
        plan = submitted_by_both_a()
        transaction.commit()

        response = session("both-a").post(api_url(plan, "/@workflow/approve"))

        assert response.status_code == 200, response.text
        sync(site)
        assert state_of(plan) == "approved"
        entry = plan.workflow_history["thdtre_workflow"][-1]
        assert (entry["action"], entry["actor"]) == ("approve", "both-a")

    def test_message_in_vietnamese(self, site, vietnamese):
        plan = submitted_by_both_a()
        transaction.commit()
        http = session("both-a")
        http.headers["Accept-Language"] = "vi"

        response = http.post(api_url(plan, "/@workflow/approve"))

        assert response.status_code == 403
        assert response.json()["message"] == (
            "Bạn là người trình mục này nên phải do người khác phê duyệt "
            "(tách biệt người trình và người duyệt)."
        )


class TestRejectNeedsAComment:
    def test_reject_without_comment_is_refused(self, site):
        plan = make_plan(state="pending", title="Kế hoạch chờ duyệt")
        transaction.commit()

        http = session("approver-a")
        for body in (None, {"comment": ""}, {"comment": "   "}):
            response = http.post(api_url(plan, "/@workflow/reject"), json=body)
            assert response.status_code == 400, response.text
            assert response.json()["error"]["message"] == COMMENT_REQUIRED

        sync(site)
        assert state_of(plan) == "pending"
        actions = [e["action"] for e in plan.workflow_history["thdtre_workflow"]]
        assert actions == [None, "submit"]

    def test_reject_with_comment_sends_back(self, site):
        plan = make_plan(state="pending", title="Kế hoạch chờ duyệt")
        transaction.commit()

        response = session("approver-a").post(
            api_url(plan, "/@workflow/reject"),
            json={"comment": "Bổ sung kinh phí thực hiện."},
        )

        assert response.status_code == 200, response.text
        assert response.json()["review_state"] == "draft"
        sync(site)
        assert state_of(plan) == "draft"
        entry = plan.workflow_history["thdtre_workflow"][-1]
        assert entry["action"] == "reject"
        assert entry["actor"] == "approver-a"
        assert entry["comments"] == "Bổ sung kinh phí thực hiện."
