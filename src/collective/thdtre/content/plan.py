"""The Plan (Kế hoạch): an official Action Month plan and the folder of its parts."""

from collective.thdtre import _
from collective.thdtre.content import limits
from collective.thdtre.content.base import ThdtreContainer
from collective.thdtre.content.validators import check_number_free
from collective.thdtre.content.validators import check_order
from collective.thdtre.content.validators import own_department
from collective.thdtre.content.validators import valid_document_number
from collective.thdtre.content.validators import valid_symbol
from collective.thdtre.interfaces import IThdtreContent
from collective.thdtre.multilingual import language_independent
from plone.app.textfield import RichText
from plone.app.vocabularies.catalog import CatalogSource
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope import schema
from zope.container.interfaces import IContainerModifiedEvent
from zope.interface import implementer
from zope.interface import invariant


class IPlan(model.Schema):
    """Schema of a Plan: the parts of an administrative plan under Decree 30/2020."""

    title = schema.TextLine(
        constraint=limits.title,
        title=_("Summary"),
        description=_(
            "The summary under KẾ HOẠCH, e.g. "
            "'Tổ chức Tháng hành động vì trẻ em năm 2024'."
        ),
        required=True,
    )
    description = schema.Text(
        constraint=limits.text,
        title=_("Description"),
        description=_("A short description shown in listings and search results."),
        required=False,
    )
    number = schema.Int(
        title=_("Number"),
        description=_("Left empty while the plan is a draft; given when it is issued."),
        required=False,
        constraint=valid_document_number,
    )
    # Only approvers give numbers (the permission is theirs and the managers').
    directives.write_permission(number="collective.thdtre.SetNumber")
    symbol = schema.TextLine(
        title=_("Symbol"),
        description=_("The document symbol, e.g. KH-UBND or KH-KHCN."),
        required=False,
        constraint=limits.both(limits.line, valid_symbol),
    )
    document_number = schema.TextLine(
        title=_("Number and symbol"),
        description=_("Computed from the number and the symbol, e.g. 63/KH-KHCN."),
        required=False,
        readonly=True,
    )
    parent_body = schema.TextLine(
        constraint=limits.line,
        title=_("Parent body"),
        description=_("The body above the issuer, e.g. UBND TỈNH BẮC GIANG."),
        required=False,
    )
    issuing_body = schema.TextLine(
        constraint=limits.line,
        title=_("Issuing body"),
        description=_("e.g. SỞ KHOA HỌC VÀ CÔNG NGHỆ."),
        required=False,
    )
    department = schema.Choice(
        title=_("Department"),
        description=_("The department that owns this plan."),
        vocabulary="collective.thdtre.vocabularies.departments",
        required=False,
        constraint=own_department,
    )
    issue_place = schema.TextLine(
        constraint=limits.line,
        title=_("Place of issue"),
        description=_("e.g. Bắc Giang."),
        required=False,
    )
    issue_date = schema.Date(
        title=_("Date of issue"),
        description=_("Left empty while the plan is a draft."),
        required=False,
    )
    year = schema.Int(
        title=_("Year"),
        description=_(
            "The year of the Action Month; taken from the period when empty."
        ),
        required=False,
        min=1990,
        max=2100,
    )

    model.fieldset(
        "contents",
        label=_("Contents"),
        fields=[
            "theme",
            "period_start",
            "period_end",
            "scope",
            "legal_basis",
            "implements",
            "purpose",
            "requirements",
            "text",
            "budget",
            "implementation",
            "document_text",
        ],
    )
    theme = schema.TextLine(
        constraint=limits.line,
        title=_("Theme"),
        description=_("The year's theme, without quotation marks."),
        required=False,
    )
    period_start = schema.Date(title=_("Period start"), required=False)
    period_end = schema.Date(title=_("Period end"), required=False)
    scope = schema.TextLine(
        constraint=limits.line,
        title=_("Scope"),
        description=_("e.g. Trên địa bàn toàn thành phố."),
        required=False,
    )
    legal_basis = schema.Text(
        constraint=limits.text,
        title=_("Legal basis"),
        description=_("The opening 'Thực hiện ...' or 'Căn cứ ...' paragraph."),
        required=False,
    )
    implements = RelationList(
        title=_("Implements"),
        description=_("The plans this plan implements, e.g. the province plan."),
        value_type=RelationChoice(
            title=_("Plan"), source=CatalogSource(portal_type=["Plan"])
        ),
        default=[],
        required=False,
    )
    directives.widget(
        "implements",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"selectableTypes": ["Plan"], "basePath": ""},
    )
    purpose = schema.Text(title=_("Purpose"), required=False, constraint=limits.text)
    requirements = schema.Text(
        title=_("Requirements"), required=False, constraint=limits.text
    )
    text = RichText(
        constraint=limits.rich_text,
        title=_("Other sections"),
        description=_("Contents not covered by the fields above."),
        required=False,
    )
    budget = RichText(title=_("Budget"), required=False, constraint=limits.rich_text)
    document_text = schema.Text(
        constraint=limits.rich_text,
        title=_("Text as written"),
        description=_(
            "The body and any appendix of the signed document, one paragraph a "
            "line, as the plan page shows them. Filled when a document is "
            "imported; when empty, the page composes the text from the fields."
        ),
        required=False,
    )
    implementation = RichText(
        constraint=limits.rich_text,
        title=_("Organisation of implementation"),
        description=_("One item per responsible unit, with its duties."),
        required=False,
    )

    model.fieldset(
        "signature",
        label=_("Signature and recipients"),
        fields=[
            "signing_authority",
            "signer_title",
            "signer_name",
            "recipients",
            "report_deadline",
            "report_recipient",
            "public_summary",
            "original_file",
        ],
    )
    signing_authority = schema.TextLine(
        constraint=limits.line,
        title=_("Signing authority"),
        description=_("TM., KT., TL. or TUQ. and the title, e.g. KT. GIÁM ĐỐC."),
        required=False,
    )
    signer_title = schema.TextLine(
        constraint=limits.line,
        title=_("Signer's title"),
        description=_("e.g. PHÓ GIÁM ĐỐC."),
        required=False,
    )
    signer_name = schema.TextLine(
        title=_("Signer's name"), required=False, constraint=limits.line
    )
    recipients = schema.List(
        title=_("Recipients"),
        description=_("One recipient per line; end with 'Lưu: VT, ...'."),
        value_type=schema.TextLine(constraint=limits.line),
        default=[],
        required=False,
        constraint=limits.items,
    )
    report_deadline = schema.Date(
        title=_("Report deadline"),
        description=_("The date by which results reports are due."),
        required=False,
    )
    report_recipient = schema.TextLine(
        constraint=limits.line,
        title=_("Report recipient"),
        description=_("Who receives the results reports."),
        required=False,
    )
    public_summary = schema.Bool(
        title=_("Public results summary"),
        description=_(
            "Show visitors the totals of the approved results reports of the plans "
            "that implement this one."
        ),
        required=False,
        default=False,
    )
    original_file = NamedBlobFile(
        title=_("Original document"),
        description=_("The signed document as issued (.docx or .pdf)."),
        required=False,
    )

    @invariant
    def period_is_ordered(data):
        check_order(
            data,
            "period_start",
            "period_end",
            _("The period must end on or after the day it starts."),
        )

    @invariant
    def number_is_free(data):
        check_number_free(data)


