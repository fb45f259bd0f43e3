"""Upgrade 1006: a 1005 site's Files and Images inside plans and reports become
Appendices under the plan's workflow (one added after approval waits for it), its
reports take their plan's department, nothing is lost."""

from collective.thdtre import PACKAGE_NAME
from collective.thdtre.interfaces import IThdtreSettings
from DateTime import DateTime
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.namedfile.file import NamedBlobFile
from plone.namedfile.file import NamedBlobImage

import pytest


PROFILE = f"{PACKAGE_NAME}:default"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
    b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
OLD_PARTS = ("Activity", "Slogan", "Report", "File", "Image")


def as_in_1005(portal):
    """The types of profile 1005: plans and reports hold Plone files, no Appendix."""
    types = portal.portal_types
    types.manage_delObjects(["Appendix"])
    types.Plan.allowed_content_types = OLD_PARTS
    types.Report.allowed_content_types = ("File", "Image")


def transition(obj, *names):
    for name in names:
        api.content.transition(obj=obj, transition=name)


@pytest.fixture
def site(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    api.portal.set_registry_record("four_eyes", False, interface=IThdtreSettings)
    as_in_1005(portal)
    return portal


def test_files_in_plans_become_appendices(site):
    plan = api.content.create(container=site, type="Plan", title="Đã ban hành")
    before = api.content.create(
        container=plan,
        type="File",
        id="phu-luc",
        title="Phụ lục",
        file=NamedBlobFile(data=PDF, filename="phu-luc.pdf"),
    )
    before.creation_date = DateTime() - 1
    api.content.create(container=plan, type="Activity", title="Hoạt động")
    transition(plan, "submit", "approve", "publish")
    after = api.content.create(
        container=plan,
        type="Image",
        id="anh",
        title="Ảnh thêm sau",
        image=NamedBlobImage(data=PNG, filename="anh.png"),
    )
    after.creation_date = DateTime() + 1
    draft = api.content.create(container=site, type="Plan", title="Nháp")
    in_draft = api.content.create(
        container=draft,
        type="File",
        id="tep",
        title="Tệp",
        file=NamedBlobFile(data=PDF),
    )
    in_draft.creation_date = DateTime() - 1
    report = api.content.create(container=plan, type="Report", title="Báo cáo")
    api.content.create(
        container=report, type="File", id="bieu", file=NamedBlobFile(data=PDF)
    )
    order = plan.objectIds()

    setup = site.portal_setup
    setup.setLastVersionForProfile(PROFILE, "1005")
    setup.upgradeProfile(PROFILE, dest="1006")

    assert "1006" in setup.getLastVersionForProfile(PROFILE)
    assert plan.objectIds() == order
    assert {t.getId() for t in plan.allowedContentTypes()} == {
        "Activity",
        "Slogan",
        "Report",
        "Appendix",
    }
    appendix = plan["phu-luc"]
    assert appendix.portal_type == "Appendix"
    assert (appendix.title, appendix.file.data) == ("Phụ lục", PDF)
    assert api.content.get_state(obj=appendix) == "published"
    # Added after the plan was approved: it was never approved itself.
    image = plan["anh"]
    assert image.portal_type == "Appendix"
    assert image.file.data == PNG
    assert image.file.filename == "anh.png"
    assert api.content.get_state(obj=image) == "pending"
    assert "Anonymous" not in [
        r["name"] for r in image.rolesOfPermission("View") if r["selected"]
    ]
    assert api.content.get_state(obj=draft["tep"]) == "draft"
    assert draft["tep"].portal_type == "Appendix"
    assert report["bieu"].portal_type == "Appendix"
    (brain,) = api.content.find(UID=image.UID())
    assert brain.portal_type == "Appendix"
    assert not api.content.find(
        portal_type=["File", "Image"], path="/".join(plan.getPhysicalPath())
    )


def test_reports_take_their_plans_department(site):
    plan = api.content.create(container=site, type="Plan", title="Của phòng A")
    plan.department = "so-tu-phap"
    report = api.content.create(container=plan, type="Report", title="Báo cáo")
    report.department = "so-khcn"  # as a 1005 site let an editor set it
    report.reindexObject()

    setup = site.portal_setup
    setup.setLastVersionForProfile(PROFILE, "1005")
    setup.upgradeProfile(PROFILE, dest="1006")

    assert report.department == "so-tu-phap"
    (brain,) = api.content.find(UID=report.UID())
    assert brain.department == "so-tu-phap"
