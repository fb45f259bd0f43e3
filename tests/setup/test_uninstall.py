"""Uninstalling removes what the add-on added and leaves Plone's own things."""

from collective.thdtre import PACKAGE_NAME
from collective.thdtre.caching.rules import MAPPING
from collective.thdtre.caching.rules import PURGED
from collective.thdtre.caching.rules import PURGED_TYPES
from collective.thdtre.caching.rules import RULESETS
from collective.thdtre.interfaces import IBrowserLayer
from plone.browserlayer.utils import registered_layers
from plone.registry.interfaces import IRegistry
from zope.component import getUtility

import pytest


TYPES = ["Plan", "Activity", "Slogan", "Report", "Appendix"]
INDEXES = [
    "document_number",
    "year",
    "department",
    "issuing_body",
    "period_start",
    "period_end",
    "progress",
]
COLUMNS = [*INDEXES, "issue_date"]
SETTINGS = "collective.thdtre.interfaces.IThdtreSettings"
# An Appendix shows Plone's file icon.
ICONS = [f"plone.icon.contenttype/{name.lower()}" for name in TYPES[:4]]

PLONE_TYPES = [
    "Document",
    "Folder",
    "News Item",
    "Event",
    "File",
    "Image",
    "Link",
    "Collection",
]
PLONE_INDEXES = [
    "SearchableText",
    "Title",
    "sortable_title",
    "portal_type",
    "review_state",
    "path",
    "UID",
    "Subject",
    "effective",
    "modified",
    "allowedRolesAndUsers",
    "object_provides",
]
PLONE_COLUMNS = ["Title", "Description", "getId", "portal_type", "review_state", "UID"]


class TestBeforeUninstall:
    """The things the uninstall test expects gone are really there after install."""

    def test_installed(self, portal):
        registry = getUtility(IRegistry)
        assert f"{SETTINGS}.departments" in registry.records
        for name in ICONS:
            assert name in registry.records, name
        catalog = portal.portal_catalog
        for name in INDEXES:
            assert name in catalog.indexes()
        for name in COLUMNS:
            assert name in catalog.schema()
        for name in TYPES:
            assert name in portal.portal_types.objectIds()
        assert IBrowserLayer in registered_layers()
        mapping = registry[MAPPING]
        for ruleset in RULESETS:
            assert mapping[ruleset] == "plone.app.caching.moderateCaching"
            assert f"plone.app.caching.moderateCaching.{ruleset}.smaxage" in registry
        assert set(PURGED) <= set(registry[PURGED_TYPES])


class TestUninstall:
    @pytest.fixture(autouse=True)
    def uninstalled(self, uninstalled):
        pass

    def test_product_uninstalled(self, installer):
        assert installer.is_product_installed(PACKAGE_NAME) is False

    def test_browserlayer_removed(self, portal):
        assert IBrowserLayer not in registered_layers()

    @pytest.mark.parametrize("portal_type", TYPES)
    def test_type_removed(self, portal, portal_type):
        assert portal_type not in portal.portal_types.objectIds()

    def test_registry_records_removed(self, portal):
        registry = getUtility(IRegistry)
        assert [k for k in registry.records.keys() if k.startswith(SETTINGS)] == []
        for name in ICONS:
            assert name not in registry.records, name

    @pytest.mark.parametrize("name", INDEXES)
    def test_index_removed(self, portal, name):
        assert name not in portal.portal_catalog.indexes()

    @pytest.mark.parametrize("name", COLUMNS)
    def test_column_removed(self, portal, name):
        assert name not in portal.portal_catalog.schema()

    @pytest.mark.parametrize("portal_type", PLONE_TYPES)
    def test_plone_types_kept(self, portal, portal_type):
        assert portal_type in portal.portal_types.objectIds()

    def test_plone_indexes_and_columns_kept(self, portal):
        catalog = portal.portal_catalog
        for name in PLONE_INDEXES:
            assert name in catalog.indexes(), name
        for name in PLONE_COLUMNS:
            assert name in catalog.schema(), name

    def test_caching_rules_removed_and_plones_kept(self, portal):
        registry = getUtility(IRegistry)
        assert not set(RULESETS) & set(registry[MAPPING] or {})
        assert not [k for k in registry.records.keys() if ".collective.thdtre." in k]
        assert registry[PURGED_TYPES] == ("File", "Image", "News Item")
        assert "plone.app.caching.moderateCaching.smaxage" in registry.records

    def test_plone_registry_kept(self, portal):
        registry = getUtility(IRegistry)
        assert "plone.default_language" in registry.records
        assert "plone.available_languages" in registry.records
