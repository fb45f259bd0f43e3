"""1005 -> 1006: hardening of plans' parts and numbers (issue 14).

Filled by the work on numbers, departments and what may be added to a plan.
"""

from collective.thdtre import logger


def upgrade(context):
    """Re-import what the profile changed for 1006."""
    logger.info("Upgrade 1006: nothing to change")
