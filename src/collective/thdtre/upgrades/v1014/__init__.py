"""1013 -> 1014: one "Kế hoạch" tab in the site's navigation.

Since 1009 the navigation has a "Kế hoạch" tab for the plan archive; the folder
that holds the departments' folders (``ke-hoach``, made by the add-on) showed
beside it as a second tab of the same name, leading to a folder listing. New
sites make that folder out of the navigation; this step does the same on a site
from before, unless its administrator has renamed the folder (then it is theirs
to show or hide).
"""

from collective.thdtre import logger
from collective.thdtre.departments.api import PLANS_ROOT
from collective.thdtre.multilingual import language_roots


TITLE = "Kế hoạch"  # the title the add-on gave the folder


def upgrade(context):
    """Hide the add-on's own ``ke-hoach`` folders from the navigation."""
    hidden = 0
    for root in language_roots():
        folder = root.get(PLANS_ROOT)  # a child only, never acquired
        if folder is None or folder.exclude_from_nav or folder.Title() != TITLE:
            continue
        folder.exclude_from_nav = True
        folder.reindexObject(idxs=["exclude_from_nav"])
        hidden += 1
    logger.info("Upgrade 1014: %s plans folder(s) out of the navigation", hidden)
