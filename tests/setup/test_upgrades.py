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
        assert [u["dest"] for u in setup.listUpgrades(PROFILE)][0] == ("1001",)

        setup.upgradeProfile(PROFILE, dest="1001")

        assert setup.getLastVersionForProfile(PROFILE) == ("1001",)
        setup.upgradeProfile(PROFILE)
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


class TestUpgrade1002:
    def test_a_1001_site_gets_versions_of_its_types_and_departments_remembered(
        self, portal
    ):
        from collective.thdtre.departments.api import create_department
        from collective.thdtre.departments.api import department_folder
        from plone.dexterity.interfaces import IDexterityFTI
        from zope.component import getUtility

        create_department(id="so-y-te", title="Sở Y tế", abbreviation="SYT")
        folder = department_folder(id="so-y-te")
        del folder.thdtre_department_info
        fti = getUtility(IDexterityFTI, name="Activity")
        fti.behaviors = tuple(b for b in fti.behaviors if b != "plone.versioning")
        repository = portal.portal_repository
        repository.setVersionableContentTypes(
            [t for t in repository.getVersionableContentTypes() if t != "Activity"]
        )
        setup = portal.portal_setup
        setup.setLastVersionForProfile(PROFILE, "1001")

        setup.upgradeProfile(PROFILE, dest="1002")

        assert "plone.versioning" in fti.behaviors
        assert "Activity" in repository.getVersionableContentTypes()
        assert "at_edit_autoversion" in repository.getPolicyMap()["Activity"]
        assert folder.thdtre_department_info == {
            "id": "so-y-te",
            "title": "Sở Y tế",
            "abbreviation": "SYT",
            "parent_body": "",
        }
