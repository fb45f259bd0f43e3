"""HTML (.html, .htm, a fetched page): the main content, as trafilatura finds it.

Menus, banners, footers and related links are left out by trafilatura, a
maintained main-content extractor. Before it runs, layout tables (a header laid
out as two cells: issuing body and number left, motto and date right) become
their cells one after the other, as ``docx`` does with Word's header tables;
tables of three or more columns (activities) stay tables and come out as
``| a | b | c |`` rows.

Bounded by size (``MAX_BYTES``) and by the number of elements
(``MAX_ELEMENTS``): lxml and trafilatura are linear in both.
"""

from collective.thdtre.importer.readers.base import megabytes
from collective.thdtre.importer.readers.base import ParseError

import functools
import re


HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
MAX_BYTES = 5 * 1024 * 1024
MAX_ELEMENTS = 100_000
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
# The page is the document itself: its motto, its "KẾ HOẠCH" line or its number.
DOCUMENT_START = re.compile(
    r"^(?:CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|KẾ HOẠCH\s*$|Số\s*:)", re.M
)


def read_html(data: bytes, *, max_bytes: int = MAX_BYTES) -> str:
    """The main text of an HTML page, one paragraph per block."""
    import lxml.etree
    import lxml.html

    if len(data) > max_bytes:
        raise ParseError("too_large", limit_mb=megabytes(max_bytes))
    markup = decode_html(data)
    try:
        tree = lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError):
        raise ParseError("empty") from None
    if sum(1 for _element in tree.iter()) > MAX_ELEMENTS:
        raise ParseError("too_large", limit_mb=megabytes(max_bytes))
    unwrap_layout_tables(tree)
    text, title = extract(tree)
    if title and title not in text[:2000] and not DOCUMENT_START.search(text[:600]):
        # A news page's headline often sits outside the article's body.
        text = f"{title}\n\n{text}"
    return text


def decode_html(data: bytes) -> str:
    """The page as text: its BOM, its ``<meta charset>``, else UTF-8, else cp1258."""
    from collective.thdtre.importer.readers.text import decode_text

    declared = CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            markup = data.decode(declared[1].decode("ascii").lower())
        except (LookupError, UnicodeDecodeError):
            markup = decode_text(data)
    else:
        markup = decode_text(data)
    # lxml refuses text that still declares its byte encoding.
    return re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)


def unwrap_layout_tables(tree) -> None:
    """Replace tables of one or two columns by their cells' content, in order."""
    for table in reversed(list(tree.iter("table"))):  # inner tables first
        rows = [row for row in table.iter("tr") if _owner(row) is table]
        width = max((len(_cells(row)) for row in rows), default=0)
        first = rows[0].text_content().casefold() if rows else ""
        if width >= 3 or "chủ trì" in first:
            continue
        blocks = []
        for row in rows:
            for cell in _cells(row):
                cell.tag = "div"
                blocks.append(cell)
        parent = table.getparent()
        if parent is None:
            continue
        index = parent.index(table)
        tail = table.tail
        parent.remove(table)
        for offset, block in enumerate(blocks):
            parent.insert(index + offset, block)
        if blocks:
            blocks[-1].tail = tail


def _owner(row):
    node = row.getparent()
    while node is not None and node.tag != "table":
        node = node.getparent()
    return node


def _cells(row) -> list:
    return [cell for cell in row if cell.tag in ("td", "th")]


@functools.cache
def settings():
    """trafilatura's settings with our bound on the number of elements."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_ELEMENTS))
    return config


def extract(tree) -> tuple[str, str | None]:
    """trafilatura's main text of ``tree`` and the page's title."""
    import trafilatura

    document = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_tables=True,
        include_comments=False,
        favor_recall=True,
        config=settings(),
    )
    text = (document.text or "") if document is not None else ""
    title = (document.title or "").strip() if document is not None else None
    if not text.strip():
        # Too little for trafilatura's article heuristics: every text block.
        text = trafilatura.baseline(tree)[1] or ""
    lines = [line.strip() for line in text.split("\n")]
    return "\n\n".join(line for line in lines if line), title or None
