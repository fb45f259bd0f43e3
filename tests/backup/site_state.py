"""Change the demo site and write what a restore must bring back, as JSON.

Run in the instance: ``zconsole run <zope.conf> tests/backup/site_state.py
change|state <round> <out.json>``. ``change`` first changes the site the way its
users do (a plan with a report added, another plan deleted, a document number issued,
a file uploaded, views and visits counted), then writes the state like ``state``.
The state: every plan, activity, slogan, report, news item and file (path, title,
state, number, the file's checksum), the department number sequences and the
view and visit counters of every item.
"""

from AccessControl.SecurityManagement import newSecurityManager
from collective.thdtre.counting import counter_store
from collective.thdtre.workflow.numbering import KEY as NUMBERS
from collective.thdtre.workflow.numbering import next_number
from plone import api
from plone.namedfile.file import NamedBlobFile
from Testing.makerequest import makerequest
from zope.annotation.interfaces import IAnnotations
from zope.component.hooks import setSite

import hashlib
import json
import sys
import transaction


TYPES = ("Plan", "Activity", "Slogan", "Report", "News Item", "File")
DEPARTMENT = "so-tu-phap"
YEAR = 2026


def state(site) -> dict:
    items, uids = {}, {}
    for brain in api.content.find(portal_type=list(TYPES), unrestricted=True):
        obj = brain._unrestrictedGetObject()
        path = "/".join(obj.getPhysicalPath()[2:])
        blob = getattr(obj, "file", None)
        items[path] = {
            "type": obj.portal_type,
            "title": obj.title,
            "state": api.content.get_state(obj, default=None),
            "number": getattr(obj, "number", None),
            "symbol": getattr(obj, "symbol", None),
            "file": hashlib.sha256(blob.data).hexdigest() if blob else None,
        }
        uids[obj.UID()] = path
    store = counter_store()
    views = store.views_many(keys=sorted(uids))
    numbers = IAnnotations(site).get(NUMBERS, {})
    stats = store.visit_stats()
    return {
        "items": items,
        "numbers": {key: numbers[key] for key in numbers},
        "views": {uids[uid]: count for uid, count in views.items() if count},
        # Not "online": it follows the clock, not the data.
        "visits": {name: stats[name] for name in ("today", "week", "total")},
    }


def change(site, round_: int) -> None:
    folder = site.unrestrictedTraverse(f"ke-hoach/{DEPARTMENT}")
    plan = api.content.create(
        container=folder,
        type="Plan",
        id=f"backup-round-{round_}",
        title=f"Kế hoạch của lượt {round_}",
    )
    plan.department = DEPARTMENT
    plan.year = YEAR
    plan.number = next_number(department=DEPARTMENT, year=YEAR)
    plan.reindexObject()
    api.content.create(
        container=plan, type="Report", id=f"report-{round_}", title=f"Báo cáo {round_}"
    )
    payload = f"tệp của lượt {round_} ".encode() * 4000 * round_
    api.content.create(
        container=site,
        type="File",
        id=f"backup-file-{round_}",
        title=f"Tệp {round_}",
        file=NamedBlobFile(data=payload, filename=f"tep-{round_}.txt"),
    )
    # A plan that the demo or an earlier round made goes, with its parts.
    plans = api.content.find(portal_type="Plan", unrestricted=True, sort_on="id")
    for brain in [b for b in plans if b.getId != plan.getId()][:1]:
        api.content.delete(brain._unrestrictedGetObject(), check_linkintegrity=False)
    transaction.commit()
    store = counter_store()
    for n in range(round_ + 1):
        visitor = f"{round_:02d}{n:030d}"
        store.record_view(key=plan.UID(), visitor=visitor)
        store.record_visit(visitor=visitor)


def main(app) -> None:
    # zconsole leaves its own arguments in sys.argv: ours are the last three.
    action, round_, out = sys.argv[-3:]
    app = makerequest(app)
    admin = app.acl_users.getUserById("admin")
    newSecurityManager(None, admin.__of__(app.acl_users))
    site = app["Plone"]
    setSite(site)
    if action == "change":
        change(site, int(round_))
    with open(out, "w", encoding="utf-8") as file:
        json.dump(state(site), file, ensure_ascii=False, indent=1, sort_keys=True)


main(app)  # noqa: F821 - zconsole provides ``app``
