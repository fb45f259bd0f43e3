"""Dates with a time typed as Vietnamese offices write them: 17/04/2024 08:30.

Plone 6.2's datetime widget is a native ``<input type="datetime-local">``: the
browser draws it in its own locale, so an editor whose browser speaks English
types 04/17/2024 08:30 AM for a News Item's publishing date. On a Vietnamese
site the widget is a text input: the date in the format the date widget uses
(``datewidget.date_format``), then a 24-hour time. Other languages keep Plone's
widget.

What is typed is the time on the site's clock (Plone's time zone setting, or
the user's own): Asia/Ho_Chi_Minh on the add-on's sites, whatever the server's.
The publishing and expiry dates (IPublication) are kept as plone.app.dexterity
keeps them, a time without a zone read on the server's clock, which is also
what plone.restapi hands them over as; so the typed time is moved to the
server's clock before it is stored, and back to the site's when it is shown.
"""

from collective.thdtre import _
from collective.thdtre.browser.datewidget import date_format
from collective.thdtre.browser.datewidget import format_date
from collective.thdtre.browser.datewidget import parse_date
from collective.thdtre.browser.datewidget import shown_format
from datetime import datetime
from datetime import time
from plone import api
from plone.app.dexterity.behaviors.metadata import IPublication
from plone.app.event.base import default_timezone
from plone.app.z3cform.interfaces import IDatetimeWidget
from plone.app.z3cform.widgets.datetime import DatetimeFieldWidget
from plone.app.z3cform.widgets.datetime import DatetimeWidget
from z3c.form.converter import BaseDataConverter
from z3c.form.converter import FormatterValidationError
from z3c.form.interfaces import IFieldWidget
from z3c.form.widget import FieldWidget
from zope.component import adapter
from zope.component.hooks import getSite
from zope.i18n import translate
from zope.interface import implementer
from zope.interface import implementer_only
from zope.schema.interfaces import IDatetime

import html
import pytz
import re


TIME_FORMAT = "HH:MM"
# A date, then (after spaces, or the T of ISO) an hour and minutes: 08:30, 8h30.
DATETIME = re.compile(
    r"(?P<date>[^\sT]+)(?:(?:\s+|T)(?P<hour>\d{1,2})[:hH](?P<minute>\d{2})(?::\d{2})?)?"
)


class ITypedDatetimeWidget(IDatetimeWidget):
    """A date and time the user types into, in the language's date format."""


def is_vietnamese(request) -> bool:
    """Whether the request is answered in Vietnamese (else the site's language)."""
    language = request.get("LANGUAGE") or api.portal.get_default_language() or ""
    return language.split("-")[0].lower() == "vi"


def format_datetime(value: datetime, format_: str) -> str:
    """``value`` as ``17/04/2024 08:30`` for ``format_`` "dd/mm/yy"."""
    return f"{format_date(value, format_)} {value.hour:02}:{value.minute:02}"


def parse_datetime(text: str, format_: str, default: time = time(0, 0)) -> datetime:
    """The wall-clock time ``text`` means: a date in ``format_`` (or ISO), then
    an hour and minutes; ``default`` when no time is given.

    Raises ValueError when it is no date and time.
    """
    found = DATETIME.fullmatch(text.strip())
    if not found:
        raise ValueError(text)
    day = parse_date(found["date"], format_)
    at = default
    if found["hour"] is not None:
        at = time(int(found["hour"]), int(found["minute"]))
    return datetime.combine(day, at)


def _example(format_: str) -> str:
    return format_datetime(datetime(2024, 4, 17, 8, 30), format_)


def _hint(format_: str):
    return _(
        "Type the date and time as ${format}, for example ${example}.",
        mapping={
            "format": f"{shown_format(format_)} {TIME_FORMAT}",
            "example": _example(format_),
        },
    )


@implementer_only(ITypedDatetimeWidget)
class TypedDatetimeWidget(DatetimeWidget):
    """A text input for a date and time, without the browser's native picker."""

    _input_type = "text"
    pattern = ""
    klass = "datetime-widget thdtre-datetime"

    @property
    def attributes(self):
        attributes = super().attributes
        format_ = date_format(self.request)
        attributes.update(
            {
                "placeholder": f"{shown_format(format_)} {TIME_FORMAT}",
                "title": translate(_hint(format_), context=self.request),
                "maxlength": "20",
                "autocomplete": "off",
            }
        )
        return attributes

    def render(self):
        if self.mode == "display":
            # Already written as typed; Plone's display would read it again
            # on the server's clock.
            return html.escape(self.value or "")
        return super().render()


@adapter(IDatetime, ITypedDatetimeWidget)
class TypedDatetimeConverter(BaseDataConverter):
    """Between a datetime and the text the user types (dd/mm/yyyy HH:MM)."""

    def _zone(self):
        return default_timezone(self.widget.context or getSite(), as_tzinfo=True)

    def _server_clock(self) -> bool:
        # plone.restapi tells IPublication's fields the same way.
        return self.field.interface is IPublication

    def toWidgetValue(self, value):
        if value is None or value is self.field.missing_value:
            return ""
        if self._server_clock():
            # A naive value is on the server's clock: astimezone() reads it so.
            value = value.astimezone(self._zone())
        return format_datetime(value, date_format(self.widget.request))

    def toFieldValue(self, value):
        if not value or not value.strip():
            return self.field.missing_value
        format_ = date_format(self.widget.request)
        try:
            typed = parse_datetime(value, format_, default=self._default_time())
        except ValueError:
            raise FormatterValidationError(_hint(format_), value) from None
        if self._server_clock():
            moment = self._zone().localize(typed)
            return moment.astimezone().replace(tzinfo=None)
        zone = self._widget_zone()
        return pytz.timezone(zone).localize(typed) if zone else typed

    def _default_time(self) -> time:
        default = self.widget.default_time
        if callable(default):
            default = default(self.widget.context)
        hour, minute = (int(part) for part in default.split(":")[:2])
        return time(hour, minute)

    def _widget_zone(self) -> str | None:
        # Plone's own converter keeps a naive time unless the widget names a zone.
        zone = self.widget.default_timezone
        return zone(self.widget.context) if callable(zone) else zone


@implementer(IFieldWidget)
def TypedDatetimeFieldWidget(field, request):
    """Vietnamese: the typed widget; any other language: Plone's native one."""
    if not is_vietnamese(request):
        return DatetimeFieldWidget(field, request)
    return FieldWidget(field, TypedDatetimeWidget(request))
