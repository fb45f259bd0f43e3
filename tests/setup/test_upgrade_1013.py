"""Upgrade 1013: the skip link comes first in the portal header, on a new site
and on a site from before, whose other viewlets keep their order; uninstalling
takes it out of the order again."""

from plone.app.viewletmanager.interfaces import IViewletSettingsStorage
from zope.component import getUtility


PROFILE = "collective.thdtre:default"
MANAGER = "plone.portalheader"
SKIN = "Plone Default"
SKIP_LINK = "collective.thdtre.skiplink"


def header_order() -> list[str]:
    return list(getUtility(IViewletSettingsStorage).getOrder(MANAGER, SKIN))


def test_a_new_site_has_the_skip_link_first(portal):
    order = header_order()
    assert order[0] == SKIP_LINK
    assert order.count(SKIP_LINK) == 1
    assert "plone.anontools" in order


def test_a_1012_site_gets_the_skip_link_first(portal):
    # As on a site of profile version 1012: Plone's order, without the link.
    plone_order = [name for name in header_order() if name != SKIP_LINK]
    getUtility(IViewletSettingsStorage).setOrder(MANAGER, SKIN, tuple(plone_order))
    setup = portal.portal_setup
    setup.setLastVersionForProfile(PROFILE, "1012")
    assert ("1013",) in [u["dest"] for u in setup.listUpgrades(PROFILE)]

    setup.upgradeProfile(PROFILE, dest="1013")

    assert setup.getLastVersionForProfile(PROFILE) == ("1013",)
    assert header_order() == [SKIP_LINK, *plone_order]


def test_uninstall_takes_the_skip_link_out_of_the_order(portal, installer):
    plone_order = [name for name in header_order() if name != SKIP_LINK]
    installer.uninstall_product("collective.thdtre")
    assert header_order() == plone_order
