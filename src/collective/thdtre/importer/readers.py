"""Turn an uploaded file (.txt, .md, .docx, .pdf) into plain text for ``parse``.

Pure Python (python-docx, pypdf); nothing of Plone. Every failure is a
``ParseError`` with a stable ``code``: the Plone side translates by code, the
English messages below are for the console script and the logs.
"""

from io import BytesIO

import os
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
    "This type of file is not supported. Upload a .docx, .pdf, .txt or .md file "
    "(save old .doc files as .docx first)."
)
MSG_TOO_LARGE = "The file is larger than {limit_mb:g} MB. Upload a smaller file."
MSG_BAD_ENCODING = (
    "The text file uses an unknown character encoding. Save it as UTF-8 and "
    "upload it again."
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
}

TEXT_EXTENSIONS = (".txt", ".text", ".md", ".markdown")
MAX_BYTES = 20 * 1024 * 1024


class ParseError(Exception):
    """A file that cannot be imported; ``code`` is one of ``MESSAGES``."""

    def __init__(self, code: str, message: str | None = None, **mapping):
        if code not in MESSAGES:
            raise ValueError(f"Unknown ParseError code: {code}")
        self.code = code
        self.mapping = mapping
        self.message = message or MESSAGES[code].format(**mapping)
        super().__init__(self.message)


def read_text(filename: str, data: bytes, *, max_bytes: int = MAX_BYTES) -> str:
    """The text of ``data``, chosen by the extension of ``filename``."""
    extension = os.path.splitext(filename or "")[1].lower()
    if extension not in (*TEXT_EXTENSIONS, ".docx", ".pdf"):
        raise ParseError("unknown_extension")
    if len(data) > max_bytes:
        limit = round(max_bytes / 1024 / 1024, 1)
        raise ParseError(
            "too_large", limit_mb=int(limit) if limit.is_integer() else limit
        )
    if not data or not data.strip():
        raise ParseError("empty")
    if extension == ".docx":
        text = read_docx(data)
    elif extension == ".pdf":
        text = read_pdf(data)
    else:
        text = decode_text(data)
    text = normalise(text)
    if not text.strip():
        raise ParseError("empty")
    return text


