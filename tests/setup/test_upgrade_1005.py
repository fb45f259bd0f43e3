"""Upgrade 1005: plans imported earlier get their text as written from their
original file; typed plans and plans that have it are left alone; nothing is
pending after install or upgrade."""

from collective.thdtre import PACKAGE_NAME
from pathlib import Path
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.namedfile.file import NamedBlobFile


PROFILE = f"{PACKAGE_NAME}:default"
SEED = next((Path(__file__).parents[1] / "fixtures").glob("003_*.txt"))


def test_a_fresh_install_has_no_upgrade_pending(portal):
    assert portal.portal_setup.listUpgrades(PROFILE) == []


def test_a_1004_site_keeps_the_text_of_its_imported_plans(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    imported = api.content.create(
        container=portal,
        type="Plan",
        title="Tổ chức Tháng hành động vì trẻ em năm 2024",
    )
    imported.original_file = NamedBlobFile(
        data=SEED.read_bytes(), filename=SEED.name, contentType="text/plain"
    )
    imported.document_text = None  # as imported before 1005
    typed = api.content.create(container=portal, type="Plan", title="Kế hoạch gõ tay")
    kept = api.content.create(container=portal, type="Plan", title="Đã có văn bản")
    kept.original_file = imported.original_file
    kept.document_text = "I. MỤC ĐÍCH"

    setup = portal.portal_setup
    setup.setLastVersionForProfile(PROFILE, "1004")
    assert ("1005",) in [u["dest"] for u in setup.listUpgrades(PROFILE)]
    setup.upgradeProfile(PROFILE, dest="1005")

    assert imported.document_text.startswith("Thực hiện Kế hoạch số 26/KH-UBND")
    assert "Phụ lục" in imported.document_text
    assert not typed.document_text
    assert kept.document_text == "I. MỤC ĐÍCH"
    assert "1005" in setup.getLastVersionForProfile(PROFILE)
