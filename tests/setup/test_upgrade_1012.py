"""Upgrade 1012: a site from before gets the archive's order index, with its
plans filed in it (drafts without a year or date too), so the archive that sorts
in the catalog lists every plan."""

from datetime import date
from plone import api


PROFILE = "collective.thdtre:default"
INDEX = "archive_order"


def test_a_1011_site_gets_the_archive_order_with_its_plans(portal):
    with api.env.adopt_roles(["Manager"]):
        dated = api.content.create(
            container=portal,
            type="Plan",
            id="dated",
            title="Kế hoạch có ngày",
            year=2024,
            issue_date=date(2024, 4, 17),
        )
        draft = api.content.create(
            container=portal, type="Plan", id="draft", title="Dự thảo chưa có năm"
        )
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delIndex(INDEX)  # as on a site of profile version 1011
    setup = portal.portal_setup
    setup.setLastVersionForProfile(PROFILE, "1011")
    assert ("1012",) in [u["dest"] for u in setup.listUpgrades(PROFILE)]

    setup.upgradeProfile(PROFILE, dest="1012")

    assert setup.getLastVersionForProfile(PROFILE) == ("1012",)
    assert INDEX in catalog.indexes()
    brains = catalog.unrestrictedSearchResults(portal_type="Plan", sort_on=INDEX)
    found = [b._unrestrictedGetObject() for b in brains]
    assert found == [dated, draft]


def test_uninstall_removes_the_archive_order_index(portal, installer):
    installer.uninstall_product("collective.thdtre")
    assert INDEX not in api.portal.get_tool("portal_catalog").indexes()