def normalise(text: str) -> str:
    """NFC, ``\\n`` line ends, plain spaces; Windows-1258 and Word decompose tones."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = re.sub(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]", "", text)
    text = re.sub(r"[\u00a0\u2000-\u200a\u202f\u3000\t]", " ", text)
    return text


# -- plain text -----------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16/32 with a BOM, else Windows-1258."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _check_text(data.decode(codec))
            except UnicodeDecodeError:
                raise ParseError("bad_encoding") from None
    codec = _bomless_utf16(data)
    if codec:
        try:
            return _check_text(data.decode(codec))
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise ParseError("binary")
    try:
        return _check_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    try:
        return _check_text(data.decode("cp1258"))
    except UnicodeDecodeError:
        raise ParseError("bad_encoding") from None


def _bomless_utf16(data: bytes) -> str | None:
    # Notepad's "Unicode" without a BOM: every other byte of ASCII text is NUL.
    sample = data[:4000]
    half = len(sample) // 2
    if half < 8:
        return None
    odd = sample[1::2].count(0) / half
    even = sample[0::2].count(0) / half
    if odd > 0.4 and even < 0.05:
        return "utf-16-le"
    if even > 0.4 and odd < 0.05:
        return "utf-16-be"
    return None


def _check_text(text: str) -> str:
    if "\x00" in text:
        raise ParseError("binary")
    controls = sum(
        1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f"
    )
    if text and controls / len(text) > 0.01:
        raise ParseError("binary")
    return text


# -- Word -----------------------------------------------------------------------


def read_docx(data: bytes) -> str:
    """Paragraphs and table cells in document order, one paragraph per block.

    Word's automatic numbering is rendered (``1.``, ``a)``, ``-``) because the
    parser reads the outline from those markers. Tables with three or more
    columns (activity tables) become ``| a | b | c |`` rows.
    """
    import docx
    import zipfile

    if not data.startswith(b"PK"):
        raise ParseError("damaged_docx")
    try:
        document = docx.Document(BytesIO(data))
        numbering = _Numbering(document)
        blocks = list(_docx_blocks(document, numbering))
    except ParseError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ParseError("damaged_docx") from None
    except Exception as error:
        # python-docx and lxml raise their own classes for broken packages.
        if type(error).__module__.split(".")[0] in ("docx", "lxml"):
            raise ParseError("damaged_docx") from None
        raise
    return "\n\n".join(block for block in blocks if block.strip())


def _docx_blocks(container, numbering):
    from docx.table import Table

    for item in container.iter_inner_content():
        if isinstance(item, Table):
            yield from _table_blocks(item, numbering)
        else:
            label = numbering.label(item)
            text = item.text.strip()
            yield f"{label} {text}" if label and text else text


def _table_blocks(table, numbering):
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) not in seen:  # merged cells repeat
                seen.add(id(cell._tc))
                cells.append(cell)
        rows.append(cells)
    width = max((len(cells) for cells in rows), default=0)
    first = " ".join(c.text for c in rows[0]).lower() if rows else ""
    if width >= 3 or "chủ trì" in first:
        for cells in rows:
            texts = [" ".join(c.text.split()) for c in cells]
            yield "| " + " | ".join(texts) + " |"
        return
    for cells in rows:
        for cell in cells:
            yield from _docx_blocks(cell, numbering)


class _Numbering:
    """Labels of Word's automatic list numbering (``1.``, ``a)``, ``-``), per list."""

    FORMATS = {
        "decimal": str,
        "decimalZero": lambda n: f"{n:02d}",
        "lowerLetter": lambda n: chr(ord("a") + (n - 1) % 26),
        "upperLetter": lambda n: chr(ord("A") + (n - 1) % 26),
        "lowerRoman": lambda n: _roman(n).lower(),
        "upperRoman": lambda n: _roman(n),
    }

    def __init__(self, document):
        self.levels = {}  # numId -> {ilvl: (fmt, text, start)}
        self.counters = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        try:
            abstract = {}
            for node in root.findall(_w("abstractNum")):
                abstract[node.get(_w("abstractNumId"))] = {
                    int(lvl.get(_w("ilvl"))): (
                        _val(lvl, "numFmt", "decimal"),
                        _val(lvl, "lvlText", ""),
                        int(_val(lvl, "start", "1")),
                    )
                    for lvl in node.findall(_w("lvl"))
                }
            for num in root.findall(_w("num")):
                ref = _val(num, "abstractNumId", None)
                self.levels[num.get(_w("numId"))] = abstract.get(ref, {})
        except (TypeError, ValueError):  # odd numbering: read the text without it
            self.levels = {}

    def label(self, paragraph) -> str:
        num_id, ilvl = self._num_pr(paragraph)
        if num_id is None or num_id not in self.levels:
            return ""
        levels = self.levels[num_id]
        fmt, text, start = levels.get(ilvl, ("decimal", "%1.", 1))
        counts = self.counters.setdefault(num_id, {})
        counts[ilvl] = counts.get(ilvl, start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return ""

        def render(match):
            level = int(match.group(1)) - 1
            level_fmt = levels.get(level, ("decimal", "", 1))[0]
            value = counts.get(level, levels.get(level, ("", "", 1))[2])
            return self.FORMATS.get(level_fmt, str)(value)

        return re.sub(r"%(\d)", render, text).strip()

    @staticmethod
    def _num_pr(paragraph):
        for element in (paragraph._p, getattr(paragraph.style, "element", None)):
            ppr = getattr(element, "pPr", None)
            num_pr = getattr(ppr, "numPr", None)
            if num_pr is not None and num_pr.numId is not None:
                ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
                num_id = str(num_pr.numId.val)
                return (None if num_id == "0" else num_id), ilvl
        return None, 0


def _w(name: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + name


def _val(node, name: str, default):
    found = node.find(_w(name))
    return found.get(_w("val"), default) if found is not None else default


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while n >= value:
            out, n = out + letters, n - value
    return out


# -- PDF ------------------------------------------------------------------------


def read_pdf(data: bytes) -> str:
    """The text layer of every page, with wrapped lines joined into paragraphs."""
    import pypdf

    if not data.lstrip().startswith(b"%PDF"):
        raise ParseError("damaged_pdf")
    try:
        reader = pypdf.PdfReader(BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ParseError("damaged_pdf")
        pages = [page.extract_text() or "" for page in reader.pages]
        if not pages:
            raise ParseError("damaged_pdf")
    except ParseError:
        raise
    except Exception:
        # pypdf raises PdfReadError, but also KeyError/ValueError/... on bad input.
        raise ParseError("damaged_pdf") from None
    if sum(ch.isalnum() for ch in "".join(pages)) < 20:
        raise ParseError("needs_ocr")
    return "\n\n".join(reflow(page) for page in pages)


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
