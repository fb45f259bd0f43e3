"""1008 -> 1009: The Action Month's front page and navigation.

The front page (@@thdtre-home) becomes a display view of the site and of
folders, and the navigation gets the archive, the calendar and the slogans as
tabs and "Việc của tôi" in the personal menu (``actions.xml``). No content is
changed: a site administrator chooses the front page in the Display menu.
"""

from collective.thdtre import logger
from collective.thdtre.frontpage import offer_front_page
from plone import api


PROFILE = "profile-collective.thdtre:default"


def upgrade(context):
    """Offer the front page as a display view; add the navigation's actions."""
    offer_front_page()
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(PROFILE, "actions", run_dependencies=False)
    logger.info("Upgrade 1009: front page offered, navigation actions added")
