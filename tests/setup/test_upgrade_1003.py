"""Upgrade 1003: the allow-list of intranet addresses for URL imports; existing
settings keep their values, and nothing is pending after install or upgrade."""

from collective.thdtre import PACKAGE_NAME
from collective.thdtre.interfaces import IThdtreSettings
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


PROFILE = f"{PACKAGE_NAME}:default"
PREFIX = IThdtreSettings.__identifier__
RECORD = f"{PREFIX}.import_url_allowlist"


def test_a_fresh_install_has_an_empty_allow_list_and_nothing_pending(portal):
    registry = getUtility(IRegistry)
    assert registry[RECORD] == []
    setup = portal.portal_setup
    assert setup.getLastVersionForProfile(PROFILE) >= ("1003",)
    assert setup.listUpgrades(PROFILE) == []


def test_a_1002_site_gets_the_record_and_keeps_its_settings(portal):
    registry = getUtility(IRegistry)
    setup = portal.portal_setup
    del registry.records[RECORD]
    registry[f"{PREFIX}.import_max_mb"] = 7
    registry[f"{PREFIX}.four_eyes"] = False
    setup.setLastVersionForProfile(PROFILE, "1002")
    assert ("1003",) in [u["dest"] for u in setup.listUpgrades(PROFILE)]

    setup.upgradeProfile(PROFILE, dest="1003")

    assert registry[RECORD] == []
    assert registry[f"{PREFIX}.import_max_mb"] == 7
    assert registry[f"{PREFIX}.four_eyes"] is False
    registry[RECORD] = ["10.20.0.0/16"]
    setup.upgradeProfile(PROFILE, dest="1003")  # nothing to do: it stays
    setup.setLastVersionForProfile(PROFILE, "1002")
    setup.upgradeProfile(PROFILE, dest="1003")
    assert registry[RECORD] == ["10.20.0.0/16"]
    setup.upgradeProfile(PROFILE)
    assert setup.listUpgrades(PROFILE) == []
