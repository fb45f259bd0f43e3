"""What a department's add forms start with: its issuing body, parent body, place,
symbol and signer, so an editor types only what changes from one plan to the next.

The department's record gives its title, abbreviation and parent body; its latest
plan the editor may see gives what the record lacks (the issuing body as the
department writes it, the place, the signature block). z3c.form default-value
adapters, not schema defaults: the REST API and imports keep their own rules, and
the number stays the approvers' (``workflow/numberinput.py``).
"""

from collective.thdtre.content.plan import IPlan
from collective.thdtre.content.report import IReport
from collective.thdtre.content.utils import department_of
from collective.thdtre.content.utils import folder_department
from collective.thdtre.departments import get_department
from collective.thdtre.interfaces import IBrowserLayer
from collective.thdtre.interfaces import IDepartmentFolder
from plone import api
from z3c.form.widget import ComputedWidgetAttribute
from zope.annotation.interfaces import IAnnotations

import re


KEY = "collective.thdtre.presets"
# Fields of a new plan taken from the department's latest plan when it has one.
FROM_LATEST = (
    "parent_body",
    "issuing_body",
    "issue_place",
    "symbol",
    "signing_authority",
    "signer_title",
    "signer_name",
    "report_recipient",
)
# "UBND TỈNH BẮC GIANG", "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG": the place is the
# name after the kind of unit.
PLACE_OF_PARENT = re.compile(
    r"^(?:UBND|[UỦ]Y BAN NHÂN DÂN)\s+(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ)\s+(.+)$",
    re.IGNORECASE,
)


def place_of(parent_body: str) -> str:
    """``Bắc Giang`` from ``UBND TỈNH BẮC GIANG``; empty when it says no place."""
    found = PLACE_OF_PARENT.match((parent_body or "").strip())
    return found[1].strip().title() if found else ""


def latest_plan(department_id: str):
    """The department's most recently created plan the user may see, or None."""
    brains = api.content.find(
        portal_type="Plan",
        department=department_id,
        sort_on="created",
        sort_order="descending",
        sort_limit=1,
    )
    return brains[0].getObject() if brains else None


def department_presets(department_id: str | None) -> dict:
    """Field values a new plan of ``department_id`` starts with (may be empty)."""
    info = get_department(id=department_id) if department_id else None
    if info is None:
        return {}
    values = {
        "department": info["id"],
        "parent_body": info.get("parent_body") or "",
        "issuing_body": (info.get("title") or "").upper(),
        "issue_place": place_of(info.get("parent_body") or ""),
        "symbol": f"KH-{info['abbreviation']}" if info.get("abbreviation") else "",
    }
    latest = latest_plan(info["id"])
    if latest is not None:
        for name in FROM_LATEST:
            value = getattr(latest, name, None)
            if value:
                values[name] = value
    return {name: value for name, value in values.items() if value}


def _cached_presets(request, department_id):
    # One catalog query per form, not one per field.
    cache = IAnnotations(request).setdefault(KEY, {})
    if department_id not in cache:
        cache[department_id] = department_presets(department_id)
    return cache[department_id]


def _plan_default(name):
    def compute(adapter):
        department = folder_department(adapter.context)
        return _cached_presets(adapter.request, department).get(name)

    return ComputedWidgetAttribute(
        compute, context=IDepartmentFolder, request=IBrowserLayer, field=IPlan[name]
    )


# Registered by name in configure.zcml (one adapter per field).
department_default = _plan_default("department")
parent_body_default = _plan_default("parent_body")
issuing_body_default = _plan_default("issuing_body")
issue_place_default = _plan_default("issue_place")
symbol_default = _plan_default("symbol")
signing_authority_default = _plan_default("signing_authority")
signer_title_default = _plan_default("signer_title")
signer_name_default = _plan_default("signer_name")
report_recipient_default = _plan_default("report_recipient")


def _report_department(adapter):
    return department_of(adapter.context)


def _report_unit(adapter):
    info = get_department(id=department_of(adapter.context) or "")
    return info.get("title") if info else None


report_department = ComputedWidgetAttribute(
    _report_department,
    context=IPlan,
    request=IBrowserLayer,
    field=IReport["department"],
)
report_unit = ComputedWidgetAttribute(
    _report_unit,
    context=IPlan,
    request=IBrowserLayer,
    field=IReport["reporting_unit"],
)
