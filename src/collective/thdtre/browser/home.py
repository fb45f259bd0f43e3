"""@@thdtre-home: the Action Month's front page, for the site root or any folder.

Everything comes from catalog queries with small limits, run with the visitor's
permissions (Anonymous sees published content only); one plan is woken, the
year's top-level plan, for its report deadline and progress.
"""

from collective.thdtre import _
from collective.thdtre.browser.levels import level_of
from collective.thdtre.browser.levels import LEVELS
from collective.thdtre.browser.levels import top_departments
from collective.thdtre.browser.worklists import Worklists
from collective.thdtre.dates import as_date
from collective.thdtre.dates import day_text as day
from collective.thdtre.dates import site_today
from collective.thdtre.multilingual import current_language_query
from collective.thdtre.reports.access import visible_summary
from datetime import date
from plone import api
from plone.memoize.view import memoize
from Products.Five.browser import BrowserView
from zExceptions import Unauthorized
from zope.i18n import translate

import calendar


PER_LEVEL = 3
LATEST_PLANS = 40
NEWS = 5
SLOGANS = 6
ACTIVITIES = 6


def _slogan_key(title: str) -> str:
    return " ".join((title or "").split()).rstrip(".!;").casefold()


class HomeView(BrowserView):
    def __call__(self):
        self.today = site_today()
        self.catalog = api.portal.get_tool("portal_catalog")
        self.base = {
            "path": "/".join(self.context.getPhysicalPath()),
            **current_language_query(),
        }
        self.top = top_departments()
        self.theme_brain = self._theme_plan()
        self.year = self.theme_brain.year if self.theme_brain else self.today.year
        return self.index()

    def _find(self, limit, **query):
        query = {**self.base, **query}
        if "sort_on" in query:
            query["sort_limit"] = limit
        return self.catalog.searchResults(**query)[:limit]

    def _published_plans(self, limit, **query):
        return self._find(limit, portal_type="Plan", review_state="published", **query)

    # -- the year's theme --------------------------------------------------------

    def _theme_plan(self):
        """The latest published top-level plan of this year or the latest year."""
        years = {"query": self.today.year, "range": "max"}
        order = {"sort_on": "year", "sort_order": "descending"}
        brains = []
        if self.top:
            brains = self._published_plans(10, department=self.top, year=years, **order)
        if not brains:
            brains = [
                b for b in self._published_plans(20, year=years, **order) if b.theme
            ]
        if not brains:
            return None
        return max(
            brains,
            key=lambda b: (b.year or 0, as_date(b.issue_date) or date.min),
        )

    @memoize
    def theme(self) -> dict | None:
        brain = self.theme_brain
        if brain is None:
            return None
        start, end = as_date(brain.period_start), as_date(brain.period_end)
        return {
            "year": brain.year,
            "theme": brain.theme or "",
            "period": f"{day(start)} – {day(end)}" if start and end else "",
            "plan_title": brain.Title,
            "plan_number": brain.document_number or "",
            "plan_url": brain.getURL(),
        }

    # -- slogans, plans, news ----------------------------------------------------

    @memoize
    def slogans(self) -> list[dict]:
        """The theme plan's slogans, else the year's; each wording once."""
        brains = []
        if self.theme_brain is not None:
            brains = self._find(
                50,
                portal_type="Slogan",
                review_state="published",
                path={"query": self.theme_brain.getPath(), "depth": 1},
            )
            brains = sorted(brains, key=lambda b: b.position or 0)
        if not brains:
            brains = self._find(
                SLOGANS * 3,
                portal_type="Slogan",
                review_state="published",
                year=self.year,
                sort_on="getObjPositionInParent",
            )
        seen, slogans = set(), []
        for brain in brains:
            key = _slogan_key(brain.Title)
            if key and key not in seen:
                seen.add(key)
                slogans.append({"title": brain.Title})
        return slogans[:SLOGANS]

    @memoize
    def plans_by_level(self) -> list[dict]:
        """Latest published plans, a few per level, province first."""
        order = {"sort_on": "effective", "sort_order": "descending"}
        brains = list(self._published_plans(LATEST_PLANS, **order))
        if self.top:
            brains += self._published_plans(PER_LEVEL, department=self.top, **order)
        groups = {key: [] for key, _title in LEVELS}
        seen = set()
        for brain in brains:
            if brain.UID in seen:
                continue
            seen.add(brain.UID)
            level = level_of(
                department=brain.department,
                issuing_body=brain.issuing_body,
                top=self.top,
            )
            if len(groups[level]) < PER_LEVEL:
                groups[level].append(self._plan(brain))
        return [
            {"id": key, "title": title, "plans": groups[key]}
            for key, title in LEVELS
            if groups[key]
        ]

    def _plan(self, brain) -> dict:
        return {
            "title": brain.Title,
            "url": brain.getURL(),
            "number": brain.document_number or "",
            "issuer": brain.issuing_body or "",
            "date": day(as_date(brain.issue_date)),
            "year": brain.year or "",
        }

    @memoize
    def news(self) -> list[dict]:
        brains = self._find(
            NEWS,
            portal_type="News Item",
            review_state="published",
            sort_on="effective",
            sort_order="descending",
        )
        return [
            {
                "title": b.Title,
                "url": b.getURL(),
                "description": b.Description or "",
                "date": day(b.effective) if b.effective else "",
            }
            for b in brains
        ]

    # -- activities ------------------------------------------------------------

    def _month_activities(self, year, month):
        first = date(year, month, 1)
        last = date(year, month, calendar.monthrange(year, month)[1])
        query = {"portal_type": "Activity", "review_state": "published"}
        order = {"sort_on": "start"}
        overlapping = self._find(
            ACTIVITIES,
            start={"query": last, "range": "max"},
            end={"query": first, "range": "min"},
            **query,
            **order,
        )
        # A one-day activity may have no end: it is not in the end index.
        starting = self._find(
            ACTIVITIES, start={"query": (first, last), "range": "min:max"}, **query
        )
        found = {b.getRID(): b for b in (*overlapping, *starting)}.values()
        return sorted(found, key=lambda b: (as_date(b.start), b.Title))[:ACTIVITIES]

    def _nearest_month(self):
        """The month of the activity nearest to today (before or after)."""
        today = self.today
        query = {"portal_type": "Activity", "review_state": "published"}
        query["sort_on"] = "start"
        after = self._find(1, start={"query": today, "range": "min"}, **query)
        query["sort_order"] = "descending"
        before = self._find(1, start={"query": today, "range": "max"}, **query)
        days = [as_date(b.start) for b in (*before, *after) if b.start]
        if not days:
            return None
        nearest = min(days, key=lambda d: abs((d - today).days))
        return nearest.year, nearest.month

    @memoize
    def activities(self) -> dict:
        """This month's published activities, or the nearest month's."""
        year, month = self.today.year, self.today.month
        brains = self._month_activities(year, month)
        if not brains:
            nearest = self._nearest_month()
            if nearest is not None:
                year, month = nearest
                brains = self._month_activities(year, month)
        title = _("Month ${month}/${year}", mapping={"month": month, "year": year})
        return {
            "current": (year, month) == (self.today.year, self.today.month),
            "title": translate(title, context=self.request),
            "url": f"{self.url('thdtre-calendar')}?year={year}&month={month}",
            "entries": [
                {
                    "title": b.Title,
                    "url": b.getURL(),
                    "unit": b.lead_unit or "",
                    "start": day(as_date(b.start)),
                    "end": day(as_date(b.end)) if b.end and b.end != b.start else "",
                }
                for b in brains
            ],
        }

    # -- report progress -----------------------------------------------------------

    @memoize
    def progress(self) -> dict | None:
        """How many of the units under the year's plan have reported."""
        if self.theme_brain is None:
            return None
        plan = self.theme_brain.getObject()
        if not getattr(plan, "report_deadline", None):
            return None
        try:
            summary = visible_summary(plan)
        except Unauthorized:
            return None
        counts = summary["counts"]
        total = sum(counts.values())
        if not total:
            return None
        received = counts["approved_on_time"] + counts["approved_late"]
        return {
            "total": total,
            "received": received,
            "submitted": counts["submitted"],
            "missing": counts["draft"] + counts["missing"],
            "late": counts["approved_late"],
            "percent": round(100 * received / total),
            "deadline": day(plan.report_deadline),
            "url": f"{plan.absolute_url()}/@@thdtre-dashboard",
        }

    # -- people and links ----------------------------------------------------------

    @memoize
    def my_work(self) -> dict | None:
        """The logged-in person's counts, when something waits for them."""
        if api.user.is_anonymous():
            return None
        counts = Worklists(self.request).counts()
        if not any(counts.values()):
            return None
        return {**counts, "url": f"{self.portal_url()}/@@thdtre-my-work"}

    def portal_url(self) -> str:
        return api.portal.get().absolute_url()

    def url(self, name: str) -> str:
        return f"{self.context.absolute_url()}/@@{name}"

    def is_empty(self) -> bool:
        return (
            self.theme_brain is None
            and not self.news()
            and not (self.activities()["entries"])
        )
