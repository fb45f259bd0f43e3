"""Load the demo content: the plans of the seeds and the news about 777/KH-UBND.

Runs as the post handler of the ``collective.thdtre:demo`` profile; applying the
profile again only adds what is missing.
"""

from collective.thdtre import logger
from collective.thdtre.counting import counter_store
from collective.thdtre.departments import approvers_group
from collective.thdtre.departments import editors_group
from collective.thdtre.departments import get_department
from collective.thdtre.departments import PUBLISHERS_GROUP
from collective.thdtre.departments.api import create_department
from collective.thdtre.departments.api import department_folder
from collective.thdtre.departments.api import plans_root
from collective.thdtre.frontpage import set_front_page
from collective.thdtre.importer.load import create_content
from collective.thdtre.interfaces import IThdtreSettings
from contextlib import contextmanager
from importlib import resources
from plone import api

import json


NEWS_FOLDER = ("tin-tuc", "Tin tức")
# People to try the workflow with by hand (README); local demo sites only.
DEMO_USERS = (
    ("editor-stp", "Chuyên viên Sở Tư pháp", editors_group("so-tu-phap")),
    ("approver-stp", "Lãnh đạo Sở Tư pháp", approvers_group("so-tu-phap")),
    ("publisher", "Ban biên tập", PUBLISHERS_GROUP),
)
DEMO_PASSWORD = "thdtre-demo"
STEPS = {"draft": (), "approved": ("submit", "approve")}
STEPS["published"] = STEPS["approved"] + ("publish",)


def demo_data() -> dict:
    """The demo data shipped with the package."""
    text = (resources.files("collective.thdtre") / "demo" / "demo.json").read_text(
        encoding="utf-8"
    )
    return json.loads(text)


@contextmanager
def _one_person_office():
    """The loader submits and approves alone: lift the four-eyes rule meanwhile."""
    record = f"{IThdtreSettings.__identifier__}.four_eyes"
    before = api.portal.get_registry_record(record)
    api.portal.set_registry_record(record, False)
    try:
        yield
    finally:
        api.portal.set_registry_record(record, before)


def _advance(obj, state):
    for transition in STEPS[state]:
        api.content.transition(obj=obj, transition=transition)


def _publish_folder(folder):
    if api.content.get_state(obj=folder, default=None) != "published":
        api.content.transition(obj=folder, to_state="published")


def _add_plan(plan, uids):
    folder = department_folder(id=plan["department"])
    if plan["id"] in folder.objectIds():
        uids[plan["id"]] = folder[plan["id"]].UID()
        return
    data = dict(plan["fields"], department=plan["department"])
    data["implements"] = [uids[i] for i in plan.get("implements", []) if i in uids]
    obj = create_content(container=folder, type="Plan", data=data, id=plan["id"])
    uids[plan["id"]] = obj.UID()
    children = [("Slogan", s) for s in plan.get("slogans", [])]
    children += [("Activity", a) for a in plan.get("activities", [])]
    for portal_type, values in children:
        fields = {k: v for k, v in values.items() if v not in (None, "", [])}
        create_content(container=obj, type=portal_type, data=fields)
    # Activities and slogans follow their plan through the workflow.
    _advance(obj, "published" if obj.number is not None else "draft")
    for values in plan.get("reports", []):
        fields = {k: v for k, v in values.items() if k != "state"}
        report = create_content(container=obj, type="Report", data=fields)
        _advance(report, values.get("state", "draft"))


def _add_users():
    for user_id, fullname, group in DEMO_USERS:
        if api.user.get(username=user_id) is None:
            api.user.create(
                username=user_id,
                email=f"{user_id}@example.org",
                password=DEMO_PASSWORD,
                properties={"fullname": fullname},
            )
        api.group.add_user(groupname=group, username=user_id)


def _front_page(portal):
    """The site opens on the Action Month's front page; its "Kế hoạch" tab is the
    archive, so the folder of the departments' folders leaves the navigation."""
    set_front_page(portal)
    folder = plans_root()
    if not getattr(folder, "exclude_from_nav", False):
        folder.exclude_from_nav = True
        folder.reindexObject(idxs=["exclude_from_nav"])


def load_demo(context=None):
    """Create the demo departments, people, plans and news."""
    portal = api.portal.get()
    data = demo_data()
    for department in data.get("departments", []):
        if get_department(id=department["id"]) is None:
            create_department(**department)
    _add_users()
    uids = {}
    pending = list(data.get("plans", []))
    with _one_person_office():
        while pending:
            # A plan links only plans that exist: create the implemented ones first.
            ready = [
                p for p in pending if all(i in uids for i in p.get("implements", []))
            ]
            for plan in ready or pending[:1]:
                _add_plan(plan, uids)
                pending.remove(plan)
    if NEWS_FOLDER[0] not in portal.objectIds():
        _publish_folder(
            api.content.create(
                container=portal, type="Folder", id=NEWS_FOLDER[0], title=NEWS_FOLDER[1]
            )
        )
    news_folder = portal[NEWS_FOLDER[0]]
    for news in data.get("news", []):
        if news["id"] in news_folder.objectIds():
            continue
        item = create_content(
            container=news_folder,
            type="News Item",
            id=news["id"],
            data={
                "title": news["title"],
                "description": news.get("description", ""),
                "text": {"data": news.get("text", ""), "content-type": "text/html"},
                "creators": news.get("creators", []),
                "effective": news.get("effective"),
            },
        )
        api.content.transition(obj=item, to_state="published")
        if news.get("view_count"):
            counter_store().set_initial(key=item.UID(), count=news["view_count"])
    _front_page(portal)
    logger.info("collective.thdtre demo content loaded")
