"""Dates typed and shown as the user's language writes them: 17/04/2024 in Vietnamese.

Plone 6.2's date widget is a native ``<input type="date">`` (pat-date-picker,
behaviour "native"): the browser draws it in the browser's own locale, so an
editor whose browser speaks English types 04/17/2024 on a Vietnamese site.
On the add-on's sites a date field is a text input in the format Plone's own
catalogues give the language: ``date_format_short_datepicker`` of the
``plonelocales`` domain ("dd/mm/yy" in Vietnamese, where "yy" is the
four-digit year as in jQuery UI). The value reaches the field as a date; an
ISO date (2024-04-17, what the native input sent) is still understood.
"""

from collective.thdtre import _
from datetime import date
from plone.app.z3cform.interfaces import IDateWidget
from plone.app.z3cform.widgets.datetime import DateWidget
from z3c.form.converter import BaseDataConverter
from z3c.form.converter import FormatterValidationError
from z3c.form.interfaces import IFieldWidget
from z3c.form.widget import FieldWidget
from zope.component import adapter
from zope.i18n import translate
from zope.i18nmessageid import MessageFactory
from zope.interface import implementer
from zope.interface import implementer_only
from zope.schema.interfaces import IDate

import re


PLMF = MessageFactory("plonelocales")
DEFAULT_FORMAT = "dd/mm/yy"
# What date_format_short_datepicker may hold (Plone's catalogues say so).
FORMAT = re.compile(r"(dd|mm|yy)([-/.])(dd|mm|yy)\2(dd|mm|yy)")
ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
TOKENS = {
    "dd": ("day", r"(\d{1,2})"),
    "mm": ("month", r"(\d{1,2})"),
    "yy": ("year", r"(\d{4})"),
}


class ITypedDateWidget(IDateWidget):
    """A date widget the user types into, in the language's date format."""


def date_format(request) -> str:
    """The language's datepicker format, e.g. "dd/mm/yy"; Vietnamese's by default."""
    message = PLMF("date_format_short_datepicker", default=DEFAULT_FORMAT)
    text = translate(message, context=request)
    match = FORMAT.fullmatch(text or "")
    if not match or len({match[1], match[3], match[4]}) != 3:
        return DEFAULT_FORMAT
    return text


def shown_format(format_: str) -> str:
    """The format as people read it: "dd/mm/yyyy"."""
    return format_.replace("yy", "yyyy")


def format_date(value: date, format_: str) -> str:
    """``value`` written in ``format_`` with two-digit day and month."""
    parts = {
        "dd": f"{value.day:02}",
        "mm": f"{value.month:02}",
        "yy": f"{value.year:04}",
    }
    match = FORMAT.fullmatch(format_)
    return match[2].join(parts[match[i]] for i in (1, 3, 4))


def parse_date(text: str, format_: str) -> date:
    """The date ``text`` means in ``format_`` (any of - / . between), or ISO.

    Raises ValueError when it is no date.
    """
    text = text.strip()
    iso = ISO.fullmatch(text)
    if iso:
        return date(int(iso[1]), int(iso[2]), int(iso[3]))
    match = FORMAT.fullmatch(format_)
    order = [match[i] for i in (1, 3, 4)]
    found = re.fullmatch(r"[-/.]".join(TOKENS[t][1] for t in order), text)
    if not found:
        raise ValueError(text)
    values = {TOKENS[t][0]: int(v) for t, v in zip(order, found.groups(), strict=True)}
    return date(**values)


def _example(format_: str) -> str:
    return format_date(date(2024, 4, 17), format_)


@implementer_only(ITypedDateWidget)
class TypedDateWidget(DateWidget):
    """A text input for a date, in the language's format, without the native picker."""

    _input_type = "text"
    pattern = ""
    klass = "date-widget thdtre-date"

    @property
    def attributes(self):
        attributes = super().attributes
        format_ = date_format(self.request)
        hint = _(
            "Type the date as ${format}, for example ${example}.",
            mapping={"format": shown_format(format_), "example": _example(format_)},
        )
        attributes.update(
            {
                "placeholder": shown_format(format_),
                "title": translate(hint, context=self.request),
                "inputmode": "numeric",
                "maxlength": "10",
                "autocomplete": "off",
            }
        )
        return attributes


@adapter(IDate, ITypedDateWidget)
class TypedDateConverter(BaseDataConverter):
    """Between a date and the text the user types (dd/mm/yyyy in Vietnamese)."""

    def toWidgetValue(self, value):
        if value is self.field.missing_value or value is None:
            return ""
        return format_date(value, date_format(self.widget.request))

    def toFieldValue(self, value):
        if not value or not value.strip():
            return self.field.missing_value
        format_ = date_format(self.widget.request)
        try:
            return parse_date(value, format_)
        except ValueError:
            message = _(
                "Type the date as ${format}, for example ${example}.",
                mapping={"format": shown_format(format_), "example": _example(format_)},
            )
            raise FormatterValidationError(message, value) from None


@implementer(IFieldWidget)
def TypedDateFieldWidget(field, request):
    return FieldWidget(field, TypedDateWidget(request))
