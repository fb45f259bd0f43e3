"""Word (.docx): paragraphs and tables in document order, Word's list numbers rendered.

Bounded before python-docx opens anything (``check_package``): the package's
inflated size, the size of each XML part (lxml holds it in memory several times
over) and the number of parts are read from the zip's directory; then every part
is inflated once, a megabyte at a time, so that a part inflating to more than
its directory says is caught (zipfile stops at the stated size and the checksum
fails) without ever holding it; and each XML part is counted as it inflates, by
a parser that builds no tree: more elements or paragraphs than ``limits``
allows, or a DTD (Word writes none; entities are how XML bombs multiply), and
the file is refused.
"""

from collective.thdtre.importer.limits import MAX_INFLATED
from collective.thdtre.importer.limits import MAX_PARAGRAPHS
from collective.thdtre.importer.limits import MAX_PARTS
from collective.thdtre.importer.limits import MAX_XML_ELEMENTS
from collective.thdtre.importer.limits import MAX_XML_PART
from collective.thdtre.importer.readers.base import megabytes
from collective.thdtre.importer.readers.base import ParseError
from io import BytesIO
from lxml import etree

import re
import zipfile
import zlib


CHUNK = 1024 * 1024


def check_package(
    data: bytes,
    *,
    max_inflated: int | None = None,
    max_xml_part: int | None = None,
    max_parts: int | None = None,
) -> None:
    """Refuse a .docx that would unpack too large (a zip bomb) before reading it."""
    max_inflated = MAX_INFLATED if max_inflated is None else max_inflated
    max_xml_part = MAX_XML_PART if max_xml_part is None else max_xml_part
    max_parts = MAX_PARTS if max_parts is None else max_parts
    try:
        with zipfile.ZipFile(BytesIO(data)) as package:
            members = package.infolist()
            if len(members) > max_parts:
                raise ParseError("damaged_docx")
            total = sum(member.file_size for member in members)
            if total > max_inflated:
                raise ParseError("docx_too_large", limit_mb=megabytes(max_inflated))
            for member in members:
                xml = member.filename.endswith((".xml", ".rels"))
                if xml and member.file_size > max_xml_part:
                    raise ParseError("docx_too_large", limit_mb=megabytes(max_xml_part))
            for member in members:
                _inflate(package, member)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError):
        raise ParseError("damaged_docx") from None
    except (zlib.error, etree.LxmlError):
        raise ParseError("damaged_docx") from None


def _inflate(package: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Inflate ``member`` a chunk at a time; count the elements of an XML part."""
    counter = _XmlCounter() if member.filename.endswith((".xml", ".rels")) else None
    with package.open(member) as stream:
        while chunk := stream.read(CHUNK):
            if counter is not None:
                counter.add(chunk)
    if counter is not None:
        counter.finish()


class _XmlCounter:
    """Count an XML part's elements and paragraphs as it arrives; build no tree."""

    def __init__(self):
        self.elements = self.paragraphs = 0
        self.parser = etree.XMLParser(
            target=self,
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
            load_dtd=False,
        )

    def add(self, chunk: bytes) -> None:
        self.parser.feed(chunk)
        self.check()

    def finish(self) -> None:
        self.parser.close()
        self.check()

    def check(self) -> None:
        if self.elements > MAX_XML_ELEMENTS:
            raise ParseError("docx_too_complex", limit=MAX_XML_ELEMENTS)
        if self.paragraphs > MAX_PARAGRAPHS:
            raise ParseError("too_long", limit=MAX_PARAGRAPHS)

    # The parser's target interface (lxml calls these as it parses).
    def start(self, tag, attrib, nsmap=None):
        self.elements += 1
        if tag == _P:
            self.paragraphs += 1

    def doctype(self, *args):
        raise ParseError("damaged_docx")

    def end(self, tag):
        pass

    def data(self, data):
        pass

    def comment(self, text):
        pass

    def pi(self, target, data=None):
        pass

    def close(self):
        return None


def read_docx(data: bytes) -> str:
    """Paragraphs and table cells in document order, one paragraph per block.

    Word's automatic numbering is rendered (``1.``, ``a)``, ``-``) because the
    parser reads the outline from those markers. Tables with three or more
    columns (activity tables) become ``| a | b | c |`` rows.
    """
    import docx

    if not data.startswith(b"PK"):
        raise ParseError("damaged_docx")
    check_package(data)
    try:
        document = docx.Document(BytesIO(data))
        numbering = _Numbering(document)
        blocks = list(_docx_blocks(document, numbering))
    except (ParseError, MemoryError):
        raise
    except Exception:
        # A broken package makes python-docx and lxml raise their own classes, but
        # also KeyError, TypeError, IndexError... (the fuzz suite finds them).
        raise ParseError("damaged_docx") from None
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


_P = _w("p")


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
