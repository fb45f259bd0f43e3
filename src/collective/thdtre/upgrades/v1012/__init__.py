"""1011 -> 1012: Archive filters from catalog indexes.

(Reserved for the scale work; a no-op until it is filled in.)
"""

from collective.thdtre import logger


def upgrade(context):
    """Archive filters from catalog indexes."""
    logger.info("Upgrade 1012: nothing to do")
