"""1010 -> 1011: Counting from nginx's log.

Nothing in the site changes: Plone marks each page it renders behind the proxy
(``X-Thdtre-Count``, ``browser/count.py``) from code, and the counting log, the
ingester and its position table (``thdtre_ingest``, made by the ingester in the
counters' PostgreSQL) live outside the ZODB. Kept so that sites pass through the
same versions.
"""

from collective.thdtre import logger


def upgrade(context):
    """Counting from nginx's log."""
    logger.info(
        "Upgrade 1011: nothing to change in the site (counting from nginx's log)"
    )
