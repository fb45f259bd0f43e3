"""Slogans: the @@thdtre-slogans page and the rotating slogan viewlet."""

from collective.thdtre.browser.params import int_param
from collective.thdtre.interfaces import IThdtreSettings
from collective.thdtre.multilingual import current_language_query
from datetime import date
from plone import api
from plone.app.layout.viewlets import ViewletBase
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


MAX_ROTATING = 12


def published_slogans(*, year=None, limit=None):
    """Brains of the published slogans of ``year``, in plan then position order."""
    query = {
        "portal_type": "Slogan",
        "review_state": "published",
        **current_language_query(),
    }
    if year:
        query["year"] = year
    brains = api.content.find(**query)
    brains = sorted(
        brains, key=lambda b: (b.getPath().rsplit("/", 1)[0], b.position or 0)
    )
    return brains[:limit] if limit else brains


def slogan_years():
    """Years that have published slogans, newest first."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog(
        portal_type="Slogan", review_state="published", **current_language_query()
    )
    return sorted({b.year for b in brains if b.year}, reverse=True)


def current_year(years):
    """This year if it has slogans, else the latest year that has."""
    today = date.today().year
    return today if today in years or not years else years[0]


class SlogansView(BrowserView):
    def __call__(self):
        self.years = slogan_years()
        self.year = int_param(
            self.request, "year", default=0, minimum=0, maximum=9999
        ) or current_year(self.years)
        return self.index()

    def slogans(self):
        return [
            {"title": b.Title, "url": b.getURL().rsplit("/", 1)[0]}
            for b in published_slogans(year=self.year)
        ]


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
            self._slogans = [
                b.Title for b in published_slogans(year=year, limit=MAX_ROTATING)
            ]
        return self._slogans
