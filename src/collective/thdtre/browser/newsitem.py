"""News items like the 777/KH-UBND article: views, byline, related plan, other news."""

from collective.thdtre import dates
from collective.thdtre.browser.params import int_param
from collective.thdtre.counting import counted_by_proxy
from collective.thdtre.counting import counter_store
from collective.thdtre.counting import counts
from collective.thdtre.counting import ssi_include
from collective.thdtre.counting import visitor_id
from collective.thdtre.exporter.reports import vn_number
from plone import api
from plone.batching import Batch
from Products.Five.browser import BrowserView
from urllib.parse import quote
from zope.security import checkPermission


OTHER_NEWS_PAGE = 10
# Plain share links: nothing of Zalo's or Facebook's is loaded into the page.
SHARE_LINKS = (
    ("zalo", "Zalo", "https://zalo.me/share?url={url}"),
    ("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
)


def full_date(value) -> str:
    """``20/04/2024`` (dd/mm/yyyy); empty for Plone's "no date" (before 1971)."""
    if not value or value.year() <= 1970:
        return ""
    return dates.day_text(value)


class NewsItemView(BrowserView):
    def __call__(self):
        store = counter_store()
        key = self.context.UID()
        # The count from before this view, as behind the caching proxy (whose
        # include is filled beside the counting copy): a reader's own view shows
        # on their next page, and a page without the cookie reads the same
        # number whether or not it was the one that counted.
        self.views = store.views(key=key)
        if counts(self.request, self.context):
            store.record_view(key=key, visitor=visitor_id(self.request))
        return self.index()

    def view_count(self):
        return vn_number(self.views)

    def view_count_html(self) -> str:
        """The count; behind a caching proxy, the proxy's include of it."""
        if counted_by_proxy(self.request):
            return ssi_include(f"@@thdtre-views?uid={self.context.UID()}")
        return self.view_count()  # digits and dots only

    def news_date(self) -> str:
        """When it was published (or, not yet published, made)."""
        context = self.context
        return full_date(context.effective_date) or full_date(context.created())

    def share_links(self) -> list[dict]:
        url = quote(self.context.absolute_url(), safe="")
        return [
            {"id": key, "name": name, "url": pattern.format(url=url)}
            for key, name, pattern in SHARE_LINKS
        ]

    def byline(self):
        return ", ".join(c for c in self.context.creators if c)

    def related_plan(self):
        relation = getattr(self.context, "related_plan", None)
        plan = relation.to_object if relation and not relation.isBroken() else None
        if plan is None or not checkPermission("zope2.View", plan):
            return None
        return {
            "url": plan.absolute_url(),
            "title": plan.title,
            "number": plan.document_number,
            "issuer": plan.issuing_body or "",
        }

    def other_news(self):
        """Published news other than this one, newest first, in pages."""
        # A lazy result: only the page's brains are read, however many news.
        others = api.content.find(
            portal_type="News Item",
            review_state="published",
            UID={"not": self.context.UID()},
            sort_on="effective",
            sort_order="descending",
        )
        start = int_param(self.request, "b_start", default=0, minimum=0)
        return Batch(others, OTHER_NEWS_PAGE, start=start)

    def short_date(self, brain):
        effective = brain.effective
        # Plone's "no date" is 1969/12/31.
        if not effective or effective.year() <= 1970:
            return ""
        return dates.short_date(dates.local_date(effective))
