"""1007 -> 1008: imported plans' text as written follows later edits.

Plans imported earlier remember what their text as written states now, so that
the next correction of a field (a theme, a date, an activity's lead unit) follows
into the text (``importer/follow.py``).
"""

from collective.thdtre import logger
from collective.thdtre.importer.follow import remember
from collective.thdtre.importer.follow import remember_activity
from plone import api


def upgrade(context):
    """Remember the fields of every plan with a text as written, and its activities'."""
    count = 0
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Plan"):
        plan = brain._unrestrictedGetObject()
        if not getattr(plan, "document_text", None):
            continue
        remember(plan)
        for activity in plan.objectValues():
            if activity.portal_type == "Activity":
                remember_activity(activity)
        count += 1
    logger.info("Upgrade 1008: %s plans' texts as written follow their fields", count)
