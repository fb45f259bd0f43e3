"""1003 -> 1004: news items may carry their signed original document."""

from plone.dexterity.interfaces import IDexterityFTI
from zope.component import queryUtility


BEHAVIOR = "collective.thdtre.original_document"


def upgrade(context):
    """Give News Item the original-document behavior; other behaviors stay."""
    fti = queryUtility(IDexterityFTI, name="News Item")
    if fti is not None and BEHAVIOR not in fti.behaviors:
        fti.behaviors = (*fti.behaviors, BEHAVIOR)
