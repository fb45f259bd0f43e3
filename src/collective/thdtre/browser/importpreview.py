"""The rows of an import preview: field, value as the editor reads it, and why.

Each value comes with the line of the document it was read from (the parser's
``sources``), so an editor sees why a value was chosen and fixes what is wrong
before importing. Fields are in the form's order with their translated titles,
dates as dd/mm/yyyy, rich text as plain text.
"""

from collective.thdtre.content.plan import IPlan
from zope.i18n import translate
from zope.schema import getFieldsInOrder

import re


# A field's value read from another field's line.
SOURCE_OF = {"number": "document_number", "symbol": "document_number"}
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
TAGS = re.compile(r"<[^>]+>")
LONGEST = 300


def _shown(value) -> str:
    if isinstance(value, dict):  # rich text as plone.restapi takes it
        value = value.get("data") or ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_shown(v) for v in value)
    text = TAGS.sub(" ", str(value))
    text = re.sub(r"\s+", " ", text).strip()
    day = ISO_DATE.match(text)
    if day:
        return f"{day[3]}/{day[2]}/{day[1]}"
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"


def preview_rows(preview: dict, request) -> list[dict]:
    """``[{"name", "label", "value", "source"}]`` for the fields the preview fills."""
    fields = preview.get("plan") or preview.get("news") or {}
    sources = preview.get("sources") or {}
    ordered = [name for name, _field in getFieldsInOrder(IPlan) if name in fields]
    ordered += sorted(name for name in fields if name not in ordered)
    rows = []
    for name in ordered:
        value = fields[name]
        if value in (None, "", [], {}):
            continue
        field = IPlan.get(name)
        label = translate(field.title, context=request) if field else name
        source = sources.get(name) or sources.get(SOURCE_OF.get(name, ""))
        rows.append(
            {
                "name": name,
                "label": label,
                "value": _shown(value),
                "source": _shown(source) if source else None,
            }
        )
    return rows
