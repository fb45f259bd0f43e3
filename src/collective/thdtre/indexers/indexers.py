"""Catalog indexers: a child (activity, slogan, report) is filed under its plan's
department, year, number and issuer, so listings answer from the catalog alone."""

from Acquisition import aq_inner
from collective.thdtre.content.activity import IActivity
from collective.thdtre.content.plan import IPlan
from collective.thdtre.content.report import IReport
from collective.thdtre.content.slogan import ISlogan
from collective.thdtre.content.utils import department_of
from collective.thdtre.content.utils import parent_plan
from collective.thdtre.interfaces import IThdtreContent
from plone.app.textfield.value import RichTextValue
from plone.indexer import indexer

import html
import re


TAGS = re.compile(r"<[^>]+>")


def _from_plan(obj, name):
    own = getattr(aq_inner(obj), name, None) if not IPlan.providedBy(obj) else None
    if own:
        return own
    plan = parent_plan(obj)
    value = getattr(plan, name, None) if plan is not None else None
    if value in (None, ""):
        raise AttributeError(name)
    return value


@indexer(IThdtreContent)
def department(obj):
    value = department_of(obj)
    if not value:
        raise AttributeError("department")
    return value


@indexer(IThdtreContent)
def year(obj):
    return _from_plan(obj, "year")


@indexer(IThdtreContent)
def document_number(obj):
    return _from_plan(obj, "document_number")


@indexer(IThdtreContent)
def issuing_body(obj):
    return _from_plan(obj, "issuing_body")


def _text(value):
    if isinstance(value, RichTextValue):
        return html.unescape(TAGS.sub(" ", value.raw or ""))
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value if v)
    return "" if value is None else str(value)


def _searchable(obj, names):
    return " ".join(t for t in (_text(getattr(obj, n, None)) for n in names) if t)


@indexer(IPlan)
def plan_searchable_text(obj):
    return _searchable(
        obj,
        (
            "id",
            "title",
            "description",
            "document_number",
            "parent_body",
            "issuing_body",
            "issue_place",
            "theme",
            "scope",
            "legal_basis",
            "purpose",
            "requirements",
            "text",
            "budget",
            "implementation",
            "signer_name",
        ),
    )


@indexer(IActivity)
def activity_searchable_text(obj):
    return _searchable(
        obj,
        (
            "id",
            "title",
            "description",
            "lead_unit",
            "coordinating_units",
            "location",
            "target_group",
            "text",
        ),
    )


@indexer(ISlogan)
def slogan_searchable_text(obj):
    return _searchable(obj, ("id", "title", "source"))


@indexer(IReport)
def report_searchable_text(obj):
    return _searchable(obj, ("id", "title", "reporting_unit", "text"))


# Years and issue dates turned into fixed-width counts down: the plain string
# order of the key is newest year, newest issue date, then title.
LAST_YEAR = 9999
LAST_DAY = 9_999_999  # above date.max.toordinal()


@indexer(IPlan)
def archive_order(obj):
    """The archive's order as one key every plan has (a catalog sort drops
    documents missing from its index: drafts without a year or a date)."""
    year = obj.year if isinstance(obj.year, int) else 0
    issued = obj.issue_date.toordinal() if obj.issue_date else 0
    year = LAST_YEAR - min(max(year, 0), LAST_YEAR)
    return f"{year:04d}{LAST_DAY - issued:07d}{obj.title or ''}"


@indexer(IPlan)
def implements(obj):
    """UIDs of the plans this plan implements."""
    uids = []
    for relation in obj.implements or []:
        target = None if relation.isBroken() else relation.to_object
        if target is not None:
            uids.append(target.UID())
    return uids
