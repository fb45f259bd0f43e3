"""New drafts made from a plan: a plan implementing it, or next year's copy.

``@@thdtre-implement`` ("Tạo kế hoạch thực hiện"): a department answers the
province's plan with its own; the new draft links to it (``implements``), says so
in its legal basis and takes its theme, period and slogans.
``@@thdtre-copy-next-year`` ("Sao chép cho năm sau"): the same plan one year on,
its dates moved by a year, without number, date of issue, signed file or reports.

GET asks for confirmation; POST (with the authenticator) creates the draft with
``plone.api`` as the current user, so the add permission, workflow and department
rules apply.
"""

from Acquisition import aq_parent
from collective.thdtre import _
from collective.thdtre import dates
from collective.thdtre.browser.rows import may_add_rows
from collective.thdtre.content.activity import IActivity
from collective.thdtre.content.plan import IPlan
from collective.thdtre.content.presets import department_presets
from collective.thdtre.content.slogan import ISlogan
from collective.thdtre.content.slogan import slogan_order
from collective.thdtre.departments import get_department
from collective.thdtre.departments import is_retired
from collective.thdtre.interfaces import IDepartmentFolder
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from zExceptions import Unauthorized
from zope.i18n import translate
from zope.schema import getFieldNamesInOrder

import re


ADD_PLAN = "collective.thdtre: Add Plan"
# What next year's copy leaves out: what only this year's issued document has.
NOT_COPIED = (
    "number",
    "document_number",
    "issue_date",
    "original_file",
    "document_text",
    "implements",
)
SHIFTED = ("period_start", "period_end", "report_deadline")


def addable_departments(*, first: bool = False) -> list[dict]:
    """Departments whose folder the current user may add a plan to (``first``:
    stop at the first one found, enough to offer the button on every plan view).

    A retired department is never one: its folder takes no new plan, not even
    from the administrators, who keep the add permission everywhere.
    """
    if api.user.is_anonymous():
        return []
    found = {}
    for brain in api.content.find(object_provides=IDepartmentFolder.__identifier__):
        if first and found:
            break
        folder = brain.getObject()
        department_id = getattr(folder, "thdtre_department", None)
        info = get_department(id=department_id or "")
        if department_id in found or info is None or is_retired(info):
            continue
        if api.user.has_permission(ADD_PLAN, obj=folder):
            found[department_id] = {
                "id": department_id,
                "title": info["title"],
                "folder": folder,
            }
    return list(found.values())


def may_copy(plan) -> bool:
    """True when the current user may add next year's copy beside ``plan``."""
    container = aq_parent(plan)
    return not api.user.is_anonymous() and api.user.has_permission(
        ADD_PLAN, obj=container
    )


def next_year(value):
    """The same day a year later (29 February becomes 28 February)."""
    if not value:
        return value
    try:
        return value.replace(year=value.year + 1)
    except ValueError:
        return value.replace(year=value.year + 1, day=28)


def _copy(value):
    if isinstance(value, RichTextValue):
        return RichTextValue(value.raw, value.mimeType, value.outputMimeType)
    if isinstance(value, list):
        return list(value)
    return value


def _copy_slogans(source, target):
    for slogan in sorted(
        source.listFolderContents({"portal_type": "Slogan"}), key=slogan_order
    ):
        values = {n: getattr(slogan, n, None) for n in getFieldNamesInOrder(ISlogan)}
        api.content.create(
            container=target,
            type="Slogan",
            **{k: v for k, v in values.items() if v not in (None, "")},
        )


def _copy_activities(source, target):
    for activity in source.listFolderContents({"portal_type": "Activity"}):
        values = {
            name: _copy(getattr(activity, name, None))
            for name in getFieldNamesInOrder(IActivity)
            if name != "progress"
        }
        values["start"] = next_year(values.get("start"))
        values["end"] = next_year(values.get("end"))
        api.content.create(
            container=target,
            type="Activity",
            **{k: v for k, v in values.items() if v not in (None, "", [])},
        )


