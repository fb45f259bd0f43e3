"""The rows of an import preview: field, value as the editor reads it, and why.

Each value comes with the line of the document it was read from (the parser's
``sources``), so an editor sees why a value was chosen and fixes what is wrong
before importing. Fields come in the order the document has them (Decree 30:
header, number, place and date, summary, legal basis, sections, signature,
recipients), with their translated titles; dates as dd/mm/yyyy; rich text
rendered through Plone's safe-HTML filter, never as raw tags.

The warnings say what the preview alone does not show: the same number is
already on the site (in which department), or the document's issuer is not the
department whose folder it goes into.
"""

from collective.thdtre import _
from collective.thdtre.content.plan import IPlan
from collective.thdtre.content.presets import department_presets
from collective.thdtre.content.utils import folder_department
from collective.thdtre.departments import get_department
from plone import api
from zope.i18n import translate

import re


# A field's value read from another field's line.
SOURCE_OF = {"number": "document_number", "symbol": "document_number"}
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
TAGS = re.compile(r"<[^>]+>")
NUMBER_LINE = re.compile(r"(\d{1,5})\s*/\s*([A-ZĐ][\w.&-]*)")
LONGEST = 300
# The document's order: what comes before the activities and slogans, then after.
HEAD = (
    "parent_body",
    "issuing_body",
    "number",
    "symbol",
    "issue_place",
    "issue_date",
    "title",
    "theme",
    "period_start",
    "period_end",
    "scope",
    "year",
    "legal_basis",
    "purpose",
    "requirements",
)
TAIL = (
    "text",
    "budget",
    "implementation",
    "report_deadline",
    "report_recipient",
    "signing_authority",
    "signer_title",
    "signer_name",
    "recipients",
)
RICH = ("text", "budget", "implementation")


def shown(value) -> str:
    if isinstance(value, dict):  # rich text as plone.restapi takes it
        value = value.get("data") or ""
    if isinstance(value, (list, tuple)):
        return "; ".join(shown(v) for v in value)
    text = TAGS.sub(" ", str(value))
    text = re.sub(r"\s+", " ", text).strip()
    day = ISO_DATE.match(text)
    if day:
        return f"{day[3]}/{day[2]}/{day[1]}"
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"


def safe_html(value) -> str:
    """Rich text as Plone shows it: through the safe-HTML transform."""
    html = value.get("data") if isinstance(value, dict) else str(value or "")
    transforms = api.portal.get_tool("portal_transforms")
    data = transforms.convertTo(
        "text/x-html-safe", html or "", mimetype="text/html", encoding="utf-8"
    )
    return data.getData() if data is not None else ""


def _row(name, value, sources, request) -> dict:
    field = IPlan.get(name)
    source = sources.get(name) or sources.get(SOURCE_OF.get(name, ""))
    return {
        "name": name,
        "label": translate(field.title, context=request) if field else name,
        "value": shown(value),
        "html": safe_html(value) if name in RICH else None,
        "source": shown(source) if source else None,
    }


def preview_sections(preview: dict, request) -> dict:
    """``{"head": rows, "tail": rows}``: the rows before and after the parts."""
    fields = preview.get("plan") or preview.get("news") or {}
    sources = preview.get("sources") or {}
    known = set(HEAD) | set(TAIL)
    rest = [n for n in fields if n not in known and n != "document_text"]
    sections = {}
    for key, names in (("head", HEAD), ("tail", TAIL + tuple(sorted(rest)))):
        sections[key] = [
            _row(name, fields[name], sources, request)
            for name in names
            if fields.get(name) not in (None, "", [], {})
        ]
    return sections


def preview_rows(preview: dict, request) -> list[dict]:
    """``[{"name", "label", "value", "html", "source"}]`` in the document's order."""
    sections = preview_sections(preview, request)
    return sections["head"] + sections["tail"]


def _number(preview: dict):
    """The document's number and symbol, also when only an approver may set it."""
    plan = preview.get("plan") or {}
    if plan.get("number") and plan.get("symbol"):
        return plan["number"], plan["symbol"]
    sources = preview.get("sources") or {}
    found = NUMBER_LINE.search(sources.get("number") or sources.get("symbol") or "")
    return (int(found[1]), found[2]) if found else (None, None)


def _same(first: str, second: str) -> bool:
    return (
        " ".join((first or "").split()).casefold()
        == " ".join((second or "").split()).casefold()
    )


def _department_title(department_id) -> str:
    info = get_department(id=department_id or "")
    return info["title"] if info else (department_id or "")


def preview_warnings(preview: dict, container) -> list:
    """Messages for a number already on the site and for another issuer."""
    plan = preview.get("plan") or {}
    if not plan:
        return []
    warnings = []
    number, symbol = _number(preview)
    year = plan.get("year") or (plan.get("issue_date") or "")[:4] or None
    if number and symbol:
        query = {"portal_type": "Plan", "document_number": f"{number}/{symbol}"}
        if year:
            query["year"] = int(year)
        for brain in api.content.find(**query):
            warnings.append(
                _(
                    "Plan ${number} of ${year} already exists in ${department}: "
                    "${title}. Check that it is not the same document.",
                    mapping={
                        "number": f"{number}/{symbol}",
                        "year": year or "",
                        "department": _department_title(brain.department),
                        "title": brain.Title,
                    },
                )
            )
    target = folder_department(container)
    info = get_department(id=target) if target else None
    issuer = plan.get("issuing_body") or ""
    if info and issuer:
        own = department_presets(target).get("issuing_body", "")
        abbreviation = info.get("abbreviation") or ""
        if not (
            _same(issuer, info["title"])
            or _same(issuer, own)
            or (abbreviation and (symbol or "").endswith(f"-{abbreviation}"))
        ):
            warnings.append(
                _(
                    "The document is issued by ${issuer}, but this is the folder of "
                    "${department}: check that you import it into the right "
                    "department.",
                    mapping={"issuer": issuer, "department": info["title"]},
                )
            )
    return warnings
