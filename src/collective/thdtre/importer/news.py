"""A news article about a plan, as a portal or a newspaper prints it.

The article keeps its own fields (title, lead, body, byline, view count) and
yields the plan it reports on as ``result["plan"]``: issuer, number, date,
subject, theme, period, slogans and activities, each with the line it was read
from in ``result["plan"]["sources"]``. Pure Python.
"""

from collective.thdtre.importer.furniture import strip_page
from collective.thdtre.importer.layout import PLAN_FIELDS
from collective.thdtre.importer.outline import prepare
from collective.thdtre.importer.prose import action_year
from collective.thdtre.importer.prose import frequent_year
from collective.thdtre.importer.prose import period_in
from collective.thdtre.importer.prose import prose_activities
from collective.thdtre.importer.prose import theme_in
from collective.thdtre.importer.readers import ParseError
from collective.thdtre.importer.reported import issuer
from collective.thdtre.importer.reported import own_document
from collective.thdtre.importer.reported import signer_in
from collective.thdtre.importer.slogans import listed_slogans
from html import escape

import re


# Words that tell a headline from a category label or a site name above it.
ABOUT = re.compile(r"trẻ em|thiếu nhi|kế hoạch|tháng hành động", re.I)


def headline(lines: list[str]) -> int | None:
    """Which of the first lines is the article's headline (the lines above it
    are the site's labels); None when the text starts with its lead."""
    for index, text in enumerate(lines[:8]):
        words = len(text.split())
        if ABOUT.search(text) and words <= 30:
            return index
        if words > 30:
            return None
    return None


def byline_of(paragraphs: list[str]) -> str | None:
    last = paragraphs[-1] if paragraphs else ""
    initials = re.fullmatch(r"(?:[A-ZĐ]\.)+[A-ZĐ]?\.?", last)
    short = len(last) <= 50 and len(last.split()) <= 8
    if short and (initials or last[-1:] not in ".…" or last.isupper()):
        if not ABOUT.search(last):
            return paragraphs.pop().removeprefix("Tác giả:").strip(" ;")
    return None


def parse_news(text: str) -> dict:
    """A news article about a plan: its own fields and the plan it reports on."""
    page = strip_page(text)
    lines = [line.text for line in prepare(page.text)]
    if not lines:
        raise ParseError("empty")
    at = headline(lines)
    title = lines[at] if at is not None else None
    paragraphs = lines[at + 1 :] if at is not None else list(lines)
    byline = byline_of(paragraphs)
    if title is None and paragraphs:
        title = re.split(r"(?<=[.!?])\s", paragraphs[0], maxsplit=1)[0][:200]
    body = "\n".join(paragraphs)
    plan = reported_plan(body, title or "", page.year)
    lead = paragraphs[0] if paragraphs else ""
    return {
        "kind": "news",
        "title": title,
        "description": lead or None,
        "text": "".join(f"<p>{escape(p, False)}</p>" for p in paragraphs[1:]),
        "paragraphs": paragraphs[1:],
        "byline": byline,
        "view_count": page.view_count,
        "plan_number": plan.get("document_number"),
        "issue_date": plan.get("issue_date"),
        "signer": plan.get("signer_name"),
        "signer_title": plan.get("signer_title"),
        "plan": plan,
        "sources": {k: v for k, v in (("title", title), ("description", lead)) if v},
        "warnings": [] if plan.get("document_number") else [{"code": "no_plan_number"}],
    }


def reported_plan(body: str, title: str, page_year: int | None) -> dict:
    """The plan an article reports on, from its sentences."""
    text = f"{title}\n{body}"
    plan, sources = {}, {}

    def keep(field, found):
        if found is not None and found.value not in (None, "", []):
            plan[field], sources[field] = found.value, found.source

    year = action_year(text)
    keep("year", year)
    year_value = plan.get("year") or page_year or frequent_year(text)
    document = own_document(body, year_value) or own_document(title, year_value)
    source = document.pop("_source", None)
    for field, value in document.items():
        if value is not None:
            plan[field], sources[field] = value, source
    who = issuer(body)
    if who.body is None:
        who = issuer(title)
    if "issuing_body" in plan:  # named with the document: "... của UBND tỉnh X"
        who = who._replace(body=None)
    keep("issuing_body", who.body)
    keep("signer_name", who.signer or signer_in(body))
    if who.signer_title:
        plan["signer_title"] = who.signer_title
    keep("theme", theme_in(text))
    period = period_in(text, year_value)
    if period:
        start, end = period.value
        plan["period_start"], plan["period_end"] = start.isoformat(), end.isoformat()
        sources["period_start"] = sources["period_end"] = period.source
    if "year" not in plan:
        when = plan.get("period_start") or plan.get("issue_date")
        plan["year"] = int(when[:4]) if when else year_value
    slogans = listed_slogans(prepare(body))
    keep("slogans", slogans)
    activities = prose_activities(body)
    if activities:
        plan["activities"] = [{"title": item} for item in activities.value]
        sources["activities"] = activities.source
    return {name: plan.get(name) for name in ("document_number", *PLAN_FIELDS)} | {
        "slogans": plan.get("slogans", []),
        "activities": plan.get("activities", []),
        "sources": sources,
    }
