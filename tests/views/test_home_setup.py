"""The front page is a display view of the site and folders, the archive, the
calendar and the slogans are tabs, "My work" is in the personal menu; all of it
goes on uninstall, and a site that showed the front page shows Plone's default."""

from collective.thdtre import PACKAGE_NAME
from plone import api

import pytest


TABS = {
    "thdtre_plans": "@@thdtre-plans",
    "thdtre_calendar": "@@thdtre-calendar",
    "thdtre_slogans": "@@thdtre-slogans",
}


def tabs(portal) -> dict:
    category = portal.portal_actions.portal_tabs
    return {name: category[name] for name in category.objectIds() if name in TABS}


class TestInstalled:
    def test_front_page_is_a_display_view_of_site_and_folders(self, portal):
        assert "thdtre-home" in dict(portal.getAvailableLayouts())
        with api.env.adopt_roles(["Manager"]):
            folder = api.content.create(container=portal, type="Folder", title="A")
        assert "thdtre-home" in dict(folder.getAvailableLayouts())

    def test_navigation_tabs(self, portal):
        found = tabs(portal)
        assert list(found) == list(TABS)
        context = portal.portal_actions.listFilteredActionsFor(portal)
        urls = {a["id"]: a["url"] for a in context["portal_tabs"]}
        for name, view in TABS.items():
            assert urls[name] == f"{portal.absolute_url()}/{view}"

    def test_my_work_in_the_personal_menu_of_logged_in_people(self, portal):
        actions = portal.portal_actions.listFilteredActionsFor(portal)
        (mine,) = [a for a in actions["user"] if a["id"] == "thdtre_my_work"]
        assert mine["url"] == f"{portal.absolute_url()}/@@thdtre-my-work"
        action = portal.portal_actions.user.thdtre_my_work
        assert action.available_expr == "python:member is not None"


class TestUninstalled:
    @pytest.fixture
    def uninstalled_with_front_page(self, portal, installer):
        with api.env.adopt_roles(["Manager"]):
            folder = api.content.create(container=portal, type="Folder", title="B")
        portal.setLayout("thdtre-home")
        folder.setLayout("thdtre-home")
        installer.uninstall_product(PACKAGE_NAME)
        return portal, folder

    def test_everything_removed(self, uninstalled_with_front_page):
        portal, folder = uninstalled_with_front_page
        assert tabs(portal) == {}
        assert "thdtre_my_work" not in portal.portal_actions.user.objectIds()
        for name in ("Plone Site", "Folder"):
            fti = portal.portal_types.getTypeInfo(name)
            assert "thdtre-home" not in fti.view_methods
            assert "listing_view" in fti.view_methods  # Plone's own stay
        assert portal.getLayout() == portal.getDefaultLayout()
        assert folder.getLayout() == folder.getDefaultLayout()
        # Plone's own navigation is untouched.
        assert "index_html" in portal.portal_actions.portal_tabs.objectIds()
