"""Upgrade 1008: a plan imported before it remembers what its text as written
states, so that the next correction of a field follows into the text."""

from collective.thdtre.importer.follow import KEY
from collective.thdtre.importer.load import import_document
from pathlib import Path
from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent


PROFILE = "collective.thdtre:default"
SEED = Path(__file__).resolve().parents[1] / "fixtures" / "patterns"
SEED = SEED / "plan_province_standard.txt"
THEME = "Chung tay bảo vệ trẻ em, phòng, chống xâm hại trẻ em"


def test_a_1007_sites_imported_plans_follow_edits_after_the_upgrade(portal):
    with api.env.adopt_roles(["Manager"]):
        _summary, plan = import_document(
            container=portal, filename=SEED.name, data=SEED.read_bytes()
        )
    IAnnotations(plan).pop(KEY)  # as imported before 1008
    for activity in plan.objectValues():
        IAnnotations(activity).pop(KEY, None)
    setup = portal.portal_setup
    setup.setLastVersionForProfile(PROFILE, "1007")
    assert ("1008",) in [u["dest"] for u in setup.listUpgrades(PROFILE)]
    setup.upgradeProfile(PROFILE, dest="1008")
    assert setup.getLastVersionForProfile(PROFILE) == ("1008",)

    plan.theme = "Hành động vì trẻ em"
    notify(ObjectModifiedEvent(plan))
    assert "Hành động vì trẻ em" in plan.document_text
    assert THEME not in plan.document_text
    activities = [a for a in plan.objectValues() if a.portal_type == "Activity"]
    (activity,) = [a for a in activities if "Giao thông" in (a.lead_unit or "")]
    activity.lead_unit = "Sở Xây dựng"
    notify(ObjectModifiedEvent(activity))
    assert "Đơn vị chủ trì: Sở Xây dựng." in plan.document_text
