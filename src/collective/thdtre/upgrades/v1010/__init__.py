"""1009 -> 1010: Departments renamed and retired, indicators edited in a form.

(Reserved for the admin work; a no-op until it is filled in.)
"""

from collective.thdtre import logger


def upgrade(context):
    """Departments renamed and retired, indicators edited in a form."""
    logger.info("Upgrade 1010: nothing to do")
