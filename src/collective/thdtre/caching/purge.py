"""What a caching proxy must forget when our content changes.

plone.app.caching purges ``<path>/`` and ``<path>/view`` of a changed item of a
purged type (``rules.PURGED``); a proxy keyed on the request URI also holds
``<path>`` itself, and our pages show more than their own object: a plan page
shows its activities, slogans and approved reports; the archive, slogans and
calendar pages of every folder above a plan list it.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from collective.thdtre.content.utils import parent_plan
from plone.base.interfaces import IPloneSiteRoot
from Products.CMFCore.interfaces import IFolderish
from z3c.caching.interfaces import IPurgePaths
from zope.interface import implementer


# The listing pages of a folder that show the plans under it.
LISTING_VIEWS = ("thdtre-plans", "thdtre-slogans", "thdtre-calendar")


def _path(obj) -> str:
    return "/" + obj.virtual_url_path()


def item_paths(obj) -> list[str]:
    """Every URL of an item's own page: bare, with a slash, ``/view``."""
    prefix = _path(obj)
    return [prefix, prefix + "/", prefix + "/view"]


def listing_paths(obj) -> list[str]:
    """The listing pages of every folder above ``obj``, up to the site."""
    paths = []
    current = aq_parent(aq_inner(obj))
    while current is not None:
        if IFolderish.providedBy(current):
            prefix = _path(current)
            for view in LISTING_VIEWS:
                paths += [f"{prefix}/@@{view}", f"{prefix}/{view}"]
        if IPloneSiteRoot.providedBy(current):
            break
        current = aq_parent(current)
    return paths


@implementer(IPurgePaths)
class PlanPartPurgePaths:
    """A plan, activity, slogan or report: its plan's page and the listings."""

    def __init__(self, context):
        self.context = context

    def getRelativePaths(self):
        plan = parent_plan(self.context)
        paths = item_paths(self.context)
        if plan is not None and plan is not self.context:
            paths += item_paths(plan)
        return paths + listing_paths(plan if plan is not None else self.context)

    def getAbsolutePaths(self):
        return []


@implementer(IPurgePaths)
class NewsItemPurgePaths:
    """A news item's bare URL (plone.app.caching covers ``/`` and ``/view``)."""

    def __init__(self, context):
        self.context = context

    def getRelativePaths(self):
        return item_paths(self.context)

    def getAbsolutePaths(self):
        return []
