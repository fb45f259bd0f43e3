"""1004 -> 1005: plans imported before issue 12 keep their text as written.

The plan page, the PDF and the .docx show an imported plan's body and appendix
as the document words them (``document_text``, filled when a plan is imported).
Plans imported earlier get it from their stored original file once.
"""

from collective.thdtre import logger
from collective.thdtre.importer.written import keep_text_as_written
from plone import api


def upgrade(context):
    """Fill ``document_text`` of every plan that has an original and no text yet."""
    filled = 0
    for brain in api.content.find(portal_type="Plan"):
        plan = brain.getObject()
        if getattr(plan, "document_text", None) or not getattr(
            plan, "original_file", None
        ):
            continue
        keep_text_as_written(plan)
        filled += bool(plan.document_text)
    logger.info("Upgrade 1005: text as written kept on %s imported plans", filled)
