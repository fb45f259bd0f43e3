"""What every reader shares: ``ParseError`` with its codes, the limits, ``normalise``.

The format modules (text, docx, pdf, html, ocr) import from here and never from
each other's package ``__init__``, so there is no import circle. The English
messages are for the console script and the logs; the Plone side translates by
code (``importer/mapping.py``).
"""

from collective.thdtre.importer.limits import MAX_BYTES  # noqa: F401 (readers' API)

import re
import unicodedata


MSG_EMPTY = "The file is empty: there is no text to import."
MSG_NOT_A_PLAN = (
    "This does not look like a plan: it has no 'KẾ HOẠCH' heading and no "
    "'Số: .../KH-...' line. Upload the plan document itself."
)
MSG_BINARY = (
    "The file does not contain readable text. Upload the plan as .docx, .pdf or .txt."
)
MSG_DAMAGED_DOCX = (
    "The Word file is damaged and cannot be opened. Open it in Word, save it "
    "again as .docx and upload it again."
)
MSG_DAMAGED_PDF = (
    "The PDF file is damaged or protected and cannot be read. Export it again "
    "from the original document and upload it again."
)
MSG_NEEDS_OCR = (
    "The PDF has no text layer (it is a scan). Run text recognition (OCR) on it "
    "or upload the original .docx."
)
MSG_UNKNOWN_EXTENSION = (
    "This type of file is not supported. Upload a .docx, .pdf, .html, .txt or .md "
    "file (save old .doc files as .docx first)."
)
MSG_TOO_LARGE = "The file is larger than {limit_mb:g} MB. Upload a smaller file."
MSG_BAD_ENCODING = (
    "The text file uses an unknown character encoding. Save it as UTF-8 and "
    "upload it again."
)
MSG_OCR_MISSING = (
    "The PDF is a scan and text recognition (Tesseract OCR with Vietnamese) is "
    "not installed on this server. Ask the administrator to install it, or "
    "upload the original .docx."
)
MSG_OCR_TIMEOUT = (
    "Text recognition took longer than {seconds} seconds on page {page} of the "
    "scan. Scan it again at 300 dpi in black and white, or upload the .docx."
)
MSG_TOO_MANY_PAGES = (
    "The document has {pages} pages; at most {limit} can be read. Upload the "
    "plan alone, without its attachments."
)
MSG_NO_DIACRITICS = (
    "The text has lost its Vietnamese accents (the text layer of a scan, or a "
    "copy without diacritics): its names and dates cannot be read reliably. "
    "Upload the scanned PDF itself (it is read with OCR) or the .docx."
)
MSG_DOCX_TOO_LARGE = (
    "The Word file unpacks to more than {limit_mb:g} MB. Remove large pictures "
    "and save it again."
)
MSG_TOO_LONG = (
    "The document has more than {limit} paragraphs: far more than a plan. Upload "
    "the plan alone, without its attachments."
)
MSG_TOO_MUCH_TEXT = (
    "The document has more than {limit} characters of text: far more than a "
    "plan. Upload the plan alone, without its attachments."
)
MSG_DOCX_TOO_COMPLEX = (
    "The Word file is made of more than {limit} XML elements and cannot be read. "
    "Save it again as .docx (or as PDF) and upload it again."
)
MSG_TOO_SLOW = (
    "Reading the document took longer than {seconds} seconds and was stopped. "
    "Upload the plan alone, or as .docx or .txt."
)
MSG_TOO_MUCH_MEMORY = (
    "Reading the document needed more memory than an import may use and was "
    "stopped. Upload the plan alone, or as .docx or .txt."
)
MSG_UNREADABLE = (
    "The document could not be read. Save it again as .docx or .txt and upload "
    "it again."
)

MESSAGES = {
    "empty": MSG_EMPTY,
    "not_a_plan": MSG_NOT_A_PLAN,
    "binary": MSG_BINARY,
    "damaged_docx": MSG_DAMAGED_DOCX,
    "damaged_pdf": MSG_DAMAGED_PDF,
    "needs_ocr": MSG_NEEDS_OCR,
    "unknown_extension": MSG_UNKNOWN_EXTENSION,
    "too_large": MSG_TOO_LARGE,
    "bad_encoding": MSG_BAD_ENCODING,
    "ocr_missing": MSG_OCR_MISSING,
    "ocr_timeout": MSG_OCR_TIMEOUT,
    "too_many_pages": MSG_TOO_MANY_PAGES,
    "docx_too_large": MSG_DOCX_TOO_LARGE,
    "no_diacritics": MSG_NO_DIACRITICS,
}

# Refusals of ``importer/limits.py``: a document far beyond what a plan is.
MESSAGES.update(
    {
        "too_long": MSG_TOO_LONG,
        "too_much_text": MSG_TOO_MUCH_TEXT,
        "docx_too_complex": MSG_DOCX_TOO_COMPLEX,
        "too_slow": MSG_TOO_SLOW,
        "too_much_memory": MSG_TOO_MUCH_MEMORY,
        "unreadable": MSG_UNREADABLE,
    }
)


class ParseError(Exception):
    """A file that cannot be imported; ``code`` is one of ``MESSAGES``."""

    def __init__(self, code: str, message: str | None = None, **mapping):
        if code not in MESSAGES:
            raise ValueError(f"Unknown ParseError code: {code}")
        self.code = code
        self.mapping = mapping
        self.message = message or MESSAGES[code].format(**mapping)
        super().__init__(self.message)


def megabytes(size: int) -> int | float:
    """``size`` bytes in MB as a message shows it: 20, or 1.5."""
    limit = round(size / 1024 / 1024, 1)
    return int(limit) if limit.is_integer() else limit


def normalise(text: str) -> str:
    """NFC, ``\\n`` line ends, plain spaces; Windows-1258 and Word decompose tones."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = re.sub(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]", "", text)
    text = re.sub(r"[\u00a0\u2000-\u200a\u202f\u3000\t]", " ", text)
    return text
