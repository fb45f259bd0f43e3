"""Load the demo content: the plans of the seeds and the news about 777/KH-UBND.

Runs as the post handler of the ``collective.thdtre:demo`` profile; applying the
profile again only adds what is missing.
"""

from collective.thdtre import logger
from collective.thdtre.departments import get_departments
from collective.thdtre.departments import set_departments
from collective.thdtre.importer.load import create_content
from importlib import resources
from plone import api

import json


PLANS_FOLDER = ("ke-hoach", "Kế hoạch Tháng hành động vì trẻ em")
NEWS_FOLDER = ("tin-tuc", "Tin tức")


def demo_data() -> dict:
    """The demo data shipped with the package."""
    text = (resources.files("collective.thdtre") / "demo" / "demo.json").read_text(
        encoding="utf-8"
    )
    return json.loads(text)


def _folder(portal, folder_id, title):
    if folder_id not in portal.objectIds():
        folder = api.content.create(
            container=portal, type="Folder", id=folder_id, title=title
        )
        _publish(folder)
    return portal[folder_id]


def _publish(obj):
    """Bring ``obj`` to the published state by whatever transitions lead there."""
    if api.content.get_state(obj=obj, default=None) == "published":
        return
    try:
        api.content.transition(obj=obj, to_state="published")
    except api.exc.InvalidParameterError:
        logger.warning("Cannot publish %s", obj.absolute_url())


def _add_departments(departments):
    known = {d["id"] for d in get_departments()}
    merged = get_departments() + [d for d in departments if d["id"] not in known]
    set_departments(merged)


def _add_plan(folder, plan, uids):
    if plan["id"] in folder.objectIds():
        obj = folder[plan["id"]]
        uids[plan["id"]] = obj.UID()
        return obj
    data = dict(plan["fields"], department=plan.get("department"))
    data["implements"] = [uids[i] for i in plan.get("implements", []) if i in uids]
    obj = create_content(container=folder, type="Plan", data=data, id=plan["id"])
    uids[plan["id"]] = obj.UID()
    for slogan in plan.get("slogans", []):
        create_content(container=obj, type="Slogan", data=slogan)
    for activity in plan.get("activities", []):
        data = {k: v for k, v in activity.items() if v not in (None, "", [])}
        create_content(container=obj, type="Activity", data=data)
    return obj


def load_demo(context=None):
    """Create the demo departments, plans and news."""
    portal = api.portal.get()
    data = demo_data()
    _add_departments(data.get("departments", []))
    plans = _folder(portal, *PLANS_FOLDER)
    uids = {}
    # A plan can only link plans created before it: create the implemented ones first.
    pending = list(data.get("plans", []))
    while pending:
        ready = [p for p in pending if all(i in uids for i in p.get("implements", []))]
        if not ready:
            ready = pending[:1]
        for plan in ready:
            obj = _add_plan(plans, plan, uids)
            if obj.number is not None:
                _publish(obj)
                for child in obj.objectValues():
                    _publish(child)
            pending.remove(plan)
    news_folder = _folder(portal, *NEWS_FOLDER)
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
        _publish(item)
    logger.info("collective.thdtre demo content loaded")
