"""Turn a document (.txt, .md, .docx, .pdf, .html) into plain text for ``parse``.

Pure Python, nothing of Plone: one module per format (``text``, ``docx``, ``pdf``
with ``ocr`` for scans, ``html``) over ``base``, which holds ``ParseError`` and
its codes. Every failure is a ``ParseError`` with a stable ``code``: the Plone
side translates by code, the English messages are for the console script and
the logs. Every reader is bounded (size, pages or parts, time, memory); see each
module and ``importer/limits.py``. Whatever the format, a text far longer than a
plan (``MAX_CHARS``, ``MAX_PARAGRAPHS``) is refused before it is parsed.
"""

from collective.thdtre.importer.limits import MAX_CHARS
from collective.thdtre.importer.limits import MAX_PARAGRAPHS
from collective.thdtre.importer.readers.base import MAX_BYTES
from collective.thdtre.importer.readers.base import megabytes
from collective.thdtre.importer.readers.base import MESSAGES
from collective.thdtre.importer.readers.base import MSG_BAD_ENCODING
from collective.thdtre.importer.readers.base import MSG_BINARY
from collective.thdtre.importer.readers.base import MSG_DAMAGED_DOCX
from collective.thdtre.importer.readers.base import MSG_DAMAGED_PDF
from collective.thdtre.importer.readers.base import MSG_DOCX_TOO_LARGE
from collective.thdtre.importer.readers.base import MSG_EMPTY
from collective.thdtre.importer.readers.base import MSG_NEEDS_OCR
from collective.thdtre.importer.readers.base import MSG_NOT_A_PLAN
from collective.thdtre.importer.readers.base import MSG_OCR_MISSING
from collective.thdtre.importer.readers.base import MSG_OCR_TIMEOUT
from collective.thdtre.importer.readers.base import MSG_TOO_LARGE
from collective.thdtre.importer.readers.base import MSG_TOO_MANY_PAGES
from collective.thdtre.importer.readers.base import MSG_UNKNOWN_EXTENSION
from collective.thdtre.importer.readers.base import normalise
from collective.thdtre.importer.readers.base import ParseError
from collective.thdtre.importer.readers.docx import read_docx
from collective.thdtre.importer.readers.html import HTML_EXTENSIONS
from collective.thdtre.importer.readers.html import read_html
from collective.thdtre.importer.readers.pdf import read_pdf
from collective.thdtre.importer.readers.pdf import reflow
from collective.thdtre.importer.readers.text import decode_text
from collective.thdtre.importer.readers.text import TEXT_EXTENSIONS

import os
import re


__all__ = [
    "EXTENSIONS",
    "MAX_BYTES",
    "MESSAGES",
    "MSG_BAD_ENCODING",
    "MSG_BINARY",
    "MSG_DAMAGED_DOCX",
    "MSG_DAMAGED_PDF",
    "MSG_DOCX_TOO_LARGE",
    "MSG_EMPTY",
    "MSG_NEEDS_OCR",
    "MSG_NOT_A_PLAN",
    "MSG_OCR_MISSING",
    "MSG_OCR_TIMEOUT",
    "MSG_TOO_LARGE",
    "MSG_TOO_MANY_PAGES",
    "MSG_UNKNOWN_EXTENSION",
    "TEXT_EXTENSIONS",
    "ParseError",
    "check_length",
    "decode_text",
    "normalise",
    "read_docx",
    "read_html",
    "read_pdf",
    "read_text",
    "reflow",
]

EXTENSIONS = (*TEXT_EXTENSIONS, *HTML_EXTENSIONS, ".docx", ".pdf")
BLANK_RUN = re.compile(r"\n(?: *\n){4,}")


def read_text(filename: str, data: bytes, *, max_bytes: int = MAX_BYTES) -> str:
    """The text of ``data``, read by the reader of ``filename``'s extension."""
    extension = os.path.splitext(filename or "")[1].lower()
    if extension not in EXTENSIONS:
        raise ParseError("unknown_extension")
    if len(data) > max_bytes:
        raise ParseError("too_large", limit_mb=megabytes(max_bytes))
    if not data or not data.strip():
        raise ParseError("empty")
    if extension == ".docx":
        text = read_docx(data)
    elif extension == ".pdf":
        text = read_pdf(data)
    elif extension in HTML_EXTENSIONS:
        text = read_html(data, max_bytes=max_bytes)
    else:
        if len(data) > 4 * MAX_CHARS:  # too many characters in any encoding
            raise ParseError("too_much_text", limit=MAX_CHARS)
        text = decode_text(data)
    # More than three blank lines say no more than three do, and the parser walks
    # every line: a file padded with a million of them is read in milliseconds.
    text = BLANK_RUN.sub("\n\n\n\n", normalise(text))
    if not text.strip():
        raise ParseError("empty")
    check_length(text)
    return text


def check_length(
    text: str, *, max_chars: int | None = None, max_paragraphs: int | None = None
) -> None:
    """Refuse a text the parser would take too long over: far longer than a plan."""
    max_chars = MAX_CHARS if max_chars is None else max_chars
    max_paragraphs = MAX_PARAGRAPHS if max_paragraphs is None else max_paragraphs
    if len(text) > max_chars:
        raise ParseError("too_much_text", limit=max_chars)
    lines = text.count("\n") + 1
    if lines > max_paragraphs:
        # Only non-empty lines are paragraphs: count them when it matters.
        paragraphs = sum(1 for line in text.split("\n") if line.strip())
        if paragraphs > max_paragraphs:
            raise ParseError("too_long", limit=max_paragraphs)
