"""Visitors see published content only; a plan's parts are published with it."""

from collective.thdtre.departments.api import department_folder
from conftest import add_child
from conftest import api_url
from conftest import DEPT_A
from conftest import make_plan
from conftest import session
from conftest import state_of
from conftest import sync
from conftest import transition_as
from plone import api

import transaction


DENIED = (401, 403)
PUBLISH_PLAN_FIRST = "Publish the plan first: its parts are published with it."


def approved_plan_with_parts(title):
    """An approved plan with an approved activity and slogan, a later draft activity
    and a report of its own."""
    plan = make_plan(title=title)
    activity = add_child(plan, title=f"{title}: hội thi vẽ tranh")
    slogan = add_child(plan, "Slogan", title=f"{title}: hãy lắng nghe trẻ em")
    transition_as("editor-a", plan, "submit")
    transition_as("approver-a", plan, "approve")
    late = add_child(plan, title=f"{title}: hoạt động bổ sung", user_id="siteadmin")
    report = add_child(plan, "Report", title=f"{title}: báo cáo", user_id="siteadmin")
    assert state_of(activity) == state_of(slogan) == "approved"
    assert state_of(late) == state_of(report) == "draft"
    return plan, activity, slogan, late, report


def anonymous_search(**params):
    response = session(None).get(
        api_url(api.portal.get(), "/@search"), params=dict(params, b_size=100)
    )
    assert response.status_code == 200, response.text
    return {item["@id"] for item in response.json()["items"]}


class TestPublishingCascades:
    def test_publishing_the_plan_publishes_its_approved_parts(self, site):
        plan, activity, slogan, late, report = approved_plan_with_parts("KH công bố")
        transaction.commit()

        response = session("publisher").post(api_url(plan, "/@workflow/publish"))

        assert response.status_code == 200, response.text
        sync(site)
        assert state_of(plan) == "published"
        assert state_of(activity) == state_of(slogan) == "published"
        # Not approved, not part of the published document: they stay where they were.
        assert state_of(late) == "draft"
        assert state_of(report) == "draft"

    def test_anonymous_sees_only_the_published_parts(self, site):
        plan, activity, slogan, late, report = approved_plan_with_parts("KH khách xem")
        transition_as("publisher", plan, "publish")
        transaction.commit()
        anonymous = session(None)

        response = anonymous.get(api_url(plan))
        assert response.status_code == 200, response.text
        children = {item["@id"] for item in response.json()["items"]}
        assert children == {activity.absolute_url(), slogan.absolute_url()}
        assert anonymous.get(api_url(activity)).status_code == 200
        assert anonymous.get(api_url(slogan)).status_code == 200
        assert anonymous.get(api_url(late)).status_code in DENIED
        assert anonymous.get(api_url(report)).status_code in DENIED

        below_plan = anonymous_search(
            **{"path.query": "/".join(plan.getPhysicalPath())}
        )
        assert below_plan == {
            plan.absolute_url(),
            activity.absolute_url(),
            slogan.absolute_url(),
        }

    def test_retracting_the_plan_takes_its_parts_off(self, site):
        plan, activity, slogan, late, report = approved_plan_with_parts("KH rút lại")
        transition_as("publisher", plan, "publish")
        transaction.commit()
        path = "/".join(plan.getPhysicalPath())
        assert anonymous_search(**{"path.query": path})

        response = session("publisher").post(api_url(plan, "/@workflow/retract"))

        assert response.status_code == 200, response.text
        sync(site)
        assert state_of(plan) == state_of(activity) == state_of(slogan) == "approved"
        anonymous = session(None)
        for obj in (plan, activity, slogan):
            assert anonymous.get(api_url(obj)).status_code in DENIED
        assert anonymous_search(**{"path.query": path}) == set()
        # The department and the publishers still see all of it.
        assert session("publisher").get(api_url(activity)).status_code == 200
        assert session("editor-a").get(api_url(late)).status_code == 200

    def test_a_part_cannot_be_published_before_its_plan(self, site):
        plan, activity, slogan, late, report = approved_plan_with_parts(
            "KH chưa xuất bản"
        )
        transaction.commit()

        for part in (activity, slogan):
            response = session("publisher").post(api_url(part, "/@workflow/publish"))
            assert response.status_code == 403, response.text
            assert response.json()["message"] == PUBLISH_PLAN_FIRST

        sync(site)
        assert state_of(activity) == state_of(slogan) == "approved"
        assert session(None).get(api_url(activity)).status_code in DENIED


class TestAnonymousListings:
    def test_search_folder_and_plan_listings_show_published_only(self, site):
        plans = {
            state: make_plan(state=state, title=f"Kế hoạch Banhmi {state}")
            for state in ("draft", "pending", "approved", "published")
        }
        transaction.commit()
        published = plans["published"].absolute_url()

        assert anonymous_search(SearchableText="Banhmi") == {published}
        assert anonymous_search(portal_type="Plan") == {published}

        response = session(None).get(api_url(department_folder(id=DEPT_A)))
        assert response.status_code == 200, response.text
        listed = {item["@id"] for item in response.json()["items"]}
        assert listed == {published}

        # Someone of the department sees every state in the same listing.
        response = session("editor-a").get(api_url(department_folder(id=DEPT_A)))
        listed = {item["@id"] for item in response.json()["items"]}
        assert listed >= {plan.absolute_url() for plan in plans.values()}
