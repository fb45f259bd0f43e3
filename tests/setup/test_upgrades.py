"""Upgrade steps bring a site of an earlier profile version to the current one."""

from collective.thdtre import PACKAGE_NAME
from collective.thdtre.caching.rules import MAPPING
from collective.thdtre.caching.rules import PURGED_TYPES
from collective.thdtre.caching.rules import remove_rules
from collective.thdtre.caching.rules import RULESETS
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


PROFILE = f"{PACKAGE_NAME}:default"


class TestUpgrade1001:
    def test_a_1000_site_gets_the_caching_rules_and_keeps_its_own_settings(
        self, portal
    ):
        registry = getUtility(IRegistry)
        setup = portal.portal_setup
        remove_rules(registry)
        registry[MAPPING] = {"plone.resource": "plone.app.caching.strongCaching"}
        registry["plone.app.caching.moderateCaching.smaxage"] = 1234
        setup.setLastVersionForProfile(PROFILE, "1000")
        assert [u["dest"] for u in setup.listUpgrades(PROFILE)] == [("1001",)]

        setup.upgradeProfile(PROFILE)

        assert setup.getLastVersionForProfile(PROFILE) == ("1001",)
        assert setup.listUpgrades(PROFILE) == []
        mapping = registry[MAPPING]
        assert mapping["plone.resource"] == "plone.app.caching.strongCaching"
        for ruleset, options in RULESETS.items():
            assert mapping[ruleset] == "plone.app.caching.moderateCaching"
            for option, value in options.items():
                name = f"plone.app.caching.moderateCaching.{ruleset}.{option}"
                assert registry[name] == value, name
        assert registry["plone.app.caching.moderateCaching.smaxage"] == 1234
        assert "Plan" in registry[PURGED_TYPES]
        assert "News Item" in registry[PURGED_TYPES]

    def test_the_upgrade_twice_changes_nothing(self, portal):
        registry = getUtility(IRegistry)
        setup = portal.portal_setup
        before = dict(registry[MAPPING])
        purged = registry[PURGED_TYPES]
        setup.setLastVersionForProfile(PROFILE, "1000")
        setup.upgradeProfile(PROFILE)
        assert registry[MAPPING] == before
        assert registry[PURGED_TYPES] == purged
