"""A province plan, the units that implement it and their results reports.

Departments are created with ``create_department`` and people are real users in
the groups an administrator would use, so roles come from the add-on's
local-role adapter and the ``thdtre-publishers`` group. Reports go through the
workflow: the unit's editor submits, the unit's approver approves.
"""

from collective.thdtre.departments import approvers_group
from collective.thdtre.departments import editors_group
from collective.thdtre.departments import PUBLISHERS_GROUP
from collective.thdtre.departments.api import create_department
from collective.thdtre.departments.api import department_folder
from collective.thdtre.interfaces import IThdtreSettings
from datetime import date
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.i18n.normalizer import idnormalizer
from zope.globalrequest import getRequest

import json
import requests
import transaction


PASSWORD = "secret-Passw0rd-thdtre"
PROVINCE = "ubnd-tinh"
STP = "so-tu-phap"
KHCN = "so-khcn"
LDTBXH = "so-ldtbxh"
DEPARTMENTS = {
    PROVINCE: {"title": "UBND tỉnh Bắc Giang", "abbreviation": "UBND"},
    STP: {"title": "Sở Tư pháp", "abbreviation": "STP"},
    KHCN: {"title": "Sở Khoa học và Công nghệ", "abbreviation": "KHCN"},
    LDTBXH: {"title": "Sở Lao động, Thương binh và Xã hội", "abbreviation": "LDTBXH"},
}
DEADLINE = date(2024, 7, 22)


def editor(department: str) -> str:
    return f"editor-{department}"


def approver(department: str) -> str:
    return f"approver-{department}"


def email_of(user_id: str) -> str:
    return f"{user_id}@example.org"


def _users():
    for department in DEPARTMENTS:
        yield editor(department), [editors_group(department)], ()
        yield approver(department), [approvers_group(department)], ()
    yield "publisher", [PUBLISHERS_GROUP], ()
    yield "siteadmin", [], ("Site Administrator",)


USERS = [user_id for user_id, _groups, _roles in _users()]


def setup_world() -> None:
    """The departments, an editor and an approver each, a publisher, an admin."""
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        for department, info in DEPARTMENTS.items():
            create_department(id=department, **info)
        for user_id, groups, roles in _users():
            api.user.create(
                username=user_id,
                email=email_of(user_id),
                password=PASSWORD,
                roles=roles or ("Member",),
            )
            for group in groups:
                api.group.add_user(groupname=group, username=user_id)


def set_metrics(configured: dict) -> None:
    api.portal.set_registry_record(
        "metrics", json.dumps(configured, ensure_ascii=False), interface=IThdtreSettings
    )


def transition(user_id: str, obj, name: str) -> None:
    """Take the transition as ``user_id``, with their own permissions and guards."""
    with api.env.adopt_user(username=user_id):
        api.portal.get_tool("portal_workflow").doActionFor(obj, name)


def make_plan(
    *,
    department: str,
    title: str,
    implements=(),
    state: str = "draft",
    **fields,
):
    """A plan of ``department`` implementing the plans ``implements``."""
    folder = department_folder(id=department)
    new_id = base = idnormalizer.normalize(title)
    suffix = 1
    while new_id in folder.objectIds():
        suffix += 1
        new_id = f"{base}-{suffix}"
    fields.setdefault("year", 2024)
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        plan = api.content.create(
            container=folder,
            type="Plan",
            id=new_id,
            title=title,
            department=department,
            **fields,
        )
        for target in implements:
            api.relation.create(source=plan, target=target, relationship="implements")
    if state in ("pending", "approved", "published"):
        transition(editor(department), plan, "submit")
    if state in ("approved", "published"):
        transition(approver(department), plan, "approve")
    if state == "published":
        transition("publisher", plan, "publish")
    assert api.content.get_state(obj=plan) == state
    return plan


def add_report(plan, *, state: str = "draft", submitted_date=None, **figures):
    """The unit's report in ``plan``, written by its editor, brought to ``state``."""
    department = plan.department
    extra = figures.pop("extra_metrics", None)
    with api.env.adopt_user(username=editor(department)):
        report = api.content.create(
            container=plan,
            type="Report",
            id="bao-cao" if "bao-cao" not in plan.objectIds() else None,
            title=f"Báo cáo kết quả của {plan.issuing_body or plan.title}",
        )
    for name, value in figures.items():
        setattr(report, name, value)
    if extra is not None:
        report.extra_metrics = extra
    report.submitted_date = submitted_date
    report.reindexObject()
    if state in ("pending", "approved"):
        transition(editor(department), report, "submit")
    if state == "approved":
        transition(approver(department), report, "approve")
    assert api.content.get_state(obj=report) == state
    return report


