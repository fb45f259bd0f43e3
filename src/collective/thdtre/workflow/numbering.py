"""Document numbers: one yearly sequence per department, given on approval.

The counters live in a BTree in the site's annotations. Two approvals of the
same sequence at once write the same key, so one of them gets a ConflictError
and is retried by the publisher: numbers are never given twice. A counter only
goes up, so a number is not reused after a retract.

Only issued numbers (of approved and published plans) move the sequence: a number
typed into a draft does not, and one already issued cannot be issued again.
"""

from BTrees.OOBTree import OOBTree
from collective.thdtre.content.plan import reindex_parts
from collective.thdtre.content.validators import ISSUED_STATES
from collective.thdtre.content.validators import issued_twin
from collective.thdtre.content.validators import number_taken_message
from collective.thdtre.content.validators import translation_group
from collective.thdtre.dates import site_today
from collective.thdtre.departments import get_department
from collective.thdtre.departments import get_departments
from plone import api
from zope.annotation.interfaces import IAnnotations


KEY = "collective.thdtre.numbers"


def _counters():
    annotations = IAnnotations(api.portal.get())
    if KEY not in annotations:
        annotations[KEY] = OOBTree()
    return annotations[KEY]


def _highest_in_catalog(department: str, year: int) -> int:
    brains = api.content.find(
        portal_type="Plan",
        department=department,
        year=year,
        review_state=ISSUED_STATES,
        unrestricted=True,
    )
    numbers = [0]
    for brain in brains:
        number, _, _symbol = (brain.document_number or "").partition("/")
        if number.isdigit():
            numbers.append(int(number))
    return max(numbers)


def next_number(*, department: str, year: int) -> int:
    """Take the next number of the department's sequence for ``year``."""
    counters = _counters()
    key = f"{department}:{year}"
    number = max(counters.get(key, 0), _highest_in_catalog(department, year)) + 1
    counters[key] = number
    return number


def _automatic_symbol(symbol) -> bool:
    """True for no symbol, or the symbol of one of the departments."""
    return not symbol or symbol in {
        f"KH-{d['abbreviation']}" for d in get_departments() if d.get("abbreviation")
    }


def _year(plan) -> int:
    return plan.year or (plan.issue_date or site_today()).year


def number_refusal(plan):
    """Why ``plan`` may not be approved with the number it was given, or None."""
    if plan.number is None:
        return None
    year = _year(plan)
    twin = issued_twin(
        number=plan.number,
        department=plan.department,
        symbol=plan.symbol,
        year=year,
        uid=plan.UID(),
        group=translation_group(plan),
    )
    return number_taken_message(twin, year) if twin else None


def assign_number(plan) -> None:
    """Number an approved plan that has none; fill its symbol and date if empty."""
    if plan.number is not None:
        # Hand-set by an approver: approval still issues it today.
        if plan.issue_date is None:
            plan.issue_date = site_today()
        if not plan.year:
            plan.year = plan.issue_date.year
        plan.reindexObject()
        reindex_parts(plan)
        return
    department = plan.department or ""
    info = get_department(id=department) if department else None
    if info and info.get("abbreviation") and _automatic_symbol(plan.symbol):
        # Empty, or given by a department the plan has since left: the number
        # comes from this department's sequence, so must the symbol.
        plan.symbol = f"KH-{info['abbreviation']}"
    if plan.issue_date is None:
        plan.issue_date = site_today()
    year = plan.year or plan.issue_date.year
    if not plan.year:
        plan.year = year
    plan.number = next_number(department=department or plan.symbol or "", year=year)
    plan.reindexObject()
    reindex_parts(plan)
