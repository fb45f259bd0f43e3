"""1006 -> 1007: bounded visit counting (issue 14).

The site gets the ``counting_proxies`` setting (the addresses whose counting
headers are believed), 127.0.0.1 and ::1 as on a fresh install. The counters'
own tables are migrated by the store when an instance first opens them
(counters/migrate.py): they are outside the ZODB and shared by instances.
"""

from collective.thdtre import logger
from collective.thdtre.interfaces import IThdtreSettings
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


def upgrade(context):
    """Add the new settings of IThdtreSettings; keep every existing value."""
    registry = getUtility(IRegistry)
    prefix = IThdtreSettings.__identifier__
    registry.registerInterface(IThdtreSettings, prefix=prefix)
    proxies = registry.forInterface(IThdtreSettings, prefix=prefix).counting_proxies
    logger.info("Upgrade 1007: counting proxies %s", ", ".join(proxies or ()))
