"""Behavior ``collective.thdtre.original_document``: the signed original of an item.

News items about a plan often come with the official document itself; the field has
the same name as the plan's, so download links and signature checks treat both alike.
"""

from collective.thdtre import _
from plone.autoform.interfaces import IFormFieldProvider
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from zope.interface import provider


@provider(IFormFieldProvider)
class IOriginalDocument(model.Schema):
    """The original document, as issued and signed."""

    original_file = NamedBlobFile(
        title=_("Original document"),
        description=_("The signed document as issued (.docx or .pdf)."),
        required=False,
    )
