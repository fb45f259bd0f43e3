"""Upgrade 1004: news items get the original-document behavior; their other
behaviors stay, nothing is pending after install or upgrade, uninstall removes it."""

from collective.thdtre import PACKAGE_NAME
from plone.dexterity.interfaces import IDexterityFTI
from zope.component import getUtility


PROFILE = f"{PACKAGE_NAME}:default"
BEHAVIOR = "collective.thdtre.original_document"


def _news_behaviors():
    return getUtility(IDexterityFTI, name="News Item").behaviors


def test_a_fresh_install_gives_news_items_their_original_document(portal):
    assert BEHAVIOR in _news_behaviors()
    assert "collective.thdtre.related_plan" in _news_behaviors()
    assert portal.portal_setup.listUpgrades(PROFILE) == []


def test_a_1003_site_gets_the_behavior_once_and_keeps_the_others(portal):
    fti = getUtility(IDexterityFTI, name="News Item")
    fti.behaviors = tuple(b for b in fti.behaviors if b != BEHAVIOR)
    before = fti.behaviors
    setup = portal.portal_setup
    setup.setLastVersionForProfile(PROFILE, "1003")
    assert ("1004",) in [u["dest"] for u in setup.listUpgrades(PROFILE)]

    setup.upgradeProfile(PROFILE, dest="1004")
    setup.setLastVersionForProfile(PROFILE, "1003")
    setup.upgradeProfile(PROFILE, dest="1004")

    assert fti.behaviors == (*before, BEHAVIOR)
    setup.upgradeProfile(PROFILE)  # the later steps
    assert setup.listUpgrades(PROFILE) == []
