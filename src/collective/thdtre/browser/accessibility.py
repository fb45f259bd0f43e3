"""On every page of the site: a "Skip to content" link and the add-on's
stylesheet for visitors (visible focus, contrast of at least 4.5:1, pages that
fit a phone).

Plone 6 classic has no skip link. Ours sits in the portal header, which the
Barceloneta theme moves to the top of the page, and stays hidden until it has
the focus (Bootstrap's ``visually-hidden-focusable``). The stylesheet is a
``<link>`` in the head's links, so it needs no change to the resource registry.
"""

from plone.app.layout.viewlets import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


STYLESHEET = "++plone++collective.thdtre/visitor.css"


class SkipLinkViewlet(ViewletBase):
    index = ViewPageTemplateFile("templates/skiplink.pt")


class StylesheetViewlet(ViewletBase):
    def render(self):
        return f'<link rel="stylesheet" href="{self.site_url}/{STYLESHEET}" />'
