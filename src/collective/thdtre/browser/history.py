"""Who did which transition when, with comments: shown under the item."""

from collective.thdtre.dates import local_moment
from plone import api
from plone.app.layout.viewlets import ViewletBase
from Products.CMFEditions.browser import diff as diff_module
from Products.CMFEditions.browser.diff import DiffView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile

import os


class HistoryViewlet(ViewletBase):
    index = ViewPageTemplateFile("templates/history.pt")

    def entries(self):
        """The workflow history, newest first, with translated titles."""
        workflow_tool = api.portal.get_tool("portal_workflow")
        entries = []
        for workflow in workflow_tool.getWorkflowsFor(self.context):
            history = getattr(self.context, "workflow_history", {}).get(workflow.id, ())
            for entry in history:
                action = entry.get("action")
                transition = workflow.transitions.get(action) if action else None
                state = workflow.states.get(entry.get("review_state"))
                actor = entry.get("actor")
                user = api.user.get(userid=actor) if actor else None
                entries.append(
                    {
                        "time": entry.get("time"),
                        "actor": (user.getProperty("fullname") if user else "")
                        or actor,
                        "action": transition.title if transition else "",
                        "state": state.title if state else entry.get("review_state"),
                        "comments": entry.get("comments", ""),
                    }
                )
        return list(reversed(entries))

    def when(self, time):
        return local_moment(time).strftime("%d/%m/%Y %H:%M") if time else ""


class VersionsView(DiffView):
    """CMFEditions' ``@@history`` (compare versions), also before a first version.

    Items created before their type was versioned (or by code that skipped
    versioning) have no version yet: CMFEditions' view fails on them, this one
    shows Plone's content history instead.
    """

    index = ViewPageTemplateFile(
        os.path.join(os.path.dirname(diff_module.__file__), "templates", "diff.pt")
    )

    def __call__(self):
        repository = api.portal.get_tool("portal_repository")
        metadata = repository.getHistoryMetadata(self.context)
        if not metadata or not metadata.getLength(countPurged=False):
            return self.context.restrictedTraverse("@@historyview")()
        return super().__call__()
