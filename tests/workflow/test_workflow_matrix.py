"""Who may do what, in which state: every (role, state, action) through REST.

Plans of department A asked of both departments' editors and approvers, the
publisher, an anonymous visitor and the Site Administrator; plans of department B
asked of both departments' people again: point 3 of the issue. Every person is a
real user in the groups an administrator would use, talking HTTP to a running
server.
"""

from conftest import api_url
from conftest import DEPT_A
from conftest import DEPT_B
from conftest import make_plan
from conftest import session
from conftest import state_of
from conftest import sync

import pytest
import transaction


ROLES = {
    "editor A": "editor-a",
    "approver A": "approver-a",
    "editor B": "editor-b",
    "approver B": "approver-b",
    "publisher": "publisher",
    "anonymous": None,
    "Site Administrator": "siteadmin",
}
OWNERS = {"A": DEPT_A, "B": DEPT_B}
STATES = ("draft", "pending", "approved", "published")
LEAVING = {
    "draft": ("submit",),
    "pending": ("approve", "reject"),
    "approved": ("publish", "reopen"),
    "published": ("retract",),
}
TARGET = {
    "submit": "pending",
    "approve": "approved",
    "reject": "draft",
    "publish": "published",
    "reopen": "draft",
    "retract": "approved",
}

# Who may, per state, as point 3 of the issue says; "editor" and "approver" are
# those of the department that owns the plan.
STAFF = {"editor", "approver", "Site Administrator"}
MAY_VIEW = {
    "draft": STAFF,
    "pending": STAFF,
    "approved": STAFF | {"publisher"},
    "published": STAFF | {"publisher", "anonymous", "other editor", "other approver"},
}
MAY_EDIT = {
    "draft": {"editor", "Site Administrator"},
    "pending": {"Site Administrator"},
    "approved": {"Site Administrator"},
    "published": {"Site Administrator"},
}
MAY_ADD_ACTIVITY = MAY_EDIT
MAY_TRANSITION = {
    "submit": {"editor", "Site Administrator"},
    "approve": {"approver", "Site Administrator"},
    "reject": {"approver", "Site Administrator"},
    "publish": {"publisher", "Site Administrator"},
    "reopen": {"approver", "Site Administrator"},
    "retract": {"publisher", "Site Administrator"},
}


def _relative(role, owner):
    """'editor A' is 'editor' of a plan of A and 'other editor' of a plan of B."""
    if role[-2:] in (" A", " B"):
        kind, department = role.rsplit(" ", 1)
        return kind if department == owner else f"other {kind}"
    return role


def _allowed(state, action):
    if action == "view":
        return MAY_VIEW[state]
    if action in ("edit", "add activity"):
        return (MAY_EDIT if action == "edit" else MAY_ADD_ACTIVITY)[state]
    return MAY_TRANSITION[action]


def _roles(owner):
    # What the publisher, visitors and the Site Administrator may do does not
    # depend on the department: department B's plans ask the departments' people.
    return (
        ROLES if owner == "A" else [role for role in ROLES if role[-2:] in (" A", " B")]
    )


def _cases():
    for owner in OWNERS:
        for state in STATES:
            for action in ("view", "edit", "add activity") + LEAVING[state]:
                allowed = _allowed(state, action)
                for role in _roles(owner):
                    yield pytest.param(
                        owner,
                        role,
                        state,
                        action,
                        _relative(role, owner) in allowed,
                        id=f"plan of {owner}-{state}-{action}-{role}",
                    )


DENIED = (401, 403)


@pytest.fixture(scope="class")
def matrix_portal(world):
    """One plan per department and state, shared by the cases that change nothing."""
    shared = {
        (owner, state): make_plan(
            department=department, state=state, title=f"Shared {owner} {state}"
        )
        for owner, department in OWNERS.items()
        for state in STATES
    }
    transaction.commit()
    return world, {key: plan.getPhysicalPath() for key, plan in shared.items()}


class TestPermissionMatrix:
    @pytest.mark.parametrize("owner,role,state,action,allowed", list(_cases()))
    def test_matrix(self, matrix_portal, owner, role, state, action, allowed):
        portal, shared = matrix_portal
        sync(portal)
        if allowed and action != "view":
            # A change that succeeds gets its own plan, so it spoils no other case.
            plan = make_plan(
                department=OWNERS[owner],
                state=state,
                title=f"{owner} {role} {state} {action}",
            )
            transaction.commit()
        else:
            # Refusals leave the plan as it was (which the test checks).
            plan = portal.unrestrictedTraverse(shared[owner, state])
        http = session(ROLES[role])

        if action == "view":
            response = http.get(api_url(plan))
            if allowed:
                assert response.status_code == 200, response.text
                assert response.json()["review_state"] == state
            else:
                assert response.status_code in DENIED, response.text
            return

        title, children = plan.title, len(plan.objectIds())
        if action == "edit":
            response = http.patch(api_url(plan), json={"title": "Changed by " + role})
        elif action == "add activity":
            response = http.post(
                api_url(plan), json={"@type": "Activity", "title": "Tuyên truyền"}
            )
        else:
            response = http.post(
                api_url(plan, f"/@workflow/{action}"),
                json={"comment": f"{action} by {role}"},
            )
        sync(portal)

        if not allowed:
            assert response.status_code in DENIED, response.text
            assert plan.title == title
            assert len(plan.objectIds()) == children
            assert state_of(plan) == state
            return

        assert response.status_code in (200, 201, 204), response.text
        if action == "edit":
            assert plan.title == "Changed by " + role
        elif action == "add activity":
            (child,) = plan.objectValues()
            assert child.portal_type == "Activity"
            assert state_of(child) == "draft"
        else:
            assert state_of(plan) == TARGET[action]
            entry = plan.workflow_history["thdtre_workflow"][-1]
            assert entry["action"] == action
            assert entry["actor"] == ROLES[role]

    def test_matrix_covers_every_action(self):
        """Guard against a shrinking matrix: 7 + 4 roles x 18 (state, action)."""
        cases = list(_cases())
        assert len(cases) == (7 + 4) * (4 * 3 + 6)
        # Each department's own people may do something the other's may not.
        allowed = {case.values[:4] for case in cases if case.values[4]}
        assert ("A", "editor A", "draft", "submit") in allowed
        assert ("A", "editor B", "draft", "submit") not in allowed
        assert ("B", "editor B", "draft", "submit") in allowed
        assert ("B", "approver A", "pending", "approve") not in allowed
