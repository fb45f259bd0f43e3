"""How long each kind of text of the add-on's types may be.

Without a bound a 5 MB title was stored and made a 20 MB page. The bounds are
constraints with messages of the add-on's own, so that forms, REST and the
import (which goes through REST's deserializers) refuse the same values with
the same translated message.
"""

from collective.thdtre import _
from zope.schema import ValidationError


TITLE = 1_000  # a plan's summary, an activity's title, a slogan
LINE = 500  # an issuing body, a unit, a place, a name
TEXT = 100_000  # a description, a legal basis, a purpose
RICH_TEXT = 2_000_000  # rich text, and a document's text as written
ITEMS = 500  # recipients, coordinating units, other figures


class TitleTooLong(ValidationError):
    __doc__ = _("The title is too long: keep it under 1,000 characters.")


class LineTooLong(ValidationError):
    __doc__ = _("This line is too long: keep it under 500 characters.")


class TextTooLong(ValidationError):
    __doc__ = _("This text is too long: keep it under 100,000 characters.")


class RichTextTooLong(ValidationError):
    __doc__ = _("This text is too long: keep it under 2,000,000 characters.")


class TooManyItems(ValidationError):
    __doc__ = _("There are too many lines: give at most 500.")


def _length(value) -> int:
    # A rich text value counts its source.
    raw = getattr(value, "raw", value)
    return len(raw) if isinstance(raw, (str, bytes, list, tuple, dict)) else 0


def _bound(limit: int, error: type[ValidationError]):
    def check(value):
        if value is not None and _length(value) > limit:
            raise error(_length(value))
        return True

    return check


title = _bound(TITLE, TitleTooLong)
line = _bound(LINE, LineTooLong)
text = _bound(TEXT, TextTooLong)
rich_text = _bound(RICH_TEXT, RichTextTooLong)
items = _bound(ITEMS, TooManyItems)


def both(first, second):
    """A constraint that needs ``first`` and ``second`` to hold."""

    def check(value):
        return first(value) and second(value)

    return check
