"""@@thdtre-my-work ("Việc của tôi"): what waits for the logged-in person.

My drafts, what waits for my approval, what was sent back to me with its
comment, and my departments' results reports that are due. Anonymous visitors
are sent to the login form.
"""

from collective.thdtre import _
from collective.thdtre.browser.worklists import Worklists
from plone import api
from Products.Five.browser import BrowserView
from zExceptions import Unauthorized


SECTIONS = (
    (
        "waiting",
        _("Waiting for my approval"),
        _("Nothing waits for your approval."),
    ),
    (
        "sent_back",
        _("Sent back to me"),
        _("Nothing has been sent back to you."),
    ),
    ("drafts", _("My drafts"), _("You have no drafts.")),
    (
        "reports_due",
        _("Results reports due"),
        _("No results report of your departments is due."),
    ),
)


class MyWork(BrowserView):
    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("Log in to see your work.")
        self.lists = Worklists(self.request)
        return self.index()

    def sections(self) -> list[dict]:
        return [
            {
                "id": key,
                "title": title,
                "empty": empty,
                "entries": getattr(self.lists, key)(),
            }
            for key, title, empty in SECTIONS
        ]
