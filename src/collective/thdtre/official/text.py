"""A plan's text as written, cut into the parts the official layout places.

The header (issuing body, number, motto, place and date), the document type and
the summary, and the recipients and signature are laid out from the plan's
fields; the body between them, and any appendix after the signature, are kept
exactly as the document words them, paragraph by paragraph, numbering included.
"""

from dataclasses import dataclass

import re


_MARKUP = re.compile(r"\*+|__|^#+\s*|^>\s*")
_TYPE_LINE = re.compile(r"^K[ẾE] HO[ẠA]CH( PHỐI HỢP| LIÊN TỊCH| LIÊN NGÀNH)?$")
_RECIPIENTS = re.compile(r"^N[ơo]i nh[ậa]n\s*:?", re.IGNORECASE)
_SIGNING = re.compile(r"^(TM|KT|TL|TUQ)\.\s|^(CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG PHÒNG)$")
_APPENDIX = re.compile(r"^PH[ỤU] L[ỤU]C\b", re.IGNORECASE)
# Heading levels by numbering: I. / 1. / 1.1. or a) ; "-" and "+" are list items.
_LEVELS = (
    (1, re.compile(r"^[IVX]{1,5}\s*[.:/-]\s*\S")),
    (3, re.compile(r"^\d+\.\d+\.?(\d+\.?)*\s+\S")),
    (2, re.compile(r"^\d{1,2}\s*[.)/]\s*\S")),
    (3, re.compile(r"^[a-zđ]\)\s*\S")),
)
_SHORT = 120  # a numbered line this long or less is a heading, longer is a paragraph


@dataclass(frozen=True)
class Block:
    """One paragraph of the document: ``kind`` is heading or para, ``level`` 1-3."""

    text: str
    kind: str = "para"
    level: int = 0


def clean_line(line: str) -> str:
    """A line without Markdown marks and with single spaces."""
    return " ".join(_MARKUP.sub("", line.strip()).replace("**", "").split())


def block_of(line: str) -> Block:
    for level, pattern in _LEVELS:
        if pattern.match(line):
            if len(line) <= _SHORT or level == 1:
                return Block(line, "heading", level)
            return Block(line, "para", level)
    return Block(line)


def blocks_of(text: str) -> list[Block]:
    """Every non-empty line of ``text`` as a block, in order."""
    lines = (clean_line(line) for line in (text or "").splitlines())
    return [block_of(line) for line in lines if line]


@dataclass
class Parts:
    """The text as written, cut where the official layout takes over."""

    head: list[str]
    body: list[str]
    tail: list[str]
    appendix: list[str]


def _first(lines, pattern, start=0):
    for i in range(start, len(lines)):
        if pattern.match(lines[i]):
            return i
    return None


_BODY_START = re.compile(r"^(Căn cứ|Thực hiện|Để|Nhằm|Theo|Triển khai)\b")


def _summary_lines(kept: list[str], start: int, title: str | None) -> int:
    """How many lines after KẾ HOẠCH the summary takes (it may wrap)."""
    wanted = " ".join((title or "").casefold().split())
    count = 0
    for line in kept[start : start + 4]:
        folded = line.casefold()
        if wanted:
            if folded not in wanted:
                break
        elif _BODY_START.match(line) or block_of(line).kind == "heading":
            break
        count += 1
        if not wanted:
            break  # without the summary, take one line: the body starts after it
    return max(count, 1)


_HEADER = re.compile(
    r"^Số\s*:|CỘNG H[OÒ]A XÃ HỘI|Độc lập\s*-\s*Tự do|ĐOÀN TNCS|ĐẢNG CỘNG SẢN"
    r"|, ngày .{0,12}tháng .{0,6}năm \d{4}\W*$"
)


def is_header_line(line: str) -> bool:
    """A line of the header (number, motto, place and date, an issuer in capitals)."""
    if _HEADER.search(line):
        return True
    letters = [c for c in line if c.isalpha()]
    return (
        bool(letters)
        and len(line) <= 60
        and all(c.isupper() for c in letters)
        and block_of(line).kind == "para"
        and not _APPENDIX.match(line)
        and not _SIGNING.match(line)
    )


def _title_line(kept: list[str], title: str | None) -> int | None:
    """Without a KẾ HOẠCH line (lost by the copy), the line before the summary."""
    wanted = " ".join((title or "").casefold().split())
    if not wanted:
        return None
    for i, line in enumerate(kept[:60]):
        if len(line) > 10 and wanted.startswith(line.casefold()):
            return i - 1
    return None


def split_document(text: str, *, title: str | None = None) -> Parts:
    """Cut a plan's text into header, body, signature part and appendix.

    ``title`` (the summary as parsed) tells where a summary that wraps ends.
    """
    kept = [line for line in (clean_line(line) for line in text.splitlines()) if line]
    kind = _first(kept, _TYPE_LINE)
    if kind is None:
        kind = _title_line(kept, title)
    if kind is None:
        return Parts([], kept, [], [])
    start = min(kind + 1 + _summary_lines(kept, kind + 1, title), len(kept))
    while start < len(kept) and is_header_line(kept[start]):
        start += 1  # a PDF's reading order may put the header after the summary
    ends = [_first(kept, pattern, start) for pattern in (_RECIPIENTS, _SIGNING)]
    end = min((i for i in ends if i is not None), default=None)
    if end is None:
        return Parts(kept[:start], kept[start:], [], [])
    appendix = _first(kept, _APPENDIX, end)
    if appendix is None:
        appendix = len(kept)
    return Parts(kept[:start], kept[start:end], kept[end:appendix], kept[appendix:])


def body_text(text: str, *, title: str | None = None) -> str:
    """The body and appendix of a plan's text, as kept on the plan."""
    parts = split_document(text or "", title=title)
    body = "\n".join(parts.body)
    if parts.appendix:
        body += "\n\n" + "\n".join(parts.appendix)
    return body


def body_and_appendix(stored: str) -> tuple[list[Block], list[Block]]:
    """The stored text back as blocks of the body and of the appendix."""
    lines = (stored or "").splitlines()
    appendix = _first([clean_line(line) for line in lines], _APPENDIX)
    if appendix is None:
        return blocks_of(stored), []
    return blocks_of("\n".join(lines[:appendix])), blocks_of(
        "\n".join(lines[appendix:])
    )
