"""Behavior ``collective.thdtre.related_plan``: the plan a news item is about."""

from collective.thdtre import _
from plone.app.vocabularies.catalog import CatalogSource
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from z3c.relationfield.schema import RelationChoice
from zope.interface import provider


@provider(IFormFieldProvider)
class IRelatedPlan(model.Schema):
    """The plan this item reports on."""

    related_plan = RelationChoice(
        title=_("Related plan"),
        description=_("The plan this news item is about, e.g. 777/KH-UBND."),
        source=CatalogSource(portal_type=["Plan"]),
        required=False,
    )
    directives.widget(
        "related_plan",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"selectableTypes": ["Plan"], "maximumSelectionSize": 1},
    )
