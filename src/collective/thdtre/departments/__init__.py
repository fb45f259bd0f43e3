"""Departments (Sở, Phòng, UBND) that own plans: stored in the registry as JSON.

The control panel and ``@thdtre-departments`` manage them; everything else reads
them through these functions.
"""

from collective.thdtre.interfaces import IThdtreSettings
from plone.registry.interfaces import IRegistry
from zope.component import queryUtility

import json


RECORD = f"{IThdtreSettings.__identifier__}.departments"
PUBLISHERS_GROUP = "thdtre-publishers"


def editors_group(department_id: str) -> str:
    """Id of the group whose members draft the department's content."""
    return f"thdtre-{department_id}-editors"


def approvers_group(department_id: str) -> str:
    """Id of the group whose members approve the department's content."""
    return f"thdtre-{department_id}-approvers"


def get_departments() -> list[dict]:
    """All departments, in the order the administrator gave them."""
    registry = queryUtility(IRegistry)
    if registry is None:
        return []
    raw = registry.get(RECORD) or "[]"
    try:
        value = json.loads(raw)
    except ValueError:
        return []
    return [d for d in value if isinstance(d, dict) and d.get("id")]


def get_department(*, id: str) -> dict | None:
    """One department by id, or None."""
    for department in get_departments():
        if department["id"] == id:
            return department
    return None


def is_retired(department: dict | None) -> bool:
    """True for a department an administrator retired (no new plans in it)."""
    return bool(department and department.get("retired"))


def active_departments() -> list[dict]:
    """The departments that take new content (retired ones left out)."""
    return [d for d in get_departments() if not is_retired(d)]


def set_departments(departments: list[dict]) -> None:
    """Store the list of departments."""
    registry = queryUtility(IRegistry)
    registry[RECORD] = json.dumps(departments, ensure_ascii=False)


# Roles that act for every department; the publishers' group does too.
ALL_DEPARTMENTS_ROLES = ("Manager", "Site Administrator", "Thdtre Publisher")


def acts_for(department_id: str) -> bool:
    """True when the current user may file content under ``department_id``:
    a member of its editors' or approvers' group, a publisher or a site manager."""
    from AccessControl import getSecurityManager

    user = getSecurityManager().getUser()
    if user is None:
        return False
    if set(user.getRoles()) & set(ALL_DEPARTMENTS_ROLES):
        return True
    groups = set(getattr(user, "getGroups", lambda: ())() or ())
    return bool(
        groups
        & {
            PUBLISHERS_GROUP,
            editors_group(department_id),
            approvers_group(department_id),
        }
    )
