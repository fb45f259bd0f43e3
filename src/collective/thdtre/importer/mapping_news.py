"""Turn the parse of a news article (``news.py``) into a News Item's REST data,
and into the preview of the article and of the plan it reports on."""

from collective.thdtre.importer.mapping import as_html
from collective.thdtre.importer.mapping import plan_data


def news_summary(parsed: dict) -> dict:
    """What a dry run answers for an article: its fields, the plan it reports
    on (with the line each value came from) and the warnings."""
    plan = parsed.get("plan") or {}
    number = parsed.get("plan_number")
    return {
        "news": {
            "title": parsed.get("title"),
            "description": parsed.get("description"),
            "byline": parsed.get("byline"),
            "view_count": parsed.get("view_count"),
        },
        "plan": plan_data({"plan": plan}),
        "slogans": list(plan.get("slogans") or []),
        "activities": [a["title"] for a in plan.get("activities") or []],
        "implements": [number] if number else [],
        "warnings": list(parsed.get("warnings", [])),
        "sources": dict(plan.get("sources") or {}),
    }


def news_data(parsed: dict, *, related_plan: str | None = None) -> dict:
    """The News Item's fields as plone.restapi expects them."""
    data = {
        "title": parsed.get("title") or "",
        "description": parsed.get("description") or "",
        "text": {
            "data": as_html(parsed.get("text") or ""),
            "content-type": "text/html",
        },
    }
    if parsed.get("byline"):
        data["creators"] = [parsed["byline"]]
    if related_plan:
        data["related_plan"] = related_plan
    return data
