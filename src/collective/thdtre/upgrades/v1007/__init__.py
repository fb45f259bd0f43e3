"""1006 -> 1007: bounded visit counting (issue 14).

Filled by the work on the visit counters.
"""

from collective.thdtre import logger


def upgrade(context):
    """Re-import what the profile changed for 1007."""
    logger.info("Upgrade 1007: nothing to change")
