"""@@thdtre-calendar: a month of published activities, from catalog metadata."""

from collective.thdtre import _
from collective.thdtre import dates
from collective.thdtre.browser.params import int_param
from collective.thdtre.browser.params import text_param
from collective.thdtre.multilingual import current_language_query
from datetime import date
from plone import api
from Products.Five.browser import BrowserView
from zope.i18n import translate

import calendar


ACTION_MONTH = 6
# Years a date can hold, with room for the next and previous month's links.
FIRST_YEAR, LAST_YEAR = 2, 9998
WEEKDAYS = (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun"))


class ActivitiesCalendar(BrowserView):
    """Published activities of the year's plans in a month grid (June by default)."""

    def __call__(self):
        request = self.request
        self.year = int_param(
            request,
            "year",
            default=date.today().year,
            minimum=FIRST_YEAR,
            maximum=LAST_YEAR,
        )
        month = int_param(request, "month", default=ACTION_MONTH)
        self.month = min(max(month, 1), 12)
        self.unit = text_param(request, "unit")
        return self.index()

    def _brains(self):
        first = date(self.year, self.month, 1)
        last = date(
            self.year, self.month, calendar.monthrange(self.year, self.month)[1]
        )
        query = {
            "portal_type": "Activity",
            "review_state": "published",
            "path": "/".join(self.context.getPhysicalPath()),
            **current_language_query(),
        }
        if self.unit:
            query["lead_unit"] = self.unit
        catalog = api.portal.get_tool("portal_catalog")
        # Activity dates are whole days: one starting on the 1st of the next month
        # is not in this one.
        overlapping = catalog(
            start={"query": last, "range": "max"},
            end={"query": first, "range": "min"},
            **query,
        )
        # A one-day activity may have no end, and then it is not in the end index.
        starting = catalog(start={"query": (first, last), "range": "min:max"}, **query)
        brains = {b.getRID(): b for b in (*overlapping, *starting)}.values()
        return sorted(brains, key=lambda b: (dates.as_date(b.start), b.Title))

    def activities(self):
        if not hasattr(self, "_activities"):
            self._activities = [
                {
                    "title": b.Title,
                    "url": b.getURL(),
                    "plan_url": b.getURL().rsplit("/", 1)[0],
                    "plan_number": b.document_number or "",
                    "unit": b.lead_unit or "",
                    "start": dates.as_date(b.start),
                    "end": dates.as_date(b.end) or dates.as_date(b.start),
                    "when": " – ".join(
                        dict.fromkeys(
                            d
                            for d in (
                                dates.short_date(b.start),
                                dates.short_date(b.end),
                            )
                            if d
                        )
                    ),
                }
                for b in self._brains()
            ]
        return self._activities

    def weeks(self):
        """Weeks of the month, Monday first: each day with the activities it starts."""
        by_day = {}
        first = date(self.year, self.month, 1)
        for activity in self.activities():
            day = max(activity["start"] or first, first)
            by_day.setdefault(day, []).append(activity)
        weeks = []
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(
            self.year, self.month
        ):
            weeks.append(
                [
                    {
                        "day": d.day,
                        "in_month": d.month == self.month,
                        "activities": by_day.get(d, [])
                        if d.month == self.month
                        else [],
                    }
                    for d in week
                ]
            )
        return weeks

    def weekdays(self):
        return [translate(day, context=self.request) for day in WEEKDAYS]

    def units(self):
        """Lead units of the published activities, for the filter."""
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog(
            portal_type="Activity", review_state="published", year=self.year
        )
        return sorted({b.lead_unit for b in brains if b.lead_unit})

    def month_url(self, delta):
        month = self.month + delta
        year = self.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        return (
            f"{self.context.absolute_url()}/@@thdtre-calendar?year={year}&month={month}"
        )
