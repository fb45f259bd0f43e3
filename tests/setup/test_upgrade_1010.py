"""Upgrade 1010: a 1009 site's indicators get unit and target, and its
departments' folders and groups take the department's title again."""

from collective.thdtre.departments import editors_group
from collective.thdtre.departments import get_departments
from collective.thdtre.departments import set_departments
from collective.thdtre.departments.api import create_department
from collective.thdtre.departments.api import department_folders
from collective.thdtre.interfaces import IThdtreSettings
from collective.thdtre.reports.indicators import get_indicators
from plone import api
from plone.app.testing import SITE_OWNER_NAME

import json


PROFILE = "collective.thdtre:default"
BEFORE = {
    "2025": [
        {"id": "children_supported", "title": "Trẻ em được hỗ trợ"},
        {"title": "no id: unusable"},
    ],
    "not a year": [{"id": "x"}],
}


def test_a_1009_site_is_brought_in_step(portal):
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        create_department(id="so-tu-phap", title="Sở Tư pháp", abbreviation="STP")
    # As a 1009 site may hold it: a title changed in the record only.
    set_departments(
        [dict(d, title="Sở Tư pháp tỉnh Bắc Giang") for d in get_departments()]
    )
    api.portal.set_registry_record(
        "metrics", json.dumps(BEFORE, ensure_ascii=False), interface=IThdtreSettings
    )
    setup = portal.portal_setup
    setup.setLastVersionForProfile(PROFILE, "1009")
    assert ("1010",) in [u["dest"] for u in setup.listUpgrades(PROFILE)]

    setup.upgradeProfile(PROFILE, dest="1010")

    assert setup.getLastVersionForProfile(PROFILE) == ("1010",)
    assert get_indicators() == {
        "2025": [
            {
                "id": "children_supported",
                "title": "Trẻ em được hỗ trợ",
                "unit": "",
                "target": None,
            }
        ]
    }
    stored = json.loads(
        api.portal.get_registry_record("metrics", interface=IThdtreSettings)
    )
    assert stored["2025"][0]["unit"] == ""
    (folder,) = department_folders(id="so-tu-phap")
    assert folder.title == "Sở Tư pháp tỉnh Bắc Giang"
    assert folder.getId() == "so-tu-phap"
    group = api.group.get(groupname=editors_group("so-tu-phap"))
    assert group.getProperty("title").startswith("Sở Tư pháp tỉnh Bắc Giang")
