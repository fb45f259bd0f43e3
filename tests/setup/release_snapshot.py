"""What a site holds, as plain JSON, read the same way by the released code and
the current code (test_upgrade_from_release.py compares the two).

Only plone.api, the catalog and the content's own schemata are used, so the
same function runs in both processes whatever the add-on's modules became.
"""

from Acquisition import aq_base
from datetime import date
from datetime import datetime
from hashlib import sha1
from plone import api
from plone.dexterity.utils import iterSchemata
from zope.annotation.interfaces import IAnnotations
from zope.schema import getFieldsInOrder


PROFILE = "collective.thdtre:default"
TYPES = ("Plan", "Report", "Activity", "Slogan", "News Item")
STATES = ("draft", "pending", "approved", "published")
NUMBERS = "collective.thdtre.numbers"
SETTINGS = "collective.thdtre.interfaces.IThdtreSettings"


def plain(value):
    """``value`` as JSON: files by name, size and digest, relations by path."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "ISO8601"):  # Zope's DateTime
        return value.ISO8601()
    if hasattr(value, "raw") and hasattr(value, "mimeType"):  # RichTextValue
        return {"raw": value.raw, "mime": value.mimeType}
    if hasattr(value, "filename") and hasattr(value, "data"):  # NamedFile
        return {
            "filename": value.filename,
            "size": value.getSize(),
            "sha1": sha1(value.data).hexdigest(),
        }
    if hasattr(value, "to_path"):  # RelationValue
        return {"relation": value.to_path}
    if isinstance(value, set | frozenset):
        return sorted(plain(v) for v in value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): plain(v) for k, v in value.items()}
    return f"<{type(value).__name__}>"


def _relative(site, path):
    return path[len("/".join(site.getPhysicalPath())) :]


def _fields(obj):
    fields = {}
    for schema in iterSchemata(obj):
        for name, _field in getFieldsInOrder(schema):
            try:
                value = getattr(schema(obj), name, None)
            except Exception as error:  # noqa: BLE001 - recorded, compared
                value = f"<error {type(error).__name__}>"
            fields[name] = plain(value)
    return fields


def _content(site, catalog):
    content = {}
    for brain in catalog.unrestrictedSearchResults(portal_type=list(TYPES)):
        obj = brain._unrestrictedGetObject()
        content[_relative(site, brain.getPath())] = {
            "portal_type": obj.portal_type,
            "uid": obj.UID(),
            "state": api.content.get_state(obj=obj, default=None),
            "fields": _fields(obj),
            "local_roles": plain(dict(getattr(aq_base(obj), "__ac_local_roles__", {}))),
        }
    return content


def _queries(site, content):
    queries = [{"portal_type": t} for t in TYPES]
    queries += [{"review_state": s} for s in STATES]
    plans = [c for c in content.values() if c["portal_type"] == "Plan"]
    for key in ("department", "year", "document_number"):
        values = {c["fields"].get(key) for c in plans} - {None, ""}
        queries += [{key: v} for v in sorted(values, key=str)]
    queries += [{"implements": c["uid"]} for c in plans]
    queries += [{"SearchableText": w} for w in ("trẻ em", "Kế hoạch", "26/KH-UBND")]
    return queries


def _catalog_answers(site, catalog, content):
    answers = []
    for query in _queries(site, content):
        paths = sorted(
            _relative(site, b.getPath())
            for b in catalog.unrestrictedSearchResults(**query)
        )
        answers.append({"query": query, "paths": paths})
    return answers


def _counters(content):
    from collective.thdtre.counting import counter_store

    store = counter_store()
    uids = [
        c["uid"] for c in content.values() if c["portal_type"] in ("News Item", "Plan")
    ]
    return {
        "views": {uid: store.views(key=uid) for uid in uids},
        "visits_total": store.visit_stats()["total"],
    }


def snapshot(site) -> dict:
    """Everything the upgrade must keep, and the profile version."""
    catalog = api.portal.get_tool("portal_catalog")
    content = _content(site, catalog)
    groups = {
        group.getId(): sorted(
            u.getId() for u in api.user.get_users(groupname=group.getId())
        )
        for group in api.group.get_groups()
        if group.getId().startswith("thdtre-")
    }
    registry = {
        name: api.portal.get_registry_record(f"{SETTINGS}.{name}", default=None)
        for name in ("departments", "metrics", "four_eyes")
    }
    return {
        "version": list(
            api.portal.get_tool("portal_setup").getLastVersionForProfile(PROFILE)
        ),
        "content": content,
        "catalog": _catalog_answers(site, catalog, content),
        "sequences": plain(dict(IAnnotations(site).get(NUMBERS, {}))),
        "groups": groups,
        "registry": plain(registry),
        "counters": _counters(content),
    }
