"""Upgrade 1014: the folder of the departments' folders leaves the navigation on
a site from before (it was a second "Kế hoạch" tab beside the archive's), unless
its administrator renamed it."""

from collective.thdtre.departments.api import create_department
from collective.thdtre.departments.api import plans_root
from plone import api

import pytest


PROFILE = "collective.thdtre:default"


@pytest.fixture
def old_site(portal):
    with api.env.adopt_roles(["Manager"]):
        create_department(id="so-cu", title="Sở Cũ", abbreviation="SC")
    folder = plans_root()
    folder.exclude_from_nav = False  # as the add-on made it before 1014
    folder.reindexObject(idxs=["exclude_from_nav"])
    portal.portal_setup.setLastVersionForProfile(PROFILE, "1013")
    return folder


def tab_urls(portal) -> list[str]:
    tabs = portal.restrictedTraverse("@@portal_tabs_view").topLevelTabs()
    return [tab["url"] for tab in tabs]


def test_the_second_ke_hoach_tab_goes(portal, old_site):
    assert old_site.absolute_url() in tab_urls(portal)
    portal.portal_setup.upgradeProfile(PROFILE, dest="1014")
    assert portal.portal_setup.getLastVersionForProfile(PROFILE) == ("1014",)
    assert old_site.exclude_from_nav
    assert old_site.absolute_url() not in tab_urls(portal)


def test_a_renamed_folder_is_left_as_its_administrator_set_it(portal, old_site):
    old_site.setTitle("Kế hoạch các đơn vị")
    old_site.reindexObject()
    portal.portal_setup.upgradeProfile(PROFILE, dest="1014")
    assert not old_site.exclude_from_nav
    assert old_site.absolute_url() in tab_urls(portal)
