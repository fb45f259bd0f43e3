"""Create content through plone.restapi's deserializers, so that validation and
events are exactly those of a REST ``POST``. Never commits: a failure aborts the
caller's transaction and leaves nothing behind."""

from Acquisition import aq_base
from collective.thdtre import _
from collective.thdtre.errors import ImportRefused
from collective.thdtre.errors import InvalidContent
from collective.thdtre.importer.fetch import fetch
from collective.thdtre.importer.fetch import Fetched
from collective.thdtre.importer.fetch import FetchError
from collective.thdtre.importer.mapping import activities_data
from collective.thdtre.importer.mapping import error_message
from collective.thdtre.importer.mapping import slogans_data
from collective.thdtre.importer.mapping import summary
from collective.thdtre.importer.mapping import warning_message
from collective.thdtre.importer.mapping_news import news_data
from collective.thdtre.importer.mapping_news import news_summary
from collective.thdtre.importer.parse import ParseError
from collective.thdtre.importer.sandbox import parse_document
from collective.thdtre.interfaces import IThdtreSettings
from collective.thdtre.workflow.numberinput import may_set_number
from plone import api
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.services.content.utils import add
from plone.restapi.services.content.utils import create
from zExceptions import BadRequest
from zope.component import getMultiAdapter
from zope.event import notify
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.lifecycleevent import ObjectCreatedEvent

import base64
import mimetypes


def create_content(*, container, type: str, data: dict, id: str | None = None):
    """Create one item of ``type`` in ``container`` from REST-style ``data``.

    Raises ``InvalidContent`` with the field messages when validation fails.
    """
    request = getRequest()
    obj = create(container, type, id_=id, title=data.get("title"))
    obj = obj.__of__(container)
    deserializer = getMultiAdapter((obj, request), IDeserializeFromJson)
    try:
        deserializer(validate_all=True, data=data, create=True)
    except BadRequest as error:
        details = error.args[0] if error.args else []
        if not isinstance(details, list):
            details = [{"message": str(details)}]
        raise InvalidContent(
            [
                {"field": d.get("field"), "message": str(d.get("message"))}
                for d in details
            ]
        ) from None
    obj = aq_base(obj)
    if not getattr(deserializer, "notifies_create", False):
        notify(ObjectCreatedEvent(obj))
    return add(container, obj, rename=not bool(id))


def _plans_by_number(numbers):
    """Existing Plans with these document numbers, by number (UIDs)."""
    found = {}
    for number in numbers:
        brains = api.content.find(portal_type="Plan", document_number=number)
        if brains:
            found[number] = brains[0].UID
    return found


def max_upload_bytes() -> int:
    megabytes = api.portal.get_registry_record(
        "import_max_mb", interface=IThdtreSettings, default=20
    )
    return int(megabytes or 20) * 1024 * 1024


def allowed_addresses() -> list[str]:
    """The intranet hosts, addresses and networks that URL imports may fetch."""
    return list(
        api.portal.get_registry_record(
            "import_url_allowlist", interface=IThdtreSettings, default=None
        )
        or []
    )


def fetch_document(*, url: str) -> Fetched:
    """The document at ``url``; ``ImportRefused`` when it cannot be fetched.

    Only callers that may import call this (the service and the form are
    protected by "Add portal content"): the fetch runs from the server.
    """
    try:
        return fetch(url, allow=allowed_addresses(), max_bytes=max_upload_bytes())
    except FetchError as error:
        raise ImportRefused(error.code, error_message(error)) from None


def import_url(*, container, url: str, dry_run: bool = False):
    """Import the plan or news article at a web address, like ``import_document``;
    the summary says which address (after redirects) it came from."""
    fetched = fetch_document(url=url)
    result, created = import_document(
        container=container,
        filename=fetched.filename,
        data=fetched.data,
        dry_run=dry_run,
    )
    result["url"] = fetched.url
    return result, created


def read_document(*, filename: str, data: bytes) -> dict:
    """Parse an uploaded plan or news article; ``ImportRefused`` when it cannot be.

    The parse runs in a child process under ``importer/limits.py``'s limits: a
    file built to exhaust the server holds this worker for ``MAX_SECONDS`` at
    most and costs this process no memory.
    """
    try:
        return parse_document(filename, data, max_bytes=max_upload_bytes())
    except ParseError as error:
        raise ImportRefused(error.code, error_message(error)) from None


def import_document(*, container, filename: str, data: bytes, dry_run: bool = False):
    """Import a plan (with its slogans and activities) or a news article.

    Returns ``(summary, created)``; ``created`` is None on a dry run. Everything is
    created in the caller's transaction: a failure leaves nothing behind once the
    caller aborts (the REST service and the form roll back to a savepoint).
    """
    parsed = read_document(filename=filename, data=data)
    if parsed.get("kind") not in ("plan", "news"):  # a results report, a letter
        raise ImportRefused("not_a_plan", error_message(ParseError("not_a_plan")))
    if parsed.get("kind") == "news":
        result, created = _import_news(container, parsed, dry_run)
    else:
        result, created = _import_plan(container, parsed, filename, data, dry_run)
    request = getRequest()
    result["warnings"] = [
        translate(warning_message(w), context=request) for w in result["warnings"]
    ]
    return result, created


NO_TITLE = _(
    "The plan's summary, the line under 'KẾ HOẠCH', was not found (or is longer "
    "than 1,000 characters): the plan cannot be imported without it. Check that "
    "the document has one, shorter, and upload it again."
)


def _import_plan(container, parsed, filename, data, dry_run):
    result = summary(parsed)
    if not (result["plan"].get("title") or "").strip():
        raise ImportRefused("no_title", NO_TITLE)
    _number_proposed_only(container, result)
    links = _plans_by_number(result["implements"])
    result["implements_found"] = sorted(links)
    if dry_run:
        return result, None
    fields = dict(result["plan"])
    fields["implements"] = list(links.values())
    fields["original_file"] = {
        "data": base64.b64encode(data).decode("ascii"),
        "encoding": "base64",
        "filename": filename,
        "content-type": mimetypes.guess_type(filename)[0] or "application/octet-stream",
    }
    plan = create_content(container=container, type="Plan", data=fields)
    for slogan in slogans_data(parsed):
        create_content(container=plan, type="Slogan", data=slogan)
    for activity in activities_data(parsed):
        create_content(container=plan, type="Activity", data=activity)
    return result, plan


def _number_proposed_only(container, result):
    """The document's number is official only when an approver gives it: an
    editor's import keeps it in the document and says so."""
    number = result["plan"].get("number")
    if number is None or may_set_number(container):
        return
    del result["plan"]["number"]
    result["warnings"].append(
        _(
            "The document says number ${number}; it is not set: an approver gives "
            "the plan its number.",
            mapping={"number": number},
        )
    )


def _import_news(container, parsed, dry_run):
    result = news_summary(parsed)
    number = parsed.get("plan_number")
    links = _plans_by_number([number]) if number else {}
    result["implements_found"] = sorted(links)
    if dry_run:
        return result, None
    data = news_data(parsed, related_plan=links.get(number))
    news = create_content(container=container, type="News Item", data=data)
    return result, news
