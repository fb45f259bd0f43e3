"""Shared helpers of the workflow tests: two departments, real users, REST sessions.

Department A (``so-tu-phap``, STP) and department B (``so-khcn``, KHCN) are created
with ``create_department``; every person is a real Plone user put into the groups
an administrator would use, so roles come from the add-on's local-role adapter and
the ``thdtre-publishers`` group, never from the test.
"""

from Acquisition import aq_base
from collective.thdtre.departments import approvers_group
from collective.thdtre.departments import editors_group
from collective.thdtre.departments import PUBLISHERS_GROUP
from collective.thdtre.departments.api import create_department
from collective.thdtre.departments.api import department_folder
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.i18n.normalizer import idnormalizer
from Products.MailHost.interfaces import IMailHost
from zope.globalrequest import getRequest

import pytest
import requests
import transaction


PASSWORD = "secret-Passw0rd-thdtre"
DEPT_A = "so-tu-phap"
DEPT_B = "so-khcn"
DEPARTMENTS = {
    DEPT_A: {"title": "Sở Tư pháp", "abbreviation": "STP"},
    DEPT_B: {"title": "Sở Khoa học và Công nghệ", "abbreviation": "KHCN"},
}

# user id -> (groups, global roles)
USERS = {
    "editor-a": ([editors_group(DEPT_A)], []),
    "approver-a": ([approvers_group(DEPT_A)], []),
    "editor-b": ([editors_group(DEPT_B)], []),
    "approver-b": ([approvers_group(DEPT_B)], []),
    "publisher": ([PUBLISHERS_GROUP], []),
    # A one-person office: drafts and approves, so four eyes matters.
    "both-a": ([editors_group(DEPT_A), approvers_group(DEPT_A)], []),
    "siteadmin": ([], ["Site Administrator"]),
}
EDITOR = {DEPT_A: "editor-a", DEPT_B: "editor-b"}
APPROVER = {DEPT_A: "approver-a", DEPT_B: "approver-b"}

# The transitions that bring a fresh draft into each state, and who takes them.
PATH_TO = {
    "draft": (),
    "pending": (("submit", "editor"),),
    "approved": (("submit", "editor"), ("approve", "approver")),
    "published": (
        ("submit", "editor"),
        ("approve", "approver"),
        ("publish", "publisher"),
    ),
}


def email_of(user_id: str) -> str:
    return f"{user_id}@example.org"


def setup_world(portal) -> None:
    """Create both departments, their people and the site administrator."""
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        for dept_id, info in DEPARTMENTS.items():
            create_department(id=dept_id, **info)
        for user_id, (groups, roles) in USERS.items():
            api.user.create(
                username=user_id,
                email=email_of(user_id),
                password=PASSWORD,
                roles=roles or ("Member",),
                properties={"fullname": user_id.replace("-", " ").title()},
            )
            for group in groups:
                api.group.add_user(groupname=group, username=user_id)


def actor_for(kind: str, department: str) -> str:
    return {
        "editor": EDITOR[department],
        "approver": APPROVER[department],
        "publisher": "publisher",
    }[kind]


def transition_as(user_id: str, obj, transition: str, comment: str = "") -> None:
    """Take ``transition`` as ``user_id``, with their own permissions and guards."""
    with api.env.adopt_user(username=user_id):
        api.portal.get_tool("portal_workflow").doActionFor(
            obj, transition, comment=comment
        )


def make_plan(
    *,
    department: str = DEPT_A,
    state: str = "draft",
    title: str = "Kế hoạch Tháng hành động vì trẻ em",
    **fields,
):
    """A plan added by the department's editor, then brought into ``state``."""
    container = department_folder(id=department)
    # A given id spares the rename from a temporary id (and keeps tests fast).
    new_id = base_id = idnormalizer.normalize(title)
    suffix = 1
    while new_id in container.objectIds():
        suffix += 1
        new_id = f"{base_id}-{suffix}"
    with api.env.adopt_user(username=EDITOR[department]):
        plan = api.content.create(
            container=container, type="Plan", id=new_id, title=title
        )
    for name, value in fields.items():
        setattr(plan, name, value)
    if fields:
        plan.reindexObject()
    for transition, kind in PATH_TO[state]:
        transition_as(actor_for(kind, department), plan, transition)
    assert api.content.get_state(obj=plan) == state
    return plan


def add_child(
    plan, portal_type: str = "Activity", title: str = "Hoạt động", *, user_id=None
):
    """A part added to ``plan`` by ``user_id`` (default: the department's editor)."""
    user_id = user_id or EDITOR[plan.department]
    with api.env.adopt_user(username=user_id):
        return api.content.create(container=plan, type=portal_type, title=title)


def state_of(obj) -> str:
    return api.content.get_state(obj=obj)


def api_url(obj_or_portal, suffix: str = "") -> str:
    """The ++api++ URL of an object, e.g. ``.../plone/++api++/ke-hoach/x/@workflow``."""
    portal_url = api.portal.get().absolute_url()
    path = obj_or_portal.absolute_url()[len(portal_url) :]
    return f"{portal_url}/++api++{path}{suffix}"


def session(user_id: str | None) -> requests.Session:
    """A REST session as ``user_id`` (None: anonymous), in English."""
    http = requests.Session()
    http.headers.update({"Accept": "application/json", "Accept-Language": "en"})
    if user_id is not None:
        http.auth = (user_id, PASSWORD)
    return http


def sync(portal) -> None:
    """See what the WSGI server's thread committed."""
    transaction.begin()
    portal._p_jar.sync()
    # plone.registry caches values on the request, and the test's request lives on.
    request = getRequest()
    if request is not None:
        request.other.pop("_plone_registry_cache", None)


@pytest.fixture(scope="class")
def world(functional_portal_class):
    """Departments and people on the functional layer, committed for HTTP.

    Built once per test class (creating users, groups and folders is what costs);
    each test adds plans of its own, with titles of its own.
    """
    setup_world(functional_portal_class)
    transaction.commit()
    return functional_portal_class


@pytest.fixture
def site(world):
    """The functional portal of ``world``, up to date with what the server did."""
    sync(world)
    yield world
    transaction.abort()


@pytest.fixture(scope="class")
def iworld(portal_class):
    """Departments and people on the integration layer, once per test class."""
    setup_world(portal_class)
    return portal_class


def swap_mailhost(portal, mailhost):
    """Put ``mailhost`` in place of the portal's, as MockMailHostLayer does."""
    sm = portal.getSiteManager()
    original = aq_base(portal.MailHost)
    portal.MailHost = aq_base(mailhost)
    sm.unregisterUtility(provided=IMailHost)
    sm.registerUtility(aq_base(mailhost), provided=IMailHost)
    return original
