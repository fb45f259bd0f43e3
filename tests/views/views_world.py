"""The world of the view tests: two departments, their people, plans in a state.

People are real users in the groups an administrator would use, so their roles
come from the add-on's department local roles. Four eyes is off: the site owner
takes a plan through submit, approve and publish alone.
"""

from collective.thdtre.departments import editors_group
from collective.thdtre.departments.api import create_department
from collective.thdtre.departments.api import department_folder
from collective.thdtre.interfaces import IThdtreSettings
from lxml import html as lxml_html
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.testing.zope import Browser
from zope.globalrequest import getRequest

import transaction


PASSWORD = "secret-Passw0rd-thdtre"
KHCN = "so-khcn"
STP = "so-tu-phap"
DEPARTMENTS = {
    KHCN: {
        "title": "Sở Khoa học và Công nghệ",
        "abbreviation": "KHCN",
        "parent_body": "UBND TỈNH BẮC GIANG",
    },
    STP: {
        "title": "Sở Tư pháp",
        "abbreviation": "STP",
        "parent_body": "UBND TỈNH BẮC GIANG",
    },
}
EDITOR_KHCN = "editor-khcn"
EDITOR_STP = "editor-stp"
MEMBER = "member"
# A person's browser: an empty or crawler User-Agent is not counted.
PERSON_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0 Safari/537.36"
)
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
STEPS = {
    "draft": (),
    "pending": ("submit",),
    "approved": ("submit", "approve"),
    "published": ("submit", "approve", "publish"),
}


def setup_world() -> None:
    """Departments KHCN and STP, an editor of each and a plain member."""
    api.portal.set_registry_record("four_eyes", False, interface=IThdtreSettings)
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        for department, info in DEPARTMENTS.items():
            create_department(id=department, **info)
        for user_id, groups in (
            (EDITOR_KHCN, [editors_group(KHCN)]),
            (EDITOR_STP, [editors_group(STP)]),
            (MEMBER, []),
        ):
            api.user.create(
                username=user_id,
                email=f"{user_id}@example.org",
                password=PASSWORD,
                roles=("Member",),
                properties={"fullname": user_id},
            )
            for group in groups:
                api.group.add_user(groupname=group, username=user_id)


def folder_of(department: str):
    return department_folder(id=department)


def make_plan(
    container=None,
    *,
    state="draft",
    department=KHCN,
    slogans=(),
    activities=(),
    **fields,
):
    """A plan of ``department`` in ``container`` (its folder), with its slogans
    and activities, brought to ``state``: its parts follow it there."""
    container = container if container is not None else folder_of(department)
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        plan = api.content.create(
            container=container, type="Plan", department=department, **fields
        )
        for slogan in slogans:
            api.content.create(container=plan, type="Slogan", **slogan)
        for activity in activities:
            api.content.create(container=plan, type="Activity", **activity)
        for transition in STEPS[state]:
            api.content.transition(obj=plan, transition=transition)
    assert api.content.get_state(obj=plan) == state
    return plan


def publish(obj) -> None:
    """Publish a plain content item (folder, news) with the site's workflow."""
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        if api.content.get_state(obj=obj, default=None) not in (None, "published"):
            api.content.transition(obj=obj, to_state="published")


def sync(portal) -> None:
    """See in the test what the requests committed."""
    transaction.begin()
    portal._p_jar.sync()
    request = getRequest()
    if request is not None:
        request.other.pop("_plone_registry_cache", None)


def browser(app, user: str | None = None, *, agent: str = PERSON_AGENT) -> Browser:
    """A test browser as ``user`` (None: anonymous, "admin": the site owner)."""
    made = Browser(app)
    made.handleErrors = False
    made.addHeader("User-Agent", agent)
    if user == "admin":
        made.addHeader(
            "Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}"
        )
    elif user is not None:
        made.addHeader("Authorization", f"Basic {user}:{PASSWORD}")
    return made


def parse(made: Browser):
    return lxml_html.fromstring(made.contents)


def by_class(page, css_class: str) -> list:
    return page.xpath(f'//*[contains(concat(" ", @class, " "), " {css_class} ")]')


def text(node) -> str:
    return " ".join(node.text_content().split())
