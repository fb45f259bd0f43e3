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
from plone.app.caching.utils import isPurged
from plone.base.interfaces import IPloneSiteRoot
from plone.cachepurging.interfaces import ICachePurgingSettings
from plone.cachepurging.interfaces import IPurger
from plone.cachepurging.utils import getPathsToPurge
from plone.cachepurging.utils import getURLsToPurge
from plone.cachepurging.utils import isCachePurgingEnabled
from plone.registry.interfaces import IRegistry
from Products.CMFCore.interfaces import IFolderish
from z3c.caching.interfaces import IPurgePaths
from zope.component import queryUtility
from zope.globalrequest import getRequest
from zope.interface import implementer

import transaction


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


def _purge_urls(obj, request) -> list[str]:
    registry = queryUtility(IRegistry)
    if registry is None or not isCachePurgingEnabled(registry=registry):
        return []
    if not isPurged(obj):
        return []
    settings = registry.forInterface(ICachePurgingSettings, check=False)
    urls = []
    for path in set(getPathsToPurge(obj, request)):
        urls.extend(getURLsToPurge(path, settings.cachingProxies or ()))
    return urls


PURGE_NOW = "collective.thdtre.purge_now"


def _purge_now(succeeded: bool, urls: set[str]) -> None:
    purger = queryUtility(IPurger)
    if succeeded and purger is not None:
        for url in sorted(urls):
            purger.purgeSync(url)


def purge_on_transition(obj, event) -> None:
    """A state change is purged before the transition's answer is sent.

    plone.app.caching purges it too, but from a thread, a moment after the answer:
    meanwhile a retracted plan would still be shown to anonymous visitors from the
    cache. Here the PURGE requests are sent (and answered) right after the commit,
    while the request that made the transition is still being answered; once per
    request, for the plan and the parts that followed it.
    """
    request = getRequest()
    urls = _purge_urls(obj, request) if request is not None else []
    if not urls:
        return
    pending = request.other.get(PURGE_NOW)
    if pending is None:
        pending = request.other[PURGE_NOW] = set()
        transaction.get().addAfterCommitHook(_purge_now, args=(pending,))
    pending.update(urls)
