"""1012 -> 1013: the skip link is the first stop of the keyboard.

The "Skip to content" link (``browser/accessibility.py``) came after the
portal header's other viewlets, so a visitor's first Tab reached "Log in"
first; ``viewlets.xml`` now puts it first in the header.
"""

from collective.thdtre import logger
from plone import api


PROFILE = "profile-collective.thdtre:default"


def upgrade(context):
    """Put the skip link first in the portal header."""
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(PROFILE, "viewlets", run_dependencies=False)
    logger.info("Upgrade 1013: the skip link comes first in the portal header")