def province_plan(**fields):
    fields.setdefault("report_deadline", DEADLINE)
    fields.setdefault("number", 26)
    return make_plan(
        department=PROVINCE,
        title="Tổ chức Tháng hành động vì trẻ em năm 2024",
        symbol="KH-UBND",
        issuing_body="UBND TỈNH BẮC GIANG",
        **fields,
    )


def unit_plan(province, *, department: str, issuing_body: str, number: int, **kw):
    abbreviation = DEPARTMENTS[department]["abbreviation"]
    return make_plan(
        department=department,
        title=f"Thực hiện Tháng hành động vì trẻ em - {issuing_body}",
        implements=[province],
        number=number,
        symbol=f"KH-{abbreviation}",
        issuing_body=issuing_body,
        **kw,
    )


def sync(portal) -> None:
    """See what the WSGI server's thread committed."""
    transaction.begin()
    portal._p_jar.sync()
    # plone.registry caches values on the request, and the test's request lives on.
    request = getRequest()
    if request is not None:
        request.other.pop("_plone_registry_cache", None)


def rows_by_unit(summary: dict) -> dict:
    return {row["unit"]: row for row in summary["rows"]}


def session(user_id: str | None, *, accept: str = "application/json"):
    """An HTTP session as ``user_id`` (None: anonymous)."""
    http = requests.Session()
    http.headers.update({"Accept": accept})
    if user_id is not None:
        http.auth = (user_id, PASSWORD)
    return http


DENIED = (401, 403)
CHALLENGE = "/acl_users/credentials_cookie_auth/require_login?came_from="


def refused(user_id: str | None, response) -> bool:
    """Plone refuses a page with 401/403, or with its challenge: the login
    form for a visitor, "insufficient privileges" for a logged-in user."""
    if response.status_code in DENIED:
        return True
    location = response.headers.get("Location", "")
    if response.status_code != 302 or CHALLENGE not in location:
        return False
    landing = session(user_id, accept="text/html").get(location)
    expected = "/insufficient-privileges" if user_id else "/login"
    return landing.status_code == 200 and expected in landing.url


# The three units of a province plan on the functional layer, and what they sent.
ON_TIME_UNIT = "SỞ TƯ PHÁP"
LATE_UNIT = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
MISSING_UNIT = "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"


def _unissued(department: str, number: int, year: int) -> int:
    """``number``, or the next free one (+100) when a plan of ``department`` and
    ``year`` was already approved with it: numbers are unique once issued."""
    taken = {
        plan.number
        for plan in department_folder(id=department).objectValues()
        if getattr(plan, "year", None) == year
        and api.content.get_state(obj=plan, default=None) in ("approved", "published")
    }
    while number in taken:
        number += 100
    return number


def results_world(
    *,
    state: str,
    public_summary: bool = False,
    year: int = 2024,
    unit_state: str = "published",
):
    """A province plan in ``state`` with an on-time, a late and a missing unit,
    whose plans are ``unit_state`` (published: the province's people may open
    them, and summaries list only the plans the viewer may open)."""
    province = province_plan(
        state=state,
        public_summary=public_summary,
        year=year,
        number=_unissued(PROVINCE, 26, year),
    )
    units = {"year": year, "state": unit_state}
    on_time = unit_plan(
        province,
        department=STP,
        issuing_body=ON_TIME_UNIT,
        number=_unissued(STP, 12, year),
        **units,
    )
    add_report(
        on_time,
        state="approved",
        submitted_date=date(2024, 7, 20),
        children_supported=35,
        gifts=40,
        fund_raised_vnd=1_250_000,
        extra_metrics={"trees_planted": 150},
    )
    late = unit_plan(
        province,
        department=KHCN,
        issuing_body=LATE_UNIT,
        number=_unissued(KHCN, 63, year),
        **units,
    )
    add_report(
        late,
        state="approved",
        submitted_date=date(2024, 7, 25),
        children_supported=10,
        fund_raised_vnd=2_000_000,
        extra_metrics={"trees_planted": 1_000},
    )
    unit_plan(
        province,
        department=LDTBXH,
        issuing_body=MISSING_UNIT,
        number=_unissued(LDTBXH, 40, year),
        **units,
    )
    return province
