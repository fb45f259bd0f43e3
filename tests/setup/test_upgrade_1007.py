"""Upgrade 1007: a 1006 site gets the counting proxies setting (127.0.0.1 and
::1, as a fresh install), keeps its other settings, and nothing is pending."""

from collective.thdtre import PACKAGE_NAME
from collective.thdtre.interfaces import IThdtreSettings
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


PROFILE = f"{PACKAGE_NAME}:default"
RECORD = f"{IThdtreSettings.__identifier__}.counting_proxies"


def test_a_fresh_install_counts_from_the_local_proxy_only(portal):
    assert api.portal.get_registry_record(RECORD) == ["127.0.0.1", "::1"]
    assert portal.portal_setup.listUpgrades(PROFILE) == []


def test_a_1006_site_gets_the_counting_proxies_and_keeps_its_settings(portal):
    registry = getUtility(IRegistry)
    del registry.records[RECORD]  # as a site at 1006 has it
    api.portal.set_registry_record("reminder_days", 12, interface=IThdtreSettings)
    setup = portal.portal_setup
    setup.setLastVersionForProfile(PROFILE, "1006")
    assert ("1007",) in [u["dest"] for u in setup.listUpgrades(PROFILE)]

    setup.upgradeProfile(PROFILE, dest="1007")

    assert api.portal.get_registry_record(RECORD) == ["127.0.0.1", "::1"]
    assert (
        api.portal.get_registry_record("reminder_days", interface=IThdtreSettings) == 12
    )
    assert "1007" in setup.getLastVersionForProfile(PROFILE)
