"""Who did which transition when, with comments, for those who may see the item."""

from conftest import add_child
from conftest import api_url
from conftest import make_plan
from conftest import PASSWORD
from conftest import session
from conftest import transition_as
from datetime import date
from plone import api

import html
import pytest
import requests
import transaction


REJECTED = "Thiếu phần kinh phí thực hiện."
APPROVED = "Đồng ý ban hành."


def reviewed_plan(title=None, state="approved", plan=None):
    """Submitted, sent back with a comment, submitted again, approved with one."""
    plan = plan or make_plan(title=title)
    transition_as("editor-a", plan, "submit", comment="Kính trình lãnh đạo.")
    transition_as("approver-a", plan, "reject", comment=REJECTED)
    if state == "draft":
        return plan
    transition_as("editor-a", plan, "submit", comment="Đã bổ sung.")
    if state == "pending":
        return plan
    transition_as("approver-a", plan, "approve", comment=APPROVED)
    if state == "published":
        transition_as("publisher", plan, "publish")
    return plan


def page(user_id, obj):
    http = requests.Session()
    http.headers.update({"Accept": "text/html", "Accept-Language": "en"})
    if user_id:
        http.auth = (user_id, PASSWORD)
    return http.get(obj.absolute_url(), allow_redirects=False)


def refused(response):
    """Plone refuses with 401/403, or sends the visitor to log in."""
    location = response.headers.get("Location", "")
    return response.status_code in (401, 403) or (
        response.status_code in (301, 302, 303)
        and ("login" in location or "insufficient-privileges" in location)
    )


def history_section(text):
    start = text.find('class="thdtre-history"')
    if start == -1:
        return ""
    return html.unescape(text[start : text.index("</section>", start)])


def title_of(transition):
    workflow = api.portal.get_tool("portal_workflow")["thdtre_workflow"]
    return workflow.transitions[transition].title


def rest_history(user_id, obj):
    response = session(user_id).get(api_url(obj, "/@workflow"))
    assert response.status_code == 200, response.text
    return response.json()["history"]


def assert_history_shown(user_id, obj):
    response = page(user_id, obj)
    assert response.status_code == 200, response.text[:300]
    section = history_section(response.text)
    assert section, "no history on the page"
    for text in (
        REJECTED,
        APPROVED,
        "Editor A",
        "Approver A",
        title_of("reject"),
        title_of("approve"),
        title_of("submit"),
        date.today().strftime("%d/%m/%Y"),
    ):
        assert text in section, text
    # Newest first.
    assert section.index(APPROVED) < section.index(REJECTED)


class TestHistoryOnThePage:
    @pytest.mark.parametrize("user_id", ["editor-a", "approver-a", "publisher"])
    def test_shown_on_an_activity(self, site, user_id):
        """The activity follows its plan's transitions, comments included."""
        plan = make_plan(title=f"Kế hoạch có hoạt động {user_id}")
        activity = add_child(plan, title=f"Hoạt động có lịch sử {user_id}")
        reviewed_plan(plan=plan)
        transaction.commit()

        assert_history_shown(user_id, activity)

    @pytest.mark.parametrize("user_id", ["editor-a", "approver-a", "publisher"])
    def test_shown_on_the_plan(self, site, user_id):
        plan = reviewed_plan(title=f"Kế hoạch có lịch sử {user_id}")
        transaction.commit()

        assert_history_shown(user_id, plan)

    def test_not_shown_to_those_who_may_not_see_the_item(self, site):
        plan = reviewed_plan("Kế hoạch lịch sử kín")
        transaction.commit()

        for user_id in ("editor-b", "approver-b", None):
            response = page(user_id, plan)
            assert refused(response), (user_id, response.status_code)
            assert REJECTED not in response.text

    def test_visitors_read_the_parts_not_the_internal_comments(self, site):
        plan = make_plan(title="Kế hoạch đã xuất bản")
        activity = add_child(plan, title="Hoạt động đã xuất bản")
        reviewed_plan(plan=plan, state="published")
        transaction.commit()
        assert_history_shown("editor-a", activity)

        response = page(None, activity)

        assert response.status_code == 200
        assert history_section(response.text) == ""
        assert REJECTED not in response.text


class TestHistoryThroughRest:
    def test_the_approver_sees_it_while_pending(self, site):
        plan = reviewed_plan("Kế hoạch chờ duyệt có lịch sử", state="pending")
        transaction.commit()

        history = rest_history("approver-a", plan)

        entries = [(e["action"], e["actor"], e["comments"]) for e in history]
        assert entries == [
            (None, "editor-a", ""),
            ("submit", "editor-a", "Kính trình lãnh đạo."),
            ("reject", "approver-a", REJECTED),
            ("submit", "editor-a", "Đã bổ sung."),
        ]
        assert all(e["time"] for e in history)

    def test_the_editor_sees_why_it_was_sent_back(self, site):
        plan = reviewed_plan("Kế hoạch bị trả lại", state="draft")
        transaction.commit()

        history = rest_history("editor-a", plan)

        assert history[-1]["action"] == "reject"
        assert history[-1]["actor"] == "approver-a"
        assert history[-1]["comments"] == REJECTED

    @pytest.mark.parametrize("user_id", ["editor-a", "publisher"])
    def test_rest_history_of_an_approved_plan(self, site, user_id):
        plan = reviewed_plan(f"Kế hoạch đã duyệt {user_id}")
        transaction.commit()

        history = rest_history(user_id, plan)

        assert [e["action"] for e in history][-1] == "approve"
        assert history[-1]["comments"] == APPROVED
