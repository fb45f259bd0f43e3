"""@@thdtre-plans: the plan archive, grouped by year, from catalog metadata only."""

from collective.thdtre import dates
from collective.thdtre.browser.params import int_param
from collective.thdtre.browser.params import SEARCH_ERRORS
from collective.thdtre.browser.params import text_param
from collective.thdtre.departments.localroles import PUBLISHER_ROLE
from collective.thdtre.multilingual import current_language_query
from collective.thdtre.workflow import state_title
from itertools import groupby
from plone import api
from plone.base.utils import munge_search_term
from plone.batching import Batch
from Products.Five.browser import BrowserView


PAGE_SIZE = 50
STATE_CLASSES = {
    "draft": "text-bg-secondary",
    "pending": "text-bg-warning",
    "approved": "text-bg-info",
    "published": "text-bg-success",
}


def _newest_first(brain):
    issued = brain.issue_date
    return (-(brain.year or 0), -(issued.toordinal() if issued else 0), brain.Title)


class PlansArchive(BrowserView):
    """Plans under this folder (or the whole site), newest year first."""

    def __call__(self):
        request = self.request
        self.year = int_param(request, "year", minimum=1, maximum=9999)
        self.issuer = text_param(request, "issuer")
        self.theme = text_param(request, "theme")
        self.text = text_param(request, "SearchableText")
        self.start = int_param(request, "b_start", default=0, minimum=0)
        self.search_failed = False
        return self.index()

    def _base_query(self):
        return {
            "portal_type": "Plan",
            "path": "/".join(self.context.getPhysicalPath()),
            **current_language_query(),
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
        return query

    def _search(self):
        catalog = api.portal.get_tool("portal_catalog")
        query = self.query()
        try:
            return list(catalog(**query))
        except SEARCH_ERRORS:
            pass
        # "(", "and", "not x": searched as plain words, as Plone's search does.
        query["SearchableText"] = munge_search_term(self.text)
        try:
            if query["SearchableText"]:
                return list(catalog(**query))
        except SEARCH_ERRORS:
            pass
        self.search_failed = True
        return []

    def batch(self):
        brains = self._search()
        # Sorted on metadata: a catalog sort would drop drafts without a year or date.
        brains = sorted(brains, key=_newest_first)
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
        # A plan without an issuer or theme has Missing.Value, which is unhashable.
        for brain in brains:
            for values, value in (
                (years, brain.year),
                (issuers, brain.issuing_body),
                (themes, brain.theme),
            ):
                if value:
                    values.add(value)
        return {
            "years": sorted(years, reverse=True),
            "issuers": sorted(issuers),
            "themes": sorted(themes),
        }

    def show_state(self):
        """States are for the people who draft, approve and publish, not visitors."""
        if api.user.is_anonymous():
            return False
        user = api.user.get_current()
        if {"Manager", "Site Administrator", PUBLISHER_ROLE} & set(user.getRoles()):
            return True
        return any(
            group.getId().startswith("thdtre-")
            for group in api.group.get_groups(user=user)
        )
