"""An Activity (Hoạt động) of a plan, with its lead and coordinating units."""

from collective.thdtre import _
from collective.thdtre.content import limits
from collective.thdtre.content.base import ThdtreItem
from collective.thdtre.content.validators import check_order
from collective.thdtre.content.validators import non_negative
from collective.thdtre.interfaces import IThdtreContent
from collective.thdtre.multilingual import language_independent
from plone.app.textfield import RichText
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import invariant


class IActivity(model.Schema):
    """Schema of an Activity."""

    title = schema.TextLine(title=_("Title"), required=True, constraint=limits.title)
    description = schema.Text(
        title=_("Description"), required=False, constraint=limits.text
    )
    lead_unit = schema.TextLine(
        constraint=limits.line,
        title=_("Lead unit"),
        description=_("The unit in charge (Đơn vị chủ trì)."),
        required=False,
    )
    coordinating_units = schema.List(
        title=_("Coordinating units"),
        description=_("Units that take part (Đơn vị phối hợp), one per line."),
        value_type=schema.TextLine(constraint=limits.line),
        default=[],
        required=False,
        constraint=limits.items,
    )
    start = schema.Date(title=_("Start"), required=False)
    end = schema.Date(title=_("End"), required=False)
    location = schema.TextLine(
        title=_("Location"), required=False, constraint=limits.line
    )
    target_group = schema.TextLine(
        constraint=limits.line,
        title=_("Target group"),
        description=_("Who the activity is for, e.g. children of staff."),
        required=False,
    )
    budget_vnd = schema.Int(
        title=_("Budget (VND)"), required=False, constraint=non_negative
    )
    progress = schema.Choice(
        title=_("Progress"),
        vocabulary="collective.thdtre.vocabularies.progress",
        default="planned",
        required=True,
    )
    text = RichText(title=_("Details"), required=False, constraint=limits.rich_text)

    @invariant
    def dates_are_ordered(data):
        check_order(
            data,
            "start",
            "end",
            _("The activity must end on or after the day it starts."),
        )


# The same in every translation (sites with plone.app.multilingual).
language_independent(IActivity, "start", "end", "budget_vnd", "progress")


@implementer(IActivity, IThdtreContent)
class Activity(ThdtreItem):
    """An activity of a plan."""
