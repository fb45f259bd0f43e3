"""1011 -> 1012: the archive sorts and counts its filters in the catalog.

Adds the ``archive_order`` index (newest year, newest issue date, title; every
plan has a key, so a catalog sort loses no draft) and files the plans in it. The
filters' counts come from the existing ``year``, ``issuing_body`` and ``theme``
indexes.
"""

from collective.thdtre import logger
from plone import api


INDEX = "archive_order"


def upgrade(context):
    """Add the archive's order index and file every plan in it."""
    catalog = api.portal.get_tool("portal_catalog")
    if INDEX not in catalog.indexes():
        catalog.addIndex(INDEX, "FieldIndex", extra={"indexed_attrs": INDEX})
    count = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="Plan"):
        plan = brain._unrestrictedGetObject()
        catalog.catalog_object(plan, brain.getPath(), idxs=[INDEX], update_metadata=0)
        count += 1
    logger.info("Upgrade 1012: %s plans filed in the archive's order", count)
