"""Build the released site (run by test_upgrade_from_release.py with the released
``src/`` first on PYTHONPATH): the demo site of scripts/create_site.py, plus a
plan in every workflow state, reports in every state, a number taken from a
department's sequence, a local role and counted views and visits; then write
the snapshot to ``$THDTRE_RELEASE_DIR/before.json``.

.venv/bin/zconsole run <tmp>/zope.conf tests/setup/release_build.py
"""

from AccessControl.SecurityManagement import newSecurityManager
from datetime import date
from datetime import datetime
from pathlib import Path
from plone import api
from Products.CMFPlone.factory import addPloneSite
from release_snapshot import snapshot
from zope.component.hooks import setSite

import collective.thdtre
import json
import os
import time
import transaction


HERE = Path(os.environ["THDTRE_RELEASE_DIR"])
STP = "so-tu-phap"


def _plan(folder, id, title, state, **fields):
    plan = api.content.create(
        container=folder, type="Plan", id=id, title=title, department=STP, **fields
    )
    api.content.create(
        container=plan,
        type="Activity",
        id="hoat-dong",
        title=f"Hoạt động của {title}",
        lead_unit="Sở Tư pháp",
        start=date(2025, 6, 1),
        budget_vnd=5_000_000,
    )
    steps = {"draft": (), "pending": ("submit",), "approved": ("submit", "approve")}
    for transition in steps[state]:
        api.content.transition(obj=plan, transition=transition)
    return plan


def _report(plan, id, state, **figures):
    report = api.content.create(
        container=plan, type="Report", id=id, title=f"Báo cáo {id}", **figures
    )
    steps = {"draft": (), "pending": ("submit",), "approved": ("submit", "approve")}
    for transition in steps[state]:
        api.content.transition(obj=report, transition=transition)


def extras(site):
    """What the demo lacks: pending and approved plans, reports in each state."""
    from collective.thdtre.counting import counter_store
    from collective.thdtre.demo.load import _one_person_office
    from collective.thdtre.departments.api import department_folder

    folder = department_folder(id=STP)
    with _one_person_office():
        _plan(folder, "kh-cho-duyet", "Kế hoạch chờ duyệt 2025", "pending", year=2025)
        approved = _plan(
            folder, "kh-da-duyet", "Kế hoạch đã duyệt 2025", "approved", year=2025
        )
        _report(approved, "nhap", "draft", children_supported=3)
        _report(approved, "cho-duyet", "pending", children_supported=5, gifts=2)
        _report(approved, "da-duyet", "approved", children_supported=8, gifts=9)
    api.user.grant_roles(username="editor-stp", obj=approved, roles=["Reviewer"])
    store = counter_store()
    when = datetime(2025, 6, 2, 9, 30)
    for brain in api.content.find(portal_type=["News Item", "Plan"]):
        for visitor in ("a" * 32, "b" * 32):
            store.record_view(key=brain.UID, visitor=visitor, when=when)
    for visitor in ("c" * 32, "d" * 32, "e" * 32):
        store.record_visit(visitor=visitor, when=when)


def main(app):
    assert collective.thdtre.__file__.startswith(os.environ["THDTRE_RELEASE_SRC"]), (
        collective.thdtre.__file__
    )
    app.acl_users._doAddUser("admin", "admin", ["Manager"], [])
    transaction.commit()
    admin = app.acl_users.getUserById("admin")
    newSecurityManager(None, admin.__of__(app.acl_users))
    started = time.monotonic()
    site = addPloneSite(
        app,
        "Plone",
        title="Tháng hành động vì trẻ em",
        distribution_name="classic",
        setup_content=False,
        default_language="vi",
        portal_timezone="Asia/Ho_Chi_Minh",
    )
    setSite(site)
    from plone.base.utils import get_installer

    installer = get_installer(site, site.REQUEST)
    for product in ("plone.restapi", "plone.app.caching", "collective.thdtre"):
        installer.install_product(product)
    print(f"site and add-on: {time.monotonic() - started:.1f} s")
    site.portal_setup.runAllImportStepsFromProfile("profile-collective.thdtre:demo")
    extras(site)
    print(f"demo content: {time.monotonic() - started:.1f} s")
    transaction.commit()
    data = snapshot(site)
    data["code"] = collective.thdtre.__file__
    (HERE / "before.json").write_text(json.dumps(data, ensure_ascii=False, indent=1))
    print("released site built:", data["version"], len(data["content"]), "items")
    # Closed cleanly, the storage keeps its index: the next process opens it fast.
    app._p_jar.db().close()


main(app)  # noqa: F821 - zconsole provides ``app``
