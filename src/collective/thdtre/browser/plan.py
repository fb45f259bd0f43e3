"""The Plan page: the official document as written, then the work it sets.

The document area comes whole from ``official`` (the same layout as the print
stylesheet, the PDF and the .docx); the activities with their units, dates and
progress follow as their own block for the people who follow the work.
"""

from collective.thdtre import dates
from collective.thdtre.browser.derive import editor_actions
from collective.thdtre.content.slogan import slogan_order
from collective.thdtre.official.document import document_of
from collective.thdtre.official.html import document_html
from collective.thdtre.vocabularies.vocabularies import PROGRESS
from collective.thdtre.workflow import state_title
from plone import api
from Products.Five.browser import BrowserView
from zope.i18n import translate
from zope.security import checkPermission


class PlanView(BrowserView):
    """Default view of a Plan."""

    def is_draft(self):
        return self.context.number is None or self.context.issue_date is None

    def short_date(self, value):
        return dates.short_date(value)

    def _children(self, portal_type):
        return self.context.listFolderContents(
            contentFilter={"portal_type": portal_type}
        )

    def slogans(self):
        return sorted(self._children("Slogan"), key=slogan_order)

    def activities(self):
        if not hasattr(self, "_activities"):
            self._activities = self._children("Activity")
        return self._activities

    def document(self):
        """The plan as its official document (``official.document.Document``)."""
        return document_of(
            self.context, slogans=self.slogans(), activities=self.activities()
        )

    def document_html(self):
        """The document area: every value escaped by ``official.html``."""
        return document_html(self.document())

    def implemented_plans(self):
        """The plans this plan implements, that the visitor may see."""
        plans = []
        for relation in self.context.implements or []:
            target = relation.to_object if not relation.isBroken() else None
            if target is not None and checkPermission("zope2.View", target):
                plans.append(target)
        return plans

    def implementing_plans(self):
        """Plans that implement this one and the visitor may see, with their state."""
        rows = []
        for relation in api.relation.get(
            target=self.context, relationship="implements"
        ):
            source = relation.from_object
            if source is None or not checkPermission("zope2.View", source):
                continue
            rows.append(
                {
                    "url": source.absolute_url(),
                    "title": source.title,
                    "number": source.document_number,
                    "issuer": source.issuing_body or "",
                    "state": state_title(api.content.get_state(obj=source, default="")),
                }
            )
        return sorted(rows, key=lambda r: (r["issuer"], r["number"]))

    def editor_actions(self):
        """Rows form, implementing plan, next year's copy: for those who may."""
        return editor_actions(self.context)

    def progress_title(self, progress):
        return translate(
            dict(PROGRESS).get(progress, progress or ""), context=self.request
        )
