"""@@thdtre-publish-as-news: a draft News Item summarising an approved plan."""

from collective.thdtre import _
from collective.thdtre.errors import ThdtreError
from collective.thdtre.news import create_news_from_plan
from collective.thdtre.news import news_folder
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from zExceptions import Unauthorized


class PublishAsNews(BrowserView):
    """GET asks for confirmation; POST creates the draft and opens it for editing."""

    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("Log in to publish a plan as news.")
        if self.request.method != "POST":
            return self.index()
        CheckAuthenticator(self.request)
        messages = IStatusMessage(self.request)
        try:
            folder = news_folder()
            if not api.user.has_permission("Add portal content", obj=folder):
                raise ThdtreError(
                    _("You may not add news items: ask the site administrator.")
                )
            news = create_news_from_plan(plan=self.context, container=folder)
        except ThdtreError as error:
            messages.add(error.args[0], type="error")
            self.request.response.redirect(self.context.absolute_url())
            return ""
        messages.add(_("Draft news item created: finish and publish it."), type="info")
        self.request.response.redirect(f"{news.absolute_url()}/edit")
        return ""
