"""Turn a parse (``parse.py``) into REST-style field data, and its errors into
messages in the user's language."""

from collective.thdtre import _
from collective.thdtre.content.activity import IActivity
from collective.thdtre.content.plan import IPlan
from html import escape
from zope.schema import getFieldNamesInOrder


# The user's message for each ParseError code.
ERROR_MESSAGES = {
    "empty": _("The file is empty: there is no text to import."),
    "not_a_plan": _(
        "This does not look like a plan: no 'KẾ HOẠCH' heading and no number "
        "such as 'Số: 63/KH-KHCN' were found."
    ),
    "binary": _("This is not a text document. Upload a .docx, .pdf or .txt file."),
    "damaged_docx": _("The Word file is damaged and cannot be read. Save it again."),
    "damaged_pdf": _("The PDF file is damaged and cannot be read."),
    "needs_ocr": _(
        "This PDF has no text layer (it is a scan): run text recognition (OCR) "
        "on it first, or upload the Word file."
    ),
    "unknown_extension": _(
        "Unknown file type: upload a .docx, .pdf, .html, .txt or .md file."
    ),
    "too_large": _("The file is larger than ${limit_mb} MB. Upload a smaller file."),
    "bad_encoding": _(
        "The text encoding of this file is not recognised: save it as UTF-8."
    ),
    "ocr_missing": _(
        "This PDF is a scan, and text recognition (OCR) is not installed on this "
        "server. Ask the site administrator to install it, or upload the Word file."
    ),
    "ocr_timeout": _(
        "Text recognition took longer than ${seconds} seconds on page ${page}. "
        "Scan the document again at 300 dpi, or upload the Word file."
    ),
    "too_many_pages": _(
        "The document has ${pages} pages; at most ${limit} can be read. Upload "
        "the plan without its attachments."
    ),
    "no_diacritics": _(
        "The text has lost its Vietnamese accents (the text layer of a scan, or "
        "a copy without diacritics): its names and dates cannot be read reliably. "
        "Upload the scanned PDF itself (it is read with OCR) or the Word file."
    ),
    "docx_too_large": _(
        "The Word file unpacks to more than ${limit_mb} MB. Remove large pictures "
        "and save it again."
    ),
    # Imports from a web address (importer/fetch.py).
    "bad_url": _("This is not a web address: give it whole, with http:// or https://."),
    "bad_scheme": _("Only http:// and https:// addresses can be imported."),
    "private_address": _(
        "The address ${host} is inside the private network. The site administrator "
        "can allow it in the control panel."
    ),
    "unknown_host": _("The server ${host} was not found. Check the address."),
    "fetch_failed": _(
        "The page could not be fetched (${reason}). Check the address or try again "
        "later."
    ),
    "fetch_timeout": _(
        "The server did not send the page within ${seconds} seconds. Try again "
        "later, or save the document and upload it."
    ),
    "bad_status": _(
        "The server answered ${status} instead of the document. Check the address."
    ),
    "too_many_redirects": _(
        "The address redirects more than ${limit} times. Give the document's own "
        "address."
    ),
    "page_too_large": _("The document at this address is larger than ${limit_mb} MB."),
    "unknown_type": _(
        "The address gives '${content_type}': not a web page, PDF, Word or text "
        "document."
    ),
}

# Refusals of the import's limits (importer/limits.py).
ERROR_MESSAGES.update(
    {
        "too_long": _(
            "The document has more than ${limit} paragraphs: far more than a plan. "
            "Upload the plan alone, without its attachments."
        ),
        "too_much_text": _(
            "The document has more than ${limit} characters of text: far more than "
            "a plan. Upload the plan alone, without its attachments."
        ),
        "docx_too_complex": _(
            "The Word file is made of more than ${limit} XML elements and cannot be "
            "read. Save it again as .docx (or as PDF) and upload it again."
        ),
        "too_slow": _(
            "Reading the document took longer than ${seconds} seconds and was "
            "stopped. Upload the plan alone, or as .docx or .txt."
        ),
        "too_much_memory": _(
            "Reading the document needed more memory than an import may use and "
            "was stopped. Upload the plan alone, or as .docx or .txt."
        ),
        "unreadable": _(
            "The document could not be read. Save it again as .docx or .txt and "
            "upload it again."
        ),
    }
)

# The parser reports warnings as codes; each becomes a message in the user's language.
WARNINGS = {
    "issuer_from_legal_basis": _(
        "Issuing body taken from the legal basis: no header found."
    ),
    "blank_number": _("The number is blank: the plan is a draft."),
    "blank_day": _("The day of issue is blank: the plan is a draft."),
    "no_activities": _("No activities found."),
    "no_slogans": _("No slogans found."),
    "no_plan_number": _("The article names no plan number."),
}


def warning_message(warning):
    """A parser warning (``{"code": ..., "field": ...}``) as a translatable message."""
    code = warning.get("code") if isinstance(warning, dict) else warning
    if code == "not_found":
        return _("Not found: ${field}.", mapping={"field": warning.get("field")})
    return WARNINGS.get(code, code)


RICH_FIELDS = ("text", "budget", "implementation")
# Fields a document states; the rest are set in Plone (department, links, file).
PLAN_FIELDS = tuple(
    name
    for name in getFieldNamesInOrder(IPlan)
    if name
    not in (
        "document_number",
        "department",
        "implements",
        "public_summary",
        "original_file",
    )
)
ACTIVITY_FIELDS = tuple(
    name for name in getFieldNamesInOrder(IActivity) if name not in ("progress", "text")
)


def error_message(error):
    """The translatable message for a ``ParseError``."""
    message = ERROR_MESSAGES.get(getattr(error, "code", None))
    if message is None:
        return str(error)
    mapping = dict(getattr(error, "mapping", None) or {})
    return _(message, mapping=mapping) if mapping else message


def as_html(value) -> str:
    """Plain text (paragraphs on lines) as HTML paragraphs; HTML stays as it is."""
    if not value:
        return ""
    if isinstance(value, list):
        value = "\n".join(value)
    if value.lstrip().startswith("<"):
        return value
    return "\n".join(
        f"<p>{escape(line.strip())}</p>" for line in value.splitlines() if line.strip()
    )


def _clean(data: dict, names) -> dict:
    return {k: data[k] for k in names if data.get(k) not in (None, "", [])}


def plan_data(parsed: dict) -> dict:
    """The Plan's fields as plone.restapi expects them."""
    data = _clean(parsed.get("plan", {}), PLAN_FIELDS)
    for name in RICH_FIELDS:
        if name in data:
            data[name] = {"data": as_html(data[name]), "content-type": "text/html"}
    if "title" in data:
        data["title"] = data["title"][:250]
    return data


def slogans_data(parsed: dict) -> list[dict]:
    return [
        {"title": text[:250], "position": position}
        for position, text in enumerate(parsed.get("slogans", []), start=1)
        if text
    ]


def activities_data(parsed: dict) -> list[dict]:
    items = []
    for activity in parsed.get("activities", []):
        data = _clean(activity, ACTIVITY_FIELDS)
        if "title" not in data:
            continue
        data["title"] = data["title"][:250]
        items.append(data)
    return items


def summary(parsed: dict) -> dict:
    """What a dry run answers: the fields, the parts and the warnings."""
    return {
        "plan": plan_data(parsed),
        "slogans": [s["title"] for s in slogans_data(parsed)],
        "activities": activities_data(parsed),
        "implements": list(parsed.get("implements", [])),
        "warnings": [warning_message(w) for w in parsed.get("warnings", [])],
        "sources": dict(parsed.get("sources") or {}),
    }