def legal_basis(plan, language: str) -> str:
    """The opening sentence that names ``plan`` as the one implemented."""
    info = get_department(id=plan.department or "")
    issuer = info["title"] if info else (plan.issuing_body or "")
    title = plan.title or ""
    mapping = {
        "number": plan.document_number or "",
        "date": dates.short_date(plan.issue_date),
        "issuer": issuer,
        "title": title[:1].lower() + title[1:],
    }
    if plan.number and plan.issue_date:
        message = _(
            "Implementing plan no. ${number} of ${date} of ${issuer} on ${title}.",
            mapping=mapping,
        )
    else:
        message = _("Implementing the plan of ${issuer} on ${title}.", mapping=mapping)
    return translate(message, target_language=language)


def implement(*, plan, department: dict):
    """A draft plan of ``department`` implementing ``plan``."""
    fields = department_presets(department["id"])
    fields.update(
        {
            name: _copy(getattr(plan, name, None))
            for name in ("title", "theme", "period_start", "period_end", "year")
            if getattr(plan, name, None)
        }
    )
    fields["legal_basis"] = legal_basis(plan, api.portal.get_default_language())
    draft = api.content.create(container=department["folder"], type="Plan", **fields)
    api.relation.create(source=draft, target=plan, relationship="implements")
    _copy_slogans(plan, draft)
    return draft


def copy_next_year(*, plan):
    """Next year's draft of ``plan`` beside it, with its slogans and activities."""
    fields = {
        name: _copy(getattr(plan, name, None))
        for name in getFieldNamesInOrder(IPlan)
        if name not in NOT_COPIED
    }
    for name in SHIFTED:
        fields[name] = next_year(fields.get(name))
    year = year_after(plan)
    if year:
        fields["year"] = year
        fields["title"] = re.sub(rf"\b{year - 1}\b", str(year), plan.title or "")
    fields = {k: v for k, v in fields.items() if v not in (None, "", [])}
    draft = api.content.create(container=aq_parent(plan), type="Plan", **fields)
    _copy_slogans(plan, draft)
    _copy_activities(plan, draft)
    return draft


def _text(value) -> str:
    """A form value as text (a repeated name is not a department: empty)."""
    return value if isinstance(value, str) else ""


class _Derive(BrowserView):
    def _done(self, draft, message):
        IStatusMessage(self.request).add(message, type="info")
        self.request.response.redirect(draft.absolute_url())
        return ""


class Implement(_Derive):
    """GET: choose the department; POST: create its implementing draft."""

    def departments(self):
        if not hasattr(self, "_departments"):
            self._departments = addable_departments()
        return self._departments

    def __call__(self):
        if not self.departments():
            raise Unauthorized("You may not add a plan in any department.")
        if self.request.method != "POST":
            return self.index()
        CheckAuthenticator(self.request)
        chosen = self.request.form.get("department")
        department = next((d for d in self.departments() if d["id"] == chosen), None)
        if department is None:
            if is_retired(get_department(id=_text(chosen))):
                message = _("This department is retired: it takes no new plans.")
            else:
                message = _("Choose the department whose plan this is.")
            IStatusMessage(self.request).add(message, type="error")
            return self.index()
        draft = implement(plan=self.context, department=department)
        return self._done(
            draft, _("Implementing plan created as a draft: complete and submit it.")
        )


class CopyNextYear(_Derive):
    """GET: confirm; POST: create next year's draft beside the plan."""

    def year(self):
        return year_after(self.context)

    def __call__(self):
        if not may_copy(self.context):
            raise Unauthorized("You may not add a plan here.")
        if self.request.method != "POST":
            return self.index()
        CheckAuthenticator(self.request)
        draft = copy_next_year(plan=self.context)
        return self._done(
            draft, _("Next year's plan created as a draft: check its dates and text.")
        )


def year_after(plan) -> int | None:
    """The year next year's copy will have (for the confirmation page)."""
    year = plan.year or (plan.period_start.year if plan.period_start else None)
    return year + 1 if year else None


def editor_actions(plan) -> list[dict]:
    """The editors' shortcuts on ``plan`` the current user may use."""
    if api.user.is_anonymous():
        return []
    url = plan.absolute_url()
    actions = []
    if may_add_rows(plan):
        actions.append(
            {
                "url": f"{url}/@@thdtre-add-rows",
                "title": _("Add slogans and activities"),
            }
        )
    if addable_departments(first=True):
        actions.append(
            {"url": f"{url}/@@thdtre-implement", "title": _("Create implementing plan")}
        )
    if may_copy(plan):
        actions.append(
            {"url": f"{url}/@@thdtre-copy-next-year", "title": _("Copy for next year")}
        )
    return actions
