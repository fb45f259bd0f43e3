"""Upgrade 1009: a site of 1008 gets the front page as a display view and the
navigation's tabs and "My work" in the personal menu."""

from plone import api

import pytest


PROFILE = "collective.thdtre:default"
TABS = ("thdtre_plans", "thdtre_calendar", "thdtre_slogans")


@pytest.fixture
def site_of_1008(portal):
    """The site as 1008 left it: no front page view, no navigation actions."""
    with api.env.adopt_roles(["Manager"]):
        for name in ("Plone Site", "Folder"):
            fti = portal.portal_types.getTypeInfo(name)
            methods = tuple(m for m in fti.view_methods if m != "thdtre-home")
            fti.manage_changeProperties(view_methods=methods)
        actions = portal.portal_actions
        actions.portal_tabs.manage_delObjects(list(TABS))
        actions.user.manage_delObjects(["thdtre_my_work"])
    portal.portal_setup.setLastVersionForProfile(PROFILE, "1008")
    return portal


def test_1008_site_gets_the_front_page_and_navigation(site_of_1008):
    portal = site_of_1008
    setup = portal.portal_setup
    assert ("1009",) in [u["dest"] for u in setup.listUpgrades(PROFILE)]
    assert "thdtre-home" not in dict(portal.getAvailableLayouts())
    setup.upgradeProfile(PROFILE, dest="1009")
    assert setup.getLastVersionForProfile(PROFILE) == ("1009",)

    assert "thdtre-home" in dict(portal.getAvailableLayouts())
    for name in ("Plone Site", "Folder"):
        methods = portal.portal_types.getTypeInfo(name).view_methods
        assert list(methods).count("thdtre-home") == 1
    assert set(TABS) <= set(portal.portal_actions.portal_tabs.objectIds())
    assert portal.portal_actions.user.objectIds()[0] == "thdtre_my_work"
    # Content is left as it was: the administrator chooses the front page.
    assert portal.getLayout() != "thdtre-home"


def test_running_it_twice_adds_nothing_twice(site_of_1008):
    setup = site_of_1008.portal_setup
    setup.upgradeProfile(PROFILE, dest="1009")
    setup.setLastVersionForProfile(PROFILE, "1008")
    setup.upgradeProfile(PROFILE, dest="1009")
    fti = site_of_1008.portal_types.getTypeInfo("Folder")
    assert list(fti.view_methods).count("thdtre-home") == 1
    tabs = site_of_1008.portal_actions.portal_tabs.objectIds()
    assert [t for t in tabs if t.startswith("thdtre_")] == list(TABS)
