"""1008 -> 1009: The Action Month's front page and navigation.

(Reserved for the front work; a no-op until it is filled in.)
"""

from collective.thdtre import logger


def upgrade(context):
    """The Action Month's front page and navigation."""
    logger.info("Upgrade 1009: nothing to do")
