"""Field constraints shared by the content schemas.

Each failure is a ``ValidationError`` whose docstring is a translatable message:
z3c.form shows it under the field and plone.restapi returns it in its 400 answer.
"""

from Acquisition import aq_base
from collective.thdtre import _
from plone.uuid.interfaces import IUUID
from zope.interface import Invalid
from zope.schema import ValidationError

import re


# KH, a hyphen, then the issuer's abbreviation: KH-UBND, KH-KHCN, KH-SNgV, KH-LĐTBXH.
SYMBOL_RE = re.compile(r"^KH-[^\W_][\w&.\-]*$")


class InvalidSymbol(ValidationError):
    __doc__ = _(
        "The symbol must look like KH-UBND: KH, a hyphen, then the issuer's "
        "abbreviation, without spaces."
    )


class NegativeNumber(ValidationError):
    __doc__ = _("This number cannot be negative.")


def valid_symbol(value):
    if value and not SYMBOL_RE.match(value):
        raise InvalidSymbol(value)
    return True


def non_negative(value):
    if value is not None and value < 0:
        raise NegativeNumber(value)
    return True


def check_order(data, first, last, message):
    """Raise ``Invalid(message)`` when ``data.last`` falls before ``data.first``."""
    start = getattr(data, first, None)
    end = getattr(data, last, None)
    if start and end and end < start:
        raise Invalid(message)


# Document numbers: a whole number a clerk can write, unique once issued.
HIGHEST_NUMBER = 99999
ISSUED_STATES = ("approved", "published")


class NumberOutOfRange(ValidationError):
    __doc__ = _("A document number is a whole number from 1 to 99999.")


def valid_document_number(value):
    non_negative(value)
    if value is not None and not 1 <= value <= HIGHEST_NUMBER:
        raise NumberOutOfRange(value)
    return True


# Where plone.app.multilingual keeps an item's translation group.
TRANSLATION_GROUP = "_plone.tg"


def translation_group(obj):
    """The translation group of ``obj`` (shared by its translations), or None."""
    return getattr(aq_base(obj), TRANSLATION_GROUP, None) if obj is not None else None


def _same_document(brain, uid, group) -> bool:
    if brain.UID == uid:
        return True
    if group is None:
        return False
    # A translation of the plan is the same document with the same number.
    return translation_group(brain._unrestrictedGetObject()) == group


def issued_twin(*, number, department, symbol, year, uid=None, group=None):
    """The document number of an approved or published plan of the same
    department (or, without one, the same symbol) and year that has ``number``;
    None when the number is free. The plan itself (``uid``) and its translations
    (``group``) do not count."""
    from plone import api  # content schemas stay importable without a site

    if not number or not year:
        return None
    query = {"portal_type": "Plan", "year": year, "review_state": ISSUED_STATES}
    if department:
        query["department"] = department
    for brain in api.content.find(unrestricted=True, **query):
        own = getattr(brain, "department", None) or None
        issued, _slash, issued_symbol = (brain.document_number or "").partition("/")
        if department is None and (own or issued_symbol != (symbol or "")):
            continue
        if issued == str(number) and not _same_document(brain, uid, group):
            return brain.document_number
    return None


def _value(data, name):
    try:
        return getattr(data, name, None)
    except Exception:  # z3c.form's NoInputData on an add form
        return None


def number_taken_message(document_number, year):
    return _(
        "${document} of ${year} has already been issued: choose another number, "
        "or leave it empty and approval gives the next one.",
        mapping={"document": document_number, "year": year},
    )


def check_number_free(data):
    """Invariant of a plan: its hand-set number is not one issued already."""
    number = _value(data, "number")
    if not number:
        return
    from collective.thdtre.content.utils import folder_department

    context = getattr(data, "__context__", None)
    department = _value(data, "department")
    if not department and context is not None:
        department = folder_department(context)
    year = _value(data, "year")
    for name in ("period_start", "issue_date", "period_end"):
        if year:
            break
        value = _value(data, name)
        year = getattr(value, "year", None)
    twin = issued_twin(
        number=number,
        department=department,
        symbol=_value(data, "symbol"),
        year=year,
        uid=IUUID(context, None) if context is not None else None,
        group=translation_group(context),
    )
    if twin:
        raise Invalid(number_taken_message(twin, year))


class ForeignDepartment(ValidationError):
    __doc__ = _(
        "You can only file content under a department you work for: choose your "
        "own department or leave the field empty."
    )


def own_department(value):
    """Constraint of ``department``: one the current user works for."""
    from collective.thdtre.departments import acts_for

    if value and not acts_for(value):
        raise ForeignDepartment(value)
    return True