def document_number(number, symbol) -> str:
    """``63/KH-KHCN``; ``/KH-STP`` while the number is blank; empty without both."""
    number = "" if number is None else str(number)
    symbol = symbol or ""
    if not number and not symbol:
        return ""
    return f"{number}/{symbol}"


# The same in every translation (sites with plone.app.multilingual).
language_independent(
    IPlan,
    "number",
    "symbol",
    "department",
    "year",
    "issue_date",
    "period_start",
    "period_end",
    "report_deadline",
)


@implementer(IPlan, IThdtreContent)
class Plan(ThdtreContainer):
    """A plan: holds its activities, slogans, reports and attachments."""

    @property
    def document_number(self):
        return document_number(self.number, self.symbol)


# Indexes a part (activity, slogan, report) takes from its plan.
PLAN_INDEXES = ("department", "year", "document_number", "issuing_body")


def reindex_parts(plan, event=None):
    """Refile the plan's parts: their catalog entries carry the plan's values."""
    if IContainerModifiedEvent.providedBy(event):
        return  # a part was added or removed: the plan's own fields did not change
    for part in plan.objectValues():
        if IThdtreContent.providedBy(part):
            part.reindexObject(idxs=list(PLAN_INDEXES))


def default_year(plan, event):
    """Fill an empty ``year`` from the period, else from the issue date."""
    if plan.year:
        return
    for value in (plan.period_start, plan.issue_date, plan.period_end):
        if value:
            plan.year = value.year
            return
