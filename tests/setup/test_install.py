"""The add-on installs, registers its layer, and leaves nothing pending."""

from collective.thdtre import PACKAGE_NAME
from pathlib import Path

import collective.thdtre
import pytest
import re


class TestSetupInstall:
    def test_addon_installed(self, installer):
        assert installer.is_product_installed(PACKAGE_NAME) is True

    def test_browserlayer(self, browser_layers):
        from collective.thdtre.interfaces import IBrowserLayer

        assert IBrowserLayer in browser_layers

    def test_latest_version(self, profile_last_version):
        metadata = Path(collective.thdtre.__file__).parent / "profiles/default"
        version = re.search(
            r"<version>(\d+)</version>", (metadata / "metadata.xml").read_text()
        )[1]
        assert int(version) >= 1002
        assert profile_last_version(f"{PACKAGE_NAME}:default") == version

    def test_no_upgrade_pending(self, portal):
        setup = portal.portal_setup
        assert setup.listUpgrades(f"{PACKAGE_NAME}:default") == []

    @pytest.mark.parametrize("portal_type", ["Plan", "Activity", "Slogan", "Report"])
    def test_type_registered(self, portal, portal_type):
        assert portal_type in portal.portal_types.objectIds()

    @pytest.mark.parametrize(
        "index,meta_type",
        [
            ("document_number", "FieldIndex"),
            ("year", "FieldIndex"),
            ("department", "FieldIndex"),
            ("issuing_body", "FieldIndex"),
            ("period_start", "DateIndex"),
            ("period_end", "DateIndex"),
            ("progress", "FieldIndex"),
        ],
    )
    def test_index_and_metadata(self, portal, index, meta_type):
        catalog = portal.portal_catalog
        assert catalog._catalog.indexes[index].meta_type == meta_type
        assert index in catalog.schema()
