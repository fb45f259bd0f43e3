"""A results Report (Báo cáo kết quả) of a unit, with its metrics and attachments."""

from collective.thdtre import _
from collective.thdtre.content import limits
from collective.thdtre.content.base import ThdtreContainer
from collective.thdtre.content.validators import non_negative
from collective.thdtre.interfaces import IThdtreContent
from collective.thdtre.multilingual import language_independent
from plone.app.textfield import RichText
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


# Field name and label of each results metric, in the order of the form.
METRICS = (
    ("children_supported", _("Children supported")),
    ("gifts", _("Gifts")),
    ("gift_value_vnd", _("Value of gifts (VND)")),
    ("fund_raised_vnd", _("Raised for the Child Protection Fund (VND)")),
    ("communication_items", _("Communication items")),
    ("events_held", _("Events held")),
    ("participants", _("Participants")),
)


def _metric(title):
    return schema.Int(title=title, required=False, constraint=non_negative)


class IReport(model.Schema):
    """Schema of a Report: metrics first, then the text; files go inside."""

    title = schema.TextLine(title=_("Title"), required=True, constraint=limits.title)
    reporting_unit = schema.TextLine(
        title=_("Reporting unit"), required=False, constraint=limits.line
    )
    department = schema.Choice(
        title=_("Department"),
        vocabulary="collective.thdtre.vocabularies.departments",
        required=False,
    )
    submitted_date = schema.Date(title=_("Date submitted"), required=False)

    children_supported = _metric(METRICS[0][1])
    gifts = _metric(METRICS[1][1])
    gift_value_vnd = _metric(METRICS[2][1])
    fund_raised_vnd = _metric(METRICS[3][1])
    communication_items = _metric(METRICS[4][1])
    events_held = _metric(METRICS[5][1])
    participants = _metric(METRICS[6][1])

    extra_metrics = schema.Dict(
        title=_("Other figures"),
        description=_(
            "Figures of this year's indicators that have no field above, by the "
            "indicator's id (set in the control panel)."
        ),
        key_type=schema.TextLine(constraint=limits.line),
        value_type=schema.Int(min=0),
        required=False,
        default={},
        constraint=limits.items,
    )

    text = RichText(title=_("Report"), required=False, constraint=limits.rich_text)


# The same in every translation (sites with plone.app.multilingual).
language_independent(
    IReport,
    "department",
    "submitted_date",
    *(name for name, _title in METRICS),
    "extra_metrics",
)


@implementer(IReport, IThdtreContent)
class Report(ThdtreContainer):
    """A results report; attachments are Files and Images inside it."""

    @property
    def report_metrics(self) -> dict:
        """Every figure of the report by metric id (catalog metadata)."""
        values = {name: getattr(self, name, None) for name, _title in METRICS}
        values.update(self.extra_metrics or {})
        return {k: v for k, v in values.items() if v is not None}
