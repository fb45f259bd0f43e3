"""Slogans: the @@thdtre-slogans page and the rotating slogan viewlet.

Department plans repeat the province's and the nation's slogans, sometimes
with a full stop, sometimes without: a slogan is listed once, with the plan it
was first found in. Everything comes from catalog metadata, read within limits
(``SCAN_LIMIT`` slogans a year), so a site of 20,000 plans wakes no object.
"""

from collective.thdtre.browser.params import int_param
from collective.thdtre.dates import site_today
from collective.thdtre.interfaces import IThdtreSettings
from collective.thdtre.multilingual import current_language_query
from plone import api
from plone.app.layout.viewlets import ViewletBase
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile

import re


MAX_ROTATING = 12
# Slogans read for one year's page (oldest first): far more than a year's
# distinct slogans, however many plans repeat them.
SCAN_LIMIT = 2000
# Years a slogan can be of (the year index also holds other types' years).
FIRST_YEAR, LAST_YEAR = 1990, 2200
_TRAILING = re.compile(r"[\s.!;:,…。]+$")
_SPACES = re.compile(r"\s+")


def slogan_key(title: str) -> str:
    """The same slogan whatever its case, spacing or final punctuation."""
    text = _SPACES.sub(" ", title or "").strip()
    return _TRAILING.sub("", text).casefold()


def _query(**criteria) -> dict:
    return {
        "portal_type": "Slogan",
        "review_state": "published",
        **current_language_query(),
        **criteria,
    }


def published_slogans(*, year=None, limit=None, scan=SCAN_LIMIT) -> list[dict]:
    """The distinct published slogans of ``year``: plan by plan (in the order
    their slogans were made), in position order within a plan; each with the
    path of the plan it is first found in."""
    catalog = api.portal.get_tool("portal_catalog")
    criteria = {"year": year} if year else {}
    brains = catalog(**_query(**criteria), sort_on="created", sort_limit=scan)
    plans = {}
    for brain in brains[:scan]:
        plans.setdefault(brain.getPath().rsplit("/", 1)[0], []).append(brain)
    slogans = {}
    for plan_path, in_plan in plans.items():
        for brain in sorted(in_plan, key=lambda b: b.position or 0):
            key = slogan_key(brain.Title)
            if key and key not in slogans:
                slogans[key] = {"title": brain.Title.strip(), "plan_path": plan_path}
    found = list(slogans.values())
    return found[:limit] if limit else found


def slogan_years() -> list[int]:
    """Years that have published slogans, newest first (one count a year)."""
    catalog = api.portal.get_tool("portal_catalog")
    years = [
        y
        for y in catalog.uniqueValuesFor("year")
        if isinstance(y, int) and FIRST_YEAR <= y <= LAST_YEAR
    ]
    return sorted(
        (y for y in years if len(catalog(**_query(year=y)))),
        reverse=True,
    )


def current_year(years):
    """This year if it has slogans, else the latest year that has."""
    today = site_today().year
    return today if today in years or not years else years[0]


class SlogansView(BrowserView):
    def __call__(self):
        self.years = slogan_years()
        self.year = int_param(
            self.request, "year", default=0, minimum=0, maximum=9999
        ) or current_year(self.years)
        return self.index()

    def switch(self) -> list[dict]:
        """The years to switch to (the one shown among them)."""
        years = sorted({*self.years, self.year}, reverse=True)
        url = f"{self.context.absolute_url()}/@@thdtre-slogans?year="
        return [
            {"year": y, "url": f"{url}{y}", "current": y == self.year} for y in years
        ]

    def slogans(self) -> list[dict]:
        if hasattr(self, "_slogans"):
            return self._slogans
        found = published_slogans(year=self.year)
        catalog = api.portal.get_tool("portal_catalog")
        paths = sorted({s["plan_path"] for s in found})
        plans = {
            b.getPath(): b
            for b in (catalog(path={"query": paths, "depth": 0}) if paths else ())
        }
        self._slogans = []
        for slogan in found:
            plan = plans.get(slogan["plan_path"])
            if plan is None:  # a plan the visitor may not open
                continue
            self._slogans.append(
                {
                    "title": slogan["title"],
                    "url": plan.getURL(),
                    "plan_number": plan.document_number or "",
                    "plan_title": plan.Title,
                }
            )
        return self._slogans


class SloganViewlet(ViewletBase):
    index = ViewPageTemplateFile("templates/slogan_viewlet.pt")

    def available(self):
        enabled = api.portal.get_registry_record(
            "show_slogans", interface=IThdtreSettings, default=True
        )
        return bool(enabled) and bool(self.slogans())

    def slogans(self):
        if not hasattr(self, "_slogans"):
            year = current_year(slogan_years())
            found = published_slogans(
                year=year, limit=MAX_ROTATING, scan=MAX_ROTATING * 10
            )
            self._slogans = [s["title"] for s in found]
        return self._slogans
