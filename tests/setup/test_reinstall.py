"""Uninstall keeps people's data; reinstall finds it again with every catalog value."""

from AccessControl.Permission import pname
from collective.thdtre import PACKAGE_NAME
from collective.thdtre.departments import get_departments
from collective.thdtre.departments.api import create_department
from collective.thdtre.departments.api import department_folder
from collective.thdtre.setuphandlers import PERMISSIONS
from collective.thdtre.setuphandlers import ROLES
from collective.thdtre.setuphandlers import TYPES
from plone import api

import pytest


@pytest.fixture
def world(portal):
    """A department with a numbered, published plan and its parts."""
    create_department(
        id="so-tu-phap", title="Sở Tư pháp", abbreviation="STP", parent_body="UBND"
    )
    folder = department_folder(id="so-tu-phap")
    with api.env.adopt_roles(["Manager"]):
        plan = api.content.create(
            container=folder,
            type="Plan",
            id="ke-hoach",
            title="Tổ chức Tháng hành động vì trẻ em năm 2024",
            department="so-tu-phap",
            number=7,
            symbol="KH-STP",
            year=2024,
        )
        api.content.create(container=plan, type="Activity", id="hd", title="Lễ")
    return plan


def catalog_values(path: str) -> dict:
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(path=path)
    return {
        b.getPath(): {c: getattr(b, c, None) for c in catalog.schema()} for b in brains
    }


class TestUninstallKeepsPeoplesData:
    def test_roles_permissions_bindings_and_entries_go(self, portal, installer, world):
        installer.uninstall_product(PACKAGE_NAME)
        for role in ROLES:
            assert role not in portal.validRoles()
        for permission in PERMISSIONS:
            assert pname(permission) not in portal.__dict__
        chains = portal.portal_workflow._chains_by_type or {}
        assert not set(TYPES) & set(chains)
        catalog = api.portal.get_tool("portal_catalog")
        assert len(catalog.unrestrictedSearchResults(portal_type=list(TYPES))) == 0
        for type_id in TYPES:
            assert type_id not in portal.portal_repository.getVersionableContentTypes()
        publishers = api.group.get(groupname="thdtre-publishers")
        assert publishers is not None
        assert "Thdtre Publisher" not in publishers.getRoles()

    def test_content_and_groups_stay(self, portal, installer, world):
        path = "/".join(world.getPhysicalPath())
        installer.uninstall_product(PACKAGE_NAME)
        assert portal.unrestrictedTraverse(path).number == 7
        assert api.group.get(groupname="thdtre-so-tu-phap-editors") is not None
        assert api.group.get(groupname="thdtre-so-tu-phap-approvers") is not None


class TestReinstall:
    def test_departments_found_again(self, portal, installer, world):
        before = get_departments()
        installer.uninstall_product(PACKAGE_NAME)
        installer.install_product(PACKAGE_NAME)
        assert get_departments() == before
        assert (
            "Thdtre Publisher"
            in api.group.get(groupname="thdtre-publishers").getRoles()
        )

    def test_every_catalog_value_is_back(self, portal, installer, world):
        path = "/".join(world.getPhysicalPath())
        before = catalog_values(path)
        assert before[path]["document_number"] == "7/KH-STP"
        # No query before the uninstall: ZCatalog caches query results on the
        # request by index counter, and this test runs in one request.
        catalog = api.portal.get_tool("portal_catalog")
        installer.uninstall_product(PACKAGE_NAME)
        installer.install_product(PACKAGE_NAME)
        assert catalog_values(path) == before
        assert [
            b.getPath()
            for b in catalog.unrestrictedSearchResults(
                portal_type="Plan", document_number="7/KH-STP"
            )
        ] == [path]
