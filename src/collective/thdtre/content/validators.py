"""Field constraints shared by the content schemas.

Each failure is a ``ValidationError`` whose docstring is a translatable message:
z3c.form shows it under the field and plone.restapi returns it in its 400 answer.
"""

from collective.thdtre import _
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
