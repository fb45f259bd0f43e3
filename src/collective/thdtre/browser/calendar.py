"""@@thdtre-calendar: a month of published activities, from catalog metadata.

Without a month asked for, the page opens on the latest month that has
activities, so a visitor never lands on an empty month when there are some.
Every query is bounded (``MAX_ACTIVITIES``, ``sort_limit``): a site of 20,000
plans is answered from the catalog's indexes and metadata alone.
"""

from collective.thdtre import _
from collective.thdtre import dates
from collective.thdtre.browser.params import int_param
from collective.thdtre.browser.params import text_param
from collective.thdtre.dates import site_today
from collective.thdtre.multilingual import current_language_query
from datetime import date
from datetime import timedelta
from plone import api
from Products.Five.browser import BrowserView
from zope.i18n import translate

import calendar


ACTION_MONTH = 6
# Years a date can hold, with room for the next and previous month's links.
FIRST_YEAR, LAST_YEAR = 2, 9998
# The year choice offers at most this many years around those with activities.
MAX_YEARS = 60
# A month shows at most this many activities; a unit narrows the list.
MAX_ACTIVITIES = 300
# A day of the grid names at most this many; the list below has them all.
MAX_PER_DAY = 5
WEEKDAYS = (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun"))


def _published_activities() -> dict:
    return {
        "portal_type": "Activity",
        "review_state": "published",
        **current_language_query(),
    }


class ActivitiesCalendar(BrowserView):
    """Published activities in a month grid (list on phones), with a month choice."""

    def __call__(self):
        request = self.request
        self.unit = text_param(request, "unit")
        year = int_param(request, "year", minimum=FIRST_YEAR, maximum=LAST_YEAR)
        month = int_param(request, "month", minimum=1, maximum=12)
        if month is None:
            year, month = self._opening_month(year)
        self.year = year or site_today().year
        self.month = month
        self.latest = None if self.activities() else self._latest_start()
        return self.index()

    # Catalog -----------------------------------------------------------------

    def _query(self, unit=None) -> dict:
        query = {
            **_published_activities(),
            "path": "/".join(self.context.getPhysicalPath()),
        }
        if unit:
            query["lead_unit"] = unit
        return query

    def _edge_start(self, *, latest: bool, **criteria):
        """The earliest or latest activity start (a date), or None."""
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog(
            sort_on="start",
            sort_order="descending" if latest else "ascending",
            sort_limit=1,
            **self._query(self.unit),
            **criteria,
        )
        for brain in brains[:1]:
            return dates.as_date(brain.start)
        return None

    def _latest_start(self, year=None):
        criteria = {}
        if year:
            criteria["start"] = {
                "query": (date(year, 1, 1), date(year, 12, 31)),
                "range": "min:max",
            }
        return self._edge_start(latest=True, **criteria)

    def _opening_month(self, year):
        """Without a month: June of ``year`` if it has activities, else the
        latest month with activities (of ``year`` when asked), else June."""
        if year and self._month_brains(year, ACTION_MONTH, limit=1, unit=self.unit)[0]:
            return year, ACTION_MONTH
        latest = self._latest_start(year)
        if latest is None:
            return year, ACTION_MONTH
        return latest.year, latest.month

    def _month_brains(self, year, month, *, limit, unit):
        """The month's activities (at most ``limit``) and how many there are."""
        first = date(year, month, 1)
        last = date(year, month, calendar.monthrange(year, month)[1])
        catalog = api.portal.get_tool("portal_catalog")
        query = self._query(unit)
        # Activity dates are whole days: one starting on the 1st of the next month
        # is not in this one.
        overlapping = catalog(
            start={"query": last, "range": "max"},
            end={"query": first, "range": "min"},
            sort_on="start",
            sort_limit=limit,
            **query,
        )[:limit]
        # A one-day activity may have no end, and then it is not in the end index.
        starting = catalog(
            start={"query": (first, last), "range": "min:max"},
            sort_on="start",
            sort_limit=limit,
            **query,
        )[:limit]
        total = max(
            getattr(overlapping, "actual_result_count", len(overlapping)),
            getattr(starting, "actual_result_count", len(starting)),
        )
        brains = {b.getRID(): b for b in (*overlapping, *starting)}.values()
        brains = sorted(brains, key=lambda b: (dates.as_date(b.start), b.Title))
        return brains[:limit], total

    # What the template shows -------------------------------------------------

    def activities(self):
        if not hasattr(self, "_activities"):
            brains, self.total = self._month_brains(
                self.year, self.month, limit=MAX_ACTIVITIES, unit=self.unit
            )
            self._activities = [self._activity(b) for b in brains]
        return self._activities

    def _activity(self, brain) -> dict:
        start = dates.as_date(brain.start)
        end = dates.as_date(brain.end) or start
        return {
            "title": brain.Title,
            "url": brain.getURL(),
            "plan_url": brain.getURL().rsplit("/", 1)[0],
            "plan_number": brain.document_number or "",
            "unit": brain.lead_unit or "",
            "start": start,
            "end": max(end, start) if start else end,
            "when": " – ".join(
                dict.fromkeys(
                    d for d in (dates.short_date(start), dates.short_date(end)) if d
                )
            ),
        }

    def truncated(self) -> bool:
        return len(self.activities()) >= MAX_ACTIVITIES and self.total > MAX_ACTIVITIES

    def weeks(self):
        """Weeks of the month, Monday first: each day with the activities held then."""
        first = date(self.year, self.month, 1)
        last = date(
            self.year, self.month, calendar.monthrange(self.year, self.month)[1]
        )
        by_day = {}
        for activity in self.activities():
            day = max(activity["start"] or first, first)
            until = min(activity["end"] or day, last)
            while day <= until:
                by_day.setdefault(day, []).append(
                    {**activity, "continued": day != activity["start"]}
                )
                day += timedelta(days=1)
        return [
            [
                {
                    "day": d.day,
                    "in_month": d.month == self.month,
                    "activities": by_day.get(d, [])[:MAX_PER_DAY]
                    if d.month == self.month
                    else [],
                    "more": max(len(by_day.get(d, [])) - MAX_PER_DAY, 0)
                    if d.month == self.month
                    else 0,
                }
                for d in week
            ]
            for week in calendar.Calendar(firstweekday=0).monthdatescalendar(
                self.year, self.month
            )
        ]

    def weekdays(self):
        return [translate(day, context=self.request) for day in WEEKDAYS]

    def months(self):
        return [
            {
                "value": m,
                "title": translate(
                    _("Month ${month}", mapping={"month": m}), context=self.request
                ),
                "selected": m == self.month,
            }
            for m in range(1, 13)
        ]

    def years(self):
        """Years from the earliest to the latest activity, and the year shown."""
        first = self._edge_start(latest=False)
        last = self._latest_start()
        span = {self.year}
        if first and last:
            low = max(first.year, last.year - MAX_YEARS + 1)
            span.update(range(low, last.year + 1))
        return [
            {"value": y, "selected": y == self.year} for y in sorted(span, reverse=True)
        ]

    def units(self):
        """Lead units of the month's activities (and the one chosen), for the filter."""
        units = {a["unit"] for a in self.activities() if a["unit"]}
        if self.unit:
            brains, _total = self._month_brains(
                self.year, self.month, limit=MAX_ACTIVITIES, unit=None
            )
            units.update(b.lead_unit for b in brains if b.lead_unit)
            units.add(self.unit)
        return sorted(units)

    def month_url(self, delta=0, year=None, month=None):
        month = (month or self.month) + delta
        year = (year or self.year) + (month - 1) // 12
        month = (month - 1) % 12 + 1
        return (
            f"{self.context.absolute_url()}/@@thdtre-calendar?year={year}&month={month}"
        )

    def latest_url(self):
        if self.latest is None:
            return None
        return self.month_url(year=self.latest.year, month=self.latest.month)
