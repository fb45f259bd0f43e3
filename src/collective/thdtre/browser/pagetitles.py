"""Page titles and breadcrumbs of the add-on's own pages (archive, calendar, ...).

Plone titles a view with its context's title and ends the breadcrumbs at the
context, so the archive on the site root read as the site's name with "Trang
chủ" for a path. The pages are marked with ``IThdtrePage`` in ``home.zcml``
(without touching their modules), and these two viewlets, registered for the
marker on the add-on's layer, add the page's own title from ``PAGE_TITLES``.
"""

from collective.thdtre import _
from html import escape
from plone.app.layout.viewlets.common import PathBarViewlet
from plone.app.layout.viewlets.common import TitleViewlet
from plone.base.interfaces import INavigationRoot
from plone.base.interfaces import IPloneSiteRoot
from zope.component import getMultiAdapter
from zope.i18n import translate
from zope.interface import Interface


class IThdtrePage(Interface):
    """Marker of an add-on page that has a title of its own (``PAGE_TITLES``)."""


# View name: its title in the browser's title bar and the breadcrumbs.
PAGE_TITLES = {
    "thdtre-plans": _("Plan archive"),
    "thdtre-calendar": _("Activities calendar"),
    "thdtre-slogans": _("Slogans"),
    "thdtre-dashboard": _("Results reports"),
    "thdtre-import": _("Import plan"),
    "thdtre-my-work": _("My work"),
}


def page_title(view, request) -> str:
    """The translated title of ``view``, or "" for a view without one."""
    title = PAGE_TITLES.get(getattr(view, "__name__", ""), "")
    return translate(title, context=request) if title else ""


class PageTitleViewlet(TitleViewlet):
    """``<title>``: page title — context title (when not the site) — site title."""

    def update(self):
        super().update()
        title = page_title(self.view, self.request)
        if not title:
            return
        # site_title is rendered as structure: everything in it is escaped.
        parts = [escape(title)]
        if not INavigationRoot.providedBy(self.context):
            parts.append(self.page_title)
        parts.append(self._root_title())
        self.site_title = self.sep.join(parts)

    def _root_title(self):
        state = getMultiAdapter((self.context, self.request), name="plone_portal_state")
        if IPloneSiteRoot.providedBy(state.navigation_root()):
            return escape(self.site_title_setting or "")
        return escape(state.navigation_root_title() or "")


class PageBreadcrumbsViewlet(PathBarViewlet):
    """Breadcrumbs that end with the page: Trang chủ › Lưu trữ kế hoạch."""

    def update(self):
        super().update()
        title = page_title(self.view, self.request)
        if not title:
            return
        url = f"{self.context.absolute_url()}/@@{self.view.__name__}"
        self.breadcrumbs = [
            *self.breadcrumbs,
            {"absolute_url": url, "Title": title},
        ]
