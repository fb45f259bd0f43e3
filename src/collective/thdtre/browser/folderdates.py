"""Folder contents on a Vietnamese site: dates as 17/04/2024 08:30.

Plone 6.2's folder contents (mockup's structure pattern) writes its date
columns with the browser's ``Date.toLocaleString(<html lang>, dateFormat)``;
in Vietnamese that reads "08:30:00 17 thg 4, 2024". The pattern's
``dateFormat`` option cannot change it: it is merged into the default
``{dateStyle, timeStyle}``, and with those the shortest Vietnamese form is
"17/4/24". So a small script, loaded on folder contents only and only in
Vietnamese, writes each date cell again from the ISO value the pattern keeps
in its ``data-order`` attribute. The script is a ``<script>`` among the page's
scripts: no change to the resource registry.

The state column too: the pattern translates a state's id with a catalogue it
fetches on the first visit and only uses from the next page on, so a first
visit showed "published". The script gets the states' Vietnamese from the
page (``data-states``, the same plone-domain translation of each state id)
and writes them at once.
"""

from collective.thdtre.browser.datetimewidget import is_vietnamese
from html import escape
from plone import api
from plone.app.layout.viewlets import ViewletBase
from zope.i18n import translate

import json


SCRIPT = "++plone++collective.thdtre/folderdates.js"


class FolderDatesViewlet(ViewletBase):
    def render(self):
        if not is_vietnamese(self.request):
            return ""
        states = escape(json.dumps(self.states(), ensure_ascii=False), quote=True)
        return (
            f'<script src="{self.site_url}/{SCRIPT}" data-states="{states}" defer>'
            "</script>"
        )

    def states(self) -> dict:
        """Each workflow state id of the site, as folder contents translates it."""
        workflows = api.portal.get_tool("portal_workflow")
        ids = set()
        for workflow in workflows.objectValues():
            states = getattr(workflow, "states", None)  # DCWorkflow's
            if states is not None:
                ids.update(states.objectIds())
        return {
            state_id: translate(state_id, domain="plone", context=self.request)
            for state_id in sorted(ids)
        }
