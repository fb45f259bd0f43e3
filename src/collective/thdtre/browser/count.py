"""What a caching proxy asks of the counters, for the pages it serves.

``@@thdtre-count``: count a page a caching proxy served, cached or not. Only the
site's counting proxies may call it (``counting_proxies``), and only by that name:
anything else (another address, ``thdtre-count`` without ``@@``, acquired under an
item, ``++view++``) gets 404 and counts nothing.

A proxy that cannot write a counting log sends a copy of every page request to
this view (e.g. nginx's ``mirror``, as the cluster did before issue 15) with the
page's URI in ``X-Original-URI`` and the visitor's own headers (cookies,
browser, address). It counts what rendering the
page would have counted: one visit, and one view when the page is a news item
the visitor may see. Nothing is written to the ZODB; the answer is an empty 204
that nobody reads.

``mark_page``: what nginx's counting log needs from Plone (issue 15). nginx
counts the pages it serves from its own log, cached or not (the ingester,
``counters/ingest.py``), without a request to Zope; only Plone knows which page
shows which news item and who edits it. So every page rendered behind the proxy
carries ``X-Thdtre-Count``: ``view:<UID>`` for a news item's page, ``no`` for a
page rendered for an editor of what it shows, ``visit`` for any other page. The
header is cached with the page and logged by nginx; only Plone sets it.

``@@thdtre-views`` and ``@@thdtre-visits``: the current numbers, for the proxy's
server-side includes in a (cached) news page and visit box. They only read.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from collective.thdtre import logger
from collective.thdtre.browser.visits import visit_numbers
from collective.thdtre.counting import counted_by_proxy
from collective.thdtre.counting import counter_store
from collective.thdtre.counting import from_proxy
from collective.thdtre.counting import is_visitor
from collective.thdtre.counting import known_visitor
from collective.thdtre.exporter.reports import vn_number
from collective.thdtre.interfaces import IBrowserLayer
from plone import api
from Products.Five.browser import BrowserView
from urllib.parse import unquote
from urllib.parse import urlsplit
from zExceptions import NotFound


URI_HEADER = "X-Original-URI"
# The one name the proxy calls the view by (nginx.conf.in).
COUNT_STEP = "@@thdtre-count"
# Names of an item's views a page URI may end with.
VIEW_NAMES = ("view", "newsitem_view")
MARK_HEADER = "X-Thdtre-Count"


class CountView(BrowserView):
    def __call__(self):
        if self.request.steps[-1:] != [COUNT_STEP] or not from_proxy(self.request):
            raise NotFound(COUNT_STEP)
        response = self.request.response
        response.setHeader("Cache-Control", "no-store")
        path = self.page_path()
        if path is not None:
            self.count(path)
        response.setStatus(204)
        return b""

    def page_path(self) -> str | None:
        """The counted page's path in this site, or None."""
        uri = self.request.get_header(URI_HEADER, "")
        path = unquote(urlsplit(uri).path).rstrip("/")
        site = "/".join(self.context.getPhysicalPath())
        if path == site or path.startswith(site + "/"):
            return path
        return None

    def page_item(self, path: str):
        """The catalogued item the page shows, if the visitor may see it."""
        catalog = api.portal.get_tool("portal_catalog")
        candidates = [path]
        parent, _, name = path.rpartition("/")
        if name in VIEW_NAMES or name.startswith("@@"):
            candidates.append(parent)
        for candidate in candidates:
            brains = catalog(path={"query": candidate, "depth": 0})
            if brains:
                return brains[0]
        return None

    def count(self, path: str) -> None:
        brain = self.page_item(path)
        context = self.context
        if brain is not None and not api.user.is_anonymous():
            context = brain.getObject()  # an editor of the item is not counted
        if not is_visitor(self.request, context):
            return
        visitor = known_visitor(self.request, page=path)
        if visitor is None:  # a cookieless repeat
            return
        store = counter_store()
        if brain is not None and brain.portal_type == "News Item":
            store.record_view(key=brain.UID, visitor=visitor)
        store.record_visit(visitor=visitor)


def _shown(published):
    """The content a published object shows: itself, or a view's context."""
    context = getattr(published, "context", None)
    if context is None and getattr(published, "portal_type", None) is None:
        context = aq_parent(aq_inner(published))
    return context if context is not None else published


def page_mark(request) -> str:
    """What nginx's counting log should say of this page (``MARK_HEADER``)."""
    published = request.get("PUBLISHED")
    context = _shown(published) if published is not None else None
    if context is None:
        return "visit"
    if not api.user.is_anonymous():
        try:
            if api.user.has_permission("Modify portal content", obj=context):
                return "no"  # an editor of what the page shows
        except (AttributeError, TypeError):
            pass  # not a content object: no one edits it
    name = getattr(published, "__name__", "")
    is_page = published is context or name in VIEW_NAMES
    if is_page and getattr(context, "portal_type", None) == "News Item":
        return f"view:{context.UID()}"
    return "visit"


def mark_page(event) -> None:
    """Mark a page rendered behind the counting proxy (IPubBeforeCommit/Abort)."""
    request = event.request
    # Only a site with the add-on (its layer), and only behind the counting proxy.
    if not IBrowserLayer.providedBy(request) or not counted_by_proxy(request):
        return
    try:
        mark = page_mark(request)
    except Exception:  # never fail a page for its mark: count it as a visit
        logger.exception("cannot mark %s for the counting log", request.get("URL"))
        mark = "visit"
    request.response.setHeader(MARK_HEADER, mark)


class Fragment(BrowserView):
    """A piece of a page, always fresh: never cached anywhere."""

    def __call__(self):
        self.request.response.setHeader("Cache-Control", "no-store")
        # Not text/html: Plone's transforms would make the piece a whole page.
        self.request.response.setHeader("Content-Type", "text/plain; charset=utf-8")
        self.request.response.setHeader("X-Content-Type-Options", "nosniff")
        return self.render()


class ViewsFragment(Fragment):
    """A news item's view count, if the visitor may see the item; else nothing."""

    def render(self) -> str:
        uid = self.request.form.get("uid", "")
        if not isinstance(uid, str) or not uid.isalnum():
            return ""
        catalog = api.portal.get_tool("portal_catalog")
        if not catalog(UID=uid, portal_type="News Item"):
            return ""
        return vn_number(counter_store().views(key=uid))


class VisitsFragment(Fragment):
    """The visit box's numbers."""

    def render(self) -> str:
        return visit_numbers(self)
