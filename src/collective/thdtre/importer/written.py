"""An imported plan keeps its text as written, for the page, the PDF and the .docx.

The parse turns a document into fields; the reader's text, cut where the official
layout takes over (``official.text``), keeps every paragraph of the body and the
appendix in order, with the document's own numbering.
"""

from collective.thdtre.importer.furniture import strip_page
from collective.thdtre.importer.readers import read_text
from collective.thdtre.official.text import body_text


def text_as_written(*, filename: str, data: bytes, title: str | None = None) -> str:
    """The body and appendix of the document in ``data``, one paragraph a line.

    ``title``, the summary as imported, tells where a wrapped summary ends.
    """
    text = read_text(filename, data)
    return body_text(strip_page(text, article=False).text, title=title)


def keep_text_as_written(plan, event=None):
    """Fill an added plan's ``document_text`` from its original file, if it has one."""
    original = getattr(plan, "original_file", None)
    if getattr(plan, "document_text", None) or original is None:
        return
    try:
        plan.document_text = text_as_written(
            filename=original.filename or "", data=original.data, title=plan.title
        )
    except Exception:  # noqa: BLE001 - the import itself already read this file
        plan.document_text = None
