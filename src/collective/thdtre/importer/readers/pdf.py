"""PDF: the text layer of every page, wrapped lines joined into paragraphs.

A PDF without a text layer (a scan) goes to ``ocr`` when the server has it.
Bounded by the upload size and by the number of pages (pypdf reads the pages it
is asked for, one at a time).
"""

from collective.thdtre.importer.readers import ocr
from collective.thdtre.importer.readers.base import ParseError
from io import BytesIO

import re


MAX_PAGES = 200
# Fewer letters and digits than this in the whole text layer: a scan.
MIN_TEXT = 20


def read_pdf(
    data: bytes, *, max_pages: int | None = None, use_ocr: bool | None = None
) -> str:
    """The text of the PDF: its text layer, or what OCR reads on a scan.

    ``use_ocr`` None means OCR when the server has it; False refuses a scan with
    ``needs_ocr``.
    """
    import pypdf

    max_pages = MAX_PAGES if max_pages is None else max_pages
    if not data.lstrip().startswith(b"%PDF"):
        raise ParseError("damaged_pdf")
    try:
        reader = pypdf.PdfReader(BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ParseError("damaged_pdf")
        count = len(reader.pages)
        if not count:
            raise ParseError("damaged_pdf")
        if count > max_pages:
            raise ParseError("too_many_pages", pages=count, limit=max_pages)
        pages = [page.extract_text() or "" for page in reader.pages]
    except ParseError:
        raise
    except Exception:
        # pypdf raises PdfReadError, but also KeyError/ValueError/... on bad input.
        raise ParseError("damaged_pdf") from None
    if sum(ch.isalnum() for ch in "".join(pages)) < MIN_TEXT:
        pages = scanned(data, count, use_ocr)
    return "\n\n".join(reflow(page) for page in pages)


def scanned(data: bytes, count: int, use_ocr: bool | None) -> list[str]:
    """The pages of a scan as OCR reads them."""
    if use_ocr is False:
        raise ParseError("needs_ocr")
    if not ocr.available():
        raise ParseError("ocr_missing")
    pages = ocr.read_scan(data, pages=count)
    if sum(ch.isalnum() for ch in "".join(pages)) < MIN_TEXT:
        # Nothing legible even to OCR: a blank or very poor scan.
        raise ParseError("needs_ocr")
    return pages


LIST_START = re.compile(r"^(?:[-–•+*]|\d{1,2}(?:\.\d{1,2})*[.)/]|[a-zđ]\)|[IVX]+\.)\s")


def reflow(page: str) -> str:
    """Join the lines a PDF wraps inside a paragraph.

    A line that fills the measure and ends without punctuation goes on in the
    next line, unless that one starts a list item.
    """
    lines = [line.strip() for line in page.splitlines()]
    lines = [line for line in lines if line and not re.fullmatch(r"\d{1,3}", line)]
    if not lines:
        return ""
    widths = sorted(len(line) for line in lines)
    measure = widths[int(len(widths) * 0.9) - 1 if len(widths) > 1 else 0]
    out = [lines[0]]
    for line in lines[1:]:
        previous = out[-1]
        full = len(previous.rsplit("\n", 1)[-1]) >= 0.75 * measure
        if full and previous[-1] not in ".:;!?" and not LIST_START.match(line):
            out[-1] = f"{previous} {line}"
        else:
            out.append(line)
    return "\n".join(out)
