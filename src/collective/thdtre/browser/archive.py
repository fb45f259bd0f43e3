"""@@thdtre-plans: the plan archive, grouped by year, from the catalog only.

The page is sorted and batched by the catalog (the ``archive_order`` index), and
the filters' values and counts come from the ``year``, ``issuing_body`` and
``theme`` indexes intersected with the record ids of the plans the visitor may
see: no plan and no brain is woken for them, so the page costs about the same at
20,000 plans as at 200.
"""

from BTrees.IIBTree import IISet
from BTrees.IIBTree import intersection
from collections import Counter
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


ORDER_INDEX = "archive_order"
FILTERS = {"year": "years", "issuing_body": "issuers", "theme": "themes"}
# Up to this many distinct values an index is counted value by value (a C
# intersection each); above it, by the record ids' keys (one lookup each).
FEW_VALUES = 64


def record_ids(results) -> IISet:
    """The catalog record ids of an unsorted catalog result, without its brains."""
    # ZCatalog's LazyMap keeps the ids it makes brains from (eea.facetednavigation
    # counts from the same); an empty result is a LazyCat without them.
    ids = getattr(results, "_seq", None)
    if ids is None:
        return IISet(brain.getRID() for brain in results)
    return ids if isinstance(ids, IISet) else IISet(ids)


def value_counts(index, ids: IISet) -> dict:
    """How many of the records ``ids`` each value of a field ``index`` holds."""
    if not ids:
        return {}
    if index.indexSize() <= FEW_VALUES:
        counts = {value: len(intersection(ids, docs)) for value, docs in index.items()}
    else:
        keys = index.documentToKeyMap()
        counts = Counter(keys.get(rid) for rid in ids)
    return {v: n for v, n in counts.items() if n and v not in (None, "")}


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

    def filtered(self) -> bool:
        """Whether a filter or a search narrows the list (the reset link shows)."""
        return bool(self.year or self.issuer or self.theme or self.text)

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
        query["sort_on"] = ORDER_INDEX
        query["b_start"] = self.start
        query["b_size"] = PAGE_SIZE
        return query

    def _search(self):
        catalog = api.portal.get_tool("portal_catalog")
        query = self.query()
        try:
            return catalog(**query)
        except SEARCH_ERRORS:
            pass
        # "(", "and", "not x": searched as plain words, as Plone's search does.
        query["SearchableText"] = munge_search_term(self.text)
        try:
            if query["SearchableText"]:
                return catalog(**query)
        except SEARCH_ERRORS:
            pass
        self.search_failed = True
        return []

    def batch(self):
        # The catalog sorts and keeps only this page's brains.
        return Batch(self._search(), PAGE_SIZE, start=self.start)

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
        """Years, issuers and themes of the plans this visitor may see, each as
        ``(value, count)``; values as the plans write them."""
        catalog = api.portal.get_tool("portal_catalog")
        ids = record_ids(catalog(**self._base_query()))
        counts = {
            key: value_counts(catalog.Indexes[index], ids)
            for index, key in FILTERS.items()
        }
        return {
            "years": sorted(counts["years"].items(), reverse=True),
            "issuers": sorted(counts["issuers"].items()),
            "themes": sorted(counts["themes"].items()),
        }

    def show_state(self):
        """States are for the people who draft, approve and publish, not visitors."""
        if api.user.is_anonymous():
            return False
        user = api.user.get_current()
        if {"Manager", "Site Administrator", PUBLISHER_ROLE} & set(user.getRoles()):
            return True
        # Group ids as PAS gives them: no group object is looked up (one
        # may be missing, as Plone's virtual AuthenticatedUsers is for some users).
        groups = getattr(user, "getGroups", lambda: ())() or ()
        return any(group.startswith("thdtre-") for group in groups)
