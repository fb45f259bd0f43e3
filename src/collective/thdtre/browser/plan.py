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
from html import escape
from plone import api
from plone.memoize import ram
from Products.Five.browser import BrowserView
from zope.i18n import translate
from zope.security import checkPermission


def _serial(obj) -> bytes:
    """The object's last committed transaction; unsaved objects are not cached."""
    if obj._p_changed is None:  # a ghost knows no serial yet
        obj._p_activate()
    if obj._p_jar is None or obj._p_changed or not any(obj._p_serial):
        raise ram.DontCache
    return obj._p_serial


def _document_key(method, view):
    """The document changes with the plan and with the parts this visitor sees."""
    plan = view.context
    parts = [*view.slogans(), *view.activities()]
    return (
        "/".join(plan.getPhysicalPath()),
        _serial(plan),
        tuple((part.getId(), _serial(part)) for part in parts),
    )


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
        if not hasattr(self, "_slogans"):
            self._slogans = sorted(self._children("Slogan"), key=slogan_order)
        return self._slogans

    def activities(self):
        if not hasattr(self, "_activities"):
            self._activities = self._children("Activity")
        return self._activities

    def document(self):
        """The plan as its official document (``official.document.Document``)."""
        return document_of(
            self.context, slogans=self.slogans(), activities=self.activities()
        )

    @ram.cache(_document_key)
    def document_html(self):
        """The document area: every value escaped by ``official.html``; laid out
        once per change of the plan or of its parts (a 40-page text is long)."""
        return document_html(self.document())

    def activity_rows(self) -> list[dict]:
        """The activities block's rows, as text."""
        titles = {}
        rows = []
        for number, activity in enumerate(self.activities(), 1):
            if activity.progress not in titles:
                titles[activity.progress] = self.progress_title(activity.progress)
            time = dates.short_date(activity.start) if activity.start else ""
            if activity.end and activity.end != activity.start:
                time = f"{time} – {dates.short_date(activity.end)}"
            rows.append(
                {
                    "number": number,
                    "url": activity.absolute_url(),
                    "title": activity.title,
                    "lead_unit": activity.lead_unit or "",
                    "units": ", ".join(activity.coordinating_units or []),
                    "time": time,
                    "progress": titles[activity.progress],
                }
            )
        return rows

    def activities_tbody(self) -> str:
        """The activities block's rows as HTML, every value escaped here (one
        insertion instead of seven template expressions a row: 60 activities)."""
        cells = ("number", "title", "lead_unit", "units", "time", "progress")
        html = []
        for row in self.activity_rows():
            values = {name: escape(str(row[name])) for name in cells}
            values["title"] = f'<a href="{escape(row["url"])}">{values["title"]}</a>'
            html.append(
                "<tr>" + "".join(f"<td>{values[n]}</td>" for n in cells) + "</tr>"
            )
        return "\n".join(html)

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
