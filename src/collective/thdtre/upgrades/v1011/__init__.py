"""1010 -> 1011: Counting from nginx's log.

(Reserved for the ingester work; a no-op until it is filled in.)
"""

from collective.thdtre import logger


def upgrade(context):
    """Counting from nginx's log."""
    logger.info("Upgrade 1011: nothing to do")
