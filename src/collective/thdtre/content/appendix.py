"""An Appendix (Phụ lục): a file of a plan or of a report that goes through the
plan's workflow.

Plone's File has no workflow of its own and shows whatever its folder shows: one
added to a published plan would be public at once. An appendix is a File in every
other way (same schema, views and downloads) but starts as a draft and is public
only once approved and published, like the plan's other parts.
"""

from collective.thdtre.interfaces import IThdtreContent
from plone.app.contenttypes.content import File
from zope.interface import implementer


@implementer(IThdtreContent)
class Appendix(File):
    """A file attached to a plan or a report."""
