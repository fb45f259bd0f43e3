"""Vietnamese dates as administrative documents write them (Decree 30/2020/NĐ-CP).

Day numbers below 10 and months below 3 carry a leading zero: ``ngày 05 tháng 01
năm 2024``, ``ngày 14 tháng 4 năm 2020``; the short form is ``01/6/2024``.
Pure Python: used by views, the exporter, the importer and the indexers alike.
"""

from datetime import date
from datetime import datetime


def _day(value: date) -> str:
    return f"{value.day:02d}"


def _month(month: int) -> str:
    return f"{month:02d}" if month < 3 else str(month)


def as_date(value):
    """A ``date`` from a date, datetime, ISO string or Zope DateTime; None if empty."""
    if not value:  # None, "", and a catalog brain's Missing.Value
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    # Zope's DateTime
    if hasattr(value, "asdatetime"):
        return value.asdatetime().date()
    raise TypeError(f"Not a date: {value!r}")


def site_zone():
    """The site's time zone (Site settings, Date and time), or None outside a site."""
    from plone import api
    from plone.api.exc import CannotGetPortalError
    from plone.api.exc import InvalidParameterError
    from zoneinfo import ZoneInfo
    from zoneinfo import ZoneInfoNotFoundError

    try:
        name = api.portal.get_registry_record("plone.portal_timezone", default=None)
    except (CannotGetPortalError, InvalidParameterError):
        return None
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def local_moment(value):
    """An aware moment (Zope DateTime, aware datetime) on the site's clock."""
    if hasattr(value, "asdatetime"):  # Zope's DateTime
        value = value.asdatetime()
    if isinstance(value, datetime) and value.tzinfo is not None:
        zone = site_zone()
        if zone is not None:
            return value.astimezone(zone)
    return value


def local_date(value):
    """The day of a moment (Zope DateTime, aware datetime) where the site is.

    Plone keeps publishing and modification times on the server's clock (UTC on
    most servers): a news item published at 06:30 in Hà Nội is 23:30 the day
    before in UTC, and must show Hà Nội's day. Dates and naive values are kept.
    """
    return as_date(local_moment(value))


def day_text(value) -> str:
    """``05/06/2024``: the day as people type it (dd/mm/yyyy), the site's day
    for a moment; empty for none."""
    day = local_date(value)
    return day.strftime("%d/%m/%Y") if day else ""


def site_today() -> date:
    """Today where the site is (the server's clock may be a day behind or ahead)."""
    zone = site_zone()
    return datetime.now(zone).date() if zone is not None else date.today()


def long_date(value, month: int | None = None, year: int | None = None) -> str:
    """``ngày 05 tháng 01 năm 2024``; a draft's blank day: ``ngày    tháng 5 năm 2022``.

    Pass ``month`` and ``year`` alone for the blank-day form of unsigned drafts.
    """
    day = as_date(value)
    if day is not None:
        return f"ngày {_day(day)} tháng {_month(day.month)} năm {day.year}"
    if month and year:
        return f"ngày    tháng {_month(month)} năm {year}"
    if year:
        return f"ngày    tháng    năm {year}"
    return "ngày    tháng    năm    "


def short_date(value) -> str:
    """``01/6/2024``, ``27/02/2020``; empty string for no date."""
    day = as_date(value)
    if day is None:
        return ""
    return f"{_day(day)}/{_month(day.month)}/{day.year}"


def place_and_date(place: str | None, value, year: int | None = None) -> str:
    """``Bắc Giang, ngày 17 tháng 4 năm 2024``: the italic line under the number."""
    text = long_date(value, year=year)
    place = (place or "").strip()
    return f"{place}, {text}" if place else text[0].upper() + text[1:]


def period(start, end) -> str:
    """``Từ ngày 01/6/2024 đến ngày 30/6/2024``; empty when either end is missing."""
    if not start or not end:
        return ""
    return f"Từ ngày {short_date(start)} đến ngày {short_date(end)}"
