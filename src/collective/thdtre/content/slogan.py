"""A Slogan or message (Khẩu hiệu, thông điệp) of a plan."""

from collective.thdtre import _
from collective.thdtre.content import limits
from collective.thdtre.content.base import ThdtreItem
from collective.thdtre.content.validators import non_negative
from collective.thdtre.interfaces import IThdtreContent
from collective.thdtre.multilingual import language_independent
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class ISlogan(model.Schema):
    """Schema of a Slogan."""

    title = schema.TextLine(
        constraint=limits.title,
        title=_("Slogan"),
        description=_("The slogan or message, as it is written."),
        required=True,
    )
    position = schema.Int(
        title=_("Position"),
        description=_("Order in the plan's list of slogans."),
        required=False,
        constraint=non_negative,
    )
    source = schema.TextLine(
        constraint=limits.line,
        title=_("Source"),
        description=_("Where the slogan comes from, e.g. the ministry's guidance."),
        required=False,
    )


def slogan_order(slogan) -> tuple:
    """Sort key of a plan's slogans: by position, unnumbered ones last."""
    position = getattr(slogan, "position", None)
    return (position is None, position or 0)


# The same in every translation (sites with plone.app.multilingual).
language_independent(ISlogan, "position")


@implementer(ISlogan, IThdtreContent)
class Slogan(ThdtreItem):
    """A slogan of a plan."""
