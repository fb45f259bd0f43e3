"""The folder of the departments' folders stays out of the navigation: the
"Kế hoạch" tab the add-on adds is the archive, and a folder of the same name
beside it would be a second "Kế hoạch" tab leading elsewhere."""

from collective.thdtre.departments.api import create_department
from collective.thdtre.departments.api import plans_root
from plone import api


def test_a_new_site_has_one_ke_hoach_tab(portal):
    with api.env.adopt_roles(["Manager"]):
        create_department(id="so-moi", title="Sở Mới", abbreviation="SM")
    folder = plans_root()
    assert folder.exclude_from_nav
    tabs = portal.restrictedTraverse("@@portal_tabs_view").topLevelTabs()
    urls = [tab["url"] for tab in tabs]
    assert folder.absolute_url() not in urls
    assert [tab for tab in tabs if tab["url"].endswith("/@@thdtre-plans")]
