"""Where a piece of content belongs: its plan and its department."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from collective.thdtre.content.plan import IPlan
from collective.thdtre.interfaces import IDepartmentFolder
from collective.thdtre.interfaces import IThdtreContent


def parent_plan(obj):
    """The Plan that holds ``obj`` (``obj`` itself for a Plan), or None."""
    current = aq_inner(obj)
    while current is not None:
        if IPlan.providedBy(current):
            return current
        current = aq_parent(current)
    return None


def department_of(obj) -> str | None:
    """The department that owns ``obj``: its own field, else its plan's.

    Follows the content, not its location: a plan moved to another folder keeps
    its department, and so do its activities, slogans and reports.
    """
    current = aq_inner(obj)
    while current is not None and IThdtreContent.providedBy(current):
        department = getattr(current, "department", None)
        if department:
            return department
        current = aq_parent(current)
    return None


def folder_department(obj) -> str | None:
    """The department of the nearest department folder above ``obj``, or None."""
    current = aq_inner(obj)
    while current is not None:
        if IDepartmentFolder.providedBy(current):
            return getattr(current, "thdtre_department", None)
        current = aq_parent(current)
    return None
