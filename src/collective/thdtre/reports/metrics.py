"""The results indicators of a year: configurable in the control panel."""

from collective.thdtre.content.report import METRICS
from collective.thdtre.interfaces import IThdtreSettings
from plone import api
from zope.i18n import translate

import json


def metrics_for(year: int | None) -> list[dict]:
    """``[{"id", "title"}]`` of the year's indicators (the standard ones by default)."""
    raw = api.portal.get_registry_record(
        "metrics", interface=IThdtreSettings, default="{}"
    )
    try:
        configured = json.loads(raw or "{}")
    except ValueError:
        configured = {}
    chosen = configured.get(str(year)) if isinstance(configured, dict) else None
    if isinstance(chosen, list) and chosen:
        return [
            {"id": str(m["id"]), "title": str(m.get("title") or m["id"])}
            for m in chosen
            if isinstance(m, dict) and m.get("id")
        ]
    request = api.env.getRequest()
    return [
        {"id": name, "title": translate(title, context=request)}
        for name, title in METRICS
    ]
