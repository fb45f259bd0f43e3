"""An imported plan's text as written follows later edits of its fields.

The page, the PDF and the .docx of an imported plan show ``document_text``, the
document's own wording. When an editor later corrects a field that the text
states (the theme, the scope, a purpose paragraph, a period date, an activity's
lead unit...), the text follows: the old value is replaced by the new one where
the text states it. When the text does not state the old value word for word (a
rich text field, a rewritten paragraph), the text as written no longer agrees
with the fields: it is dropped, and the page composes the document from the
fields, which are then the truth. An editor who edits the text as written itself
decides alone. A new original file gives a new text as written.

What the text was made from is remembered in an annotation: the original's
digest, the text's digest and the followed fields' values.
"""

from Acquisition import aq_base
from Acquisition import aq_parent
from collective.thdtre import _
from collective.thdtre.dates import as_date
from collective.thdtre.importer.written import text_as_written
from zope.annotation.interfaces import IAnnotations
from zope.container.interfaces import IContainerModifiedEvent
from zope.globalrequest import getRequest

import hashlib


KEY = "collective.thdtre.written"
PLAN_TEXTS = ("theme", "scope", "legal_basis", "purpose", "requirements")
PLAN_DATES = ("period_start", "period_end")
PLAN_RICH = ("text", "budget", "implementation")
ACTIVITY_TEXTS = ("title", "description", "lead_unit", "location", "target_group")
ACTIVITY_DATES = ("start", "end")
ACTIVITY_RICH = ("text", "coordinating_units")
DROPPED = _(
    "The text as written no longer states what you changed: the plan page now "
    "lays the document out from its fields. Edit 'Text as written' to restore it."
)


def _digest(data) -> str:
    if data is None:
        return ""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def _value(obj, name):
    value = getattr(aq_base(obj), name, None)
    if hasattr(value, "raw"):
        return value.raw or ""
    if isinstance(value, list | tuple):
        return "\n".join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value or ""


def _fields(obj, names) -> dict:
    return {name: _value(obj, name) for name in names}


def _original_digest(plan) -> str:
    original = getattr(aq_base(plan), "original_file", None)
    return _digest(original.data) if original is not None else ""


def remember(plan) -> None:
    """Note what the plan's text as written agrees with, now."""
    names = PLAN_TEXTS + PLAN_DATES + PLAN_RICH
    IAnnotations(plan)[KEY] = {
        "original": _original_digest(plan),
        "text": _digest(getattr(plan, "document_text", None)),
        "fields": _fields(plan, names),
    }


def _date_forms(iso: str) -> list[str]:
    """How a text writes a date: ``01/6/2024``, ``1/6/2024``, ``01/06/2024``."""
    day = as_date(iso)
    if day is None:
        return []
    forms = []
    for d in (f"{day.day:02d}", str(day.day)):
        for m in (f"{day.month:02d}", str(day.month)):
            forms.append(f"{d}/{m}/{day.year}")
    forms.append(f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}")
    forms.append(f"ngày {day.day} tháng {day.month} năm {day.year}")
    return list(dict.fromkeys(forms))


def _short(iso: str) -> str:
    day = as_date(iso)
    if day is None:
        return ""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def follow(text: str, old: dict, new: dict, *, dates=(), rich=()) -> str | None:
    """``text`` with each changed value replaced; None when a change cannot be
    followed (the old value is not in the text word for word, or rich text)."""
    for name, before in old.items():
        after = new.get(name, "")
        if before == after:
            continue
        if name in rich:
            return None
        if name in dates:
            forms = [form for form in _date_forms(before) if form in text]
            if not forms or not after:
                return None
            for form in forms:
                text = text.replace(form, _short(after))
            continue
        if len(before.strip()) < 3 or before not in text:
            return None
        text = text.replace(before, after)
    return text


def _say_dropped() -> None:
    request = getRequest()
    if request is None:
        return
    from Products.statusmessages.interfaces import IStatusMessage

    IStatusMessage(request).add(DROPPED, type="warning")


def _apply(plan, text: str | None) -> None:
    if text is None:
        plan.document_text = None
        IAnnotations(plan).pop(KEY, None)
        _say_dropped()
    else:
        plan.document_text = text
        remember(plan)
    plan.reindexObject()


def remember_added(plan, event=None) -> None:
    """Subscriber, after ``keep_text_as_written``: an imported plan's starting point."""
    if getattr(aq_base(plan), "document_text", None):
        remember(plan)


def follow_plan_edits(plan, event=None) -> None:
    """Subscriber: keep the text as written in step with the plan's fields."""
    if IContainerModifiedEvent.providedBy(event):
        return  # a part was added or removed: the plan's own fields are the same
    annotations = IAnnotations(plan)
    memo = annotations.get(KEY)
    original = getattr(aq_base(plan), "original_file", None)
    if memo is not None and original is not None:
        if _original_digest(plan) != memo["original"]:
            try:
                plan.document_text = text_as_written(
                    filename=original.filename or "",
                    data=original.data,
                    title=plan.title,
                )
            except Exception:  # noqa: BLE001 - an unreadable new original
                plan.document_text = None
            remember(plan)
            plan.reindexObject()
            return
    if not getattr(plan, "document_text", None):
        annotations.pop(KEY, None)
        return
    if memo is None or _digest(plan.document_text) != memo["text"]:
        remember(plan)  # the editor wrote the text: it agrees with the fields now
        return
    names = PLAN_TEXTS + PLAN_DATES + PLAN_RICH
    new = _fields(plan, names)
    if new == memo["fields"]:
        return
    text = follow(
        plan.document_text, memo["fields"], new, dates=PLAN_DATES, rich=PLAN_RICH
    )
    _apply(plan, text)


def remember_activity(activity, event=None) -> None:
    """Subscriber: an activity added to a plan with a text as written."""
    plan = aq_parent(activity)
    if getattr(aq_base(plan), "document_text", None):
        names = ACTIVITY_TEXTS + ACTIVITY_DATES + ACTIVITY_RICH
        IAnnotations(activity)[KEY] = _fields(activity, names)


def follow_activity_edits(activity, event=None) -> None:
    """Subscriber: an activity's corrected lead unit, title or dates follow into
    its plan's text as written."""
    plan = aq_parent(activity)
    annotations = IAnnotations(activity)
    old = annotations.get(KEY)
    plan_memo = IAnnotations(plan).get(KEY) if plan is not None else None
    if old is None or plan_memo is None or not getattr(plan, "document_text", None):
        return
    names = ACTIVITY_TEXTS + ACTIVITY_DATES + ACTIVITY_RICH
    new = _fields(activity, names)
    annotations[KEY] = new
    if new == old:
        return
    text = follow(
        plan.document_text, old, new, dates=ACTIVITY_DATES, rich=ACTIVITY_RICH
    )
    _apply(plan, text)
