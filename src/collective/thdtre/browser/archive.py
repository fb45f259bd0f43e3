"""@@thdtre-plans: the plan archive, grouped by year, from catalog metadata only."""

from collective.thdtre import dates
from collective.thdtre.workflow import state_title
from itertools import groupby
from plone import api
from plone.batching import Batch
from Products.Five.browser import BrowserView


PAGE_SIZE = 50
STATE_CLASSES = {
    "draft": "text-bg-secondary",
    "pending": "text-bg-warning",
    "approved": "text-bg-info",
    "published": "text-bg-success",
}


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class PlansArchive(BrowserView):
    """Plans under this folder (or the whole site), newest year first."""

    def __call__(self):
        form = self.request.form
        self.year = _int(form.get("year"))
        self.issuer = (form.get("issuer") or "").strip()
        self.theme = (form.get("theme") or "").strip()
        self.text = (form.get("SearchableText") or "").strip()
        self.start = max(_int(form.get("b_start")) or 0, 0)
        return self.index()

    def _base_query(self):
        return {
            "portal_type": "Plan",
            "path": "/".join(self.context.getPhysicalPath()),
        }

    def query(self):
        query = self._base_query()
        if self.year:
            query["year"] = self.year
        if self.issuer:
            query["issuing_body"] = self.issuer
        if self.theme:
            query["theme"] = self.theme
        if self.text:
            query["SearchableText"] = self.text
        query["sort_on"] = ["year", "issue_date"]
        query["sort_order"] = "descending"
        return query

    def batch(self):
        brains = api.portal.get_tool("portal_catalog")(**self.query())
        return Batch(brains, PAGE_SIZE, start=self.start)

    def groups(self, batch):
        """The page's plans grouped by year: ``[(year, [row, ...]), ...]``."""
        rows = [self.row(brain) for brain in batch]
        return [
            (year, list(items)) for year, items in groupby(rows, lambda r: r["year"])
        ]

    def _state_title(self, state):
        titles = self.__dict__.setdefault("_state_titles", {})
        if state not in titles:
            titles[state] = state_title(state)
        return titles[state]

    def row(self, brain):
        return {
            "url": brain.getURL(),
            "title": brain.Title,
            "number": brain.document_number or "",
            "date": dates.short_date(brain.issue_date) if brain.issue_date else "",
            "issuer": brain.issuing_body or "",
            "year": brain.year or "",
            "state": self._state_title(brain.review_state),
            "state_class": STATE_CLASSES.get(brain.review_state, "text-bg-light"),
        }

    def facets(self):
        """Years, issuers and themes of the plans this visitor may see."""
        brains = api.portal.get_tool("portal_catalog")(**self._base_query())
        years, issuers, themes = set(), set(), set()
        for brain in brains:
            years.add(brain.year)
            issuers.add(brain.issuing_body)
            themes.add(brain.theme)
        return {
            "years": sorted((y for y in years if y), reverse=True),
            "issuers": sorted(i for i in issuers if i),
            "themes": sorted(t for t in themes if t),
        }

    def show_state(self):
        return not api.user.is_anonymous()
