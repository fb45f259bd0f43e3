"""Plone's toolbar and its content views, with the add-on's templates."""

from plone.app.layout.viewlets.common import ContentViewsViewlet
from plone.app.layout.viewlets.toolbar import ToolbarViewletManager
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class Toolbar(ToolbarViewletManager):
    """The toolbar, whose pin and unpin links are buttons."""

    custom_template = ViewPageTemplateFile("templates/toolbar.pt")


class ContentViews(ContentViewsViewlet):
    """The content views, whose history link has a text besides its icon."""

    menu_template = ViewPageTemplateFile("templates/menu.pt")
