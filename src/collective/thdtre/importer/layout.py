"""Cut a document's lines into its parts, in the order Decree 30/2020 prints
them: header, type and summary, legal basis, body, signature and recipients,
appendix. Pure Python.
"""

from collective.thdtre.importer.header import header_start
from collective.thdtre.importer.header import is_header_line
from collective.thdtre.importer.header import MOTTO_RE
from collective.thdtre.importer.header import SO_RE
from collective.thdtre.importer.outline import is_upper
from collective.thdtre.importer.outline import Line
from collective.thdtre.importer.outline import marker
from collective.thdtre.importer.outline import section_heading
from collective.thdtre.importer.signature import is_name
from collective.thdtre.importer.signature import RECIPIENTS_RE
from collective.thdtre.importer.signature import SIGN_PREFIX
from typing import NamedTuple

import re


# The fields of a plan, as ``IPlan`` names them.
PLAN_FIELDS = (
    "title number symbol parent_body issuing_body issue_place issue_date year theme "
    "period_start period_end scope legal_basis purpose requirements text budget "
    "implementation signing_authority signer_title signer_name recipients "
    "report_deadline report_recipient"
).split()
LEGAL_START = re.compile(r"^(?:Căn cứ|Thực hiện|Triển khai thực hiện|Theo)\b")
APPENDIX_RE = re.compile(r"^(?:PHỤ LỤC|Phụ lục)\b")


class Layout(NamedTuple):
    """The parts of a document, in the order Decree 30/2020 prints them."""

    kind: str  # "plan" (KẾ HOẠCH) or "report" (BÁO CÁO)
    front: list  # what a page prints above the header (a site's metadata)
    header: list  # bodies, number and symbol, place and date
    summary: str | None  # the line(s) under KẾ HOẠCH
    legal: list  # Căn cứ / Thực hiện paragraphs
    body: list  # the numbered sections
    tail: list  # recipients and signature, in either order
    appendix: list  # Phụ lục


HEADING_RE = re.compile(
    r"^(?P<type>KẾ\s*HOẠCH|BÁO\s*CÁO)\b\s*[:\-–]?\s*(?P<rest>.*)$"
    r"|^(?P<alone>Kế\s+hoạch)$"  # a copy that lost the capitals
)


def document_heading(lines: list[Line]) -> tuple[int | None, str, str]:
    """Index, rest of line and kind of the ``KẾ HOẠCH`` (or, under a header,
    ``BÁO CÁO``) line."""
    headed = any(is_header_line(line.text) for line in lines)
    for index, line in enumerate(lines):
        match = HEADING_RE.match(line.text)
        if not match:
            continue
        if match["alone"]:
            return index, "", "plan"
        if match["rest"] and not headed and len(match["rest"].split()) > 3:
            continue  # a news headline in capitals, not a document's type line
        if match["type"].startswith("K"):
            return index, match["rest"], "plan"
        if any(is_header_line(x.text) for x in lines[max(0, index - 8) : index]):
            return index, match["rest"], "report"
    return None, "", "plan"


def number_at(lines: list[Line]) -> tuple[int | None, str]:
    """The ``Số:`` line of a plan (``.../KH-...``), or of another official
    document when the national motto stands near it; and the kind it names."""
    for index, line in enumerate(lines):
        so = SO_RE.search(line.text)
        if not so:
            continue
        if re.match(r"(?:\d{4}/)?KH", so["sym"]):
            return index, "plan"
        near = lines[max(0, index - 4) : index + 4]
        if any(MOTTO_RE.search(x.text) for x in near):
            return index, "report" if so["sym"].startswith("BC") else "letter"
    return None, "plan"


def header_below(lines: list[Line], i: int) -> bool:
    """Whether line ``i`` belongs to a header printed below the title: a
    number, dateline or motto, or a body's name in capitals just above one."""
    for line in lines[i : i + 4]:
        if is_header_line(line.text):
            return True
        if not is_upper(line.text):
            return False
    return False


def layout(lines: list[Line]) -> Layout | None:
    """Cut a document's lines into its parts; None when it is not one."""
    at, rest, kind = document_heading(lines)
    so_at, so_kind = number_at(lines)
    if at is None and so_at is None:
        return None
    if at is None:  # no "KẾ HOẠCH" line: the summary follows the number and date
        kind, at = so_kind, so_at + 1
        while at < len(lines) and is_header_line(lines[at].text):
            at += 1
        i = at
    else:
        i = at + 1
        if is_upper(rest) and len(rest.split()) <= 3:  # "KẾ HOẠCH PHỐI HỢP"
            rest = ""
    begin = header_start(lines, at)
    header = lines[begin:at]
    summary = [rest] if rest else []
    while i < len(lines):
        text, blank = lines[i].text, lines[i].blank_before
        if section_heading(text, True) or marker(text)[0] != "p":
            break
        if header_below(lines, i) or "|" in text:  # the header after the title
            break
        if summary and (blank or LEGAL_START.match(text) or summary[-1][-1] in ".:;"):
            break
        if len(" ".join([*summary, text])) > 250 or text.startswith("Căn cứ"):
            break
        summary.append(re.sub(r"^(?:V/v|Về việc)\s+", "", text))
        i += 1
    while i < len(lines) and header_below(lines, i):
        header.append(lines[i])
        i += 1
    legal_at = i
    if i < len(lines) and re.match(r"Kính\s+gửi\b", lines[i].text):  # a letter
        i += 1
        while i < len(lines) and marker(lines[i].text)[0] in ("dash", "plus", "dot"):
            i += 1
    romans = any(marker(line.text)[0] == "roman" for line in lines)
    start = next(
        (j for j in range(i, len(lines)) if section_heading(lines[j].text, romans)),
        next((j for j in range(i, len(lines)) if marker(lines[j].text)[0] != "p"), i),
    )
    appendix = next(
        (j for j in range(start, len(lines)) if APPENDIX_RE.match(lines[j].text)
         and len(lines[j].text.split()) <= 12),
        len(lines),
    )  # fmt: skip
    end = body_end(lines, start, appendix)
    return Layout(
        kind=kind,
        front=lines[:begin],
        header=header,
        summary=" ".join(summary) or None,
        legal=[line.text for line in lines[legal_at:start]],
        body=lines[start:end],
        tail=lines[end:appendix],
        appendix=lines[appendix:],
    )


def body_end(lines: list[Line], start: int, stop: int) -> int:
    """Where the body ends: ``./.``, ``Nơi nhận`` or the signature block."""
    for index in range(start, stop):
        text = lines[index].text
        if RECIPIENTS_RE.match(text) or (SIGN_PREFIX.match(text) and is_upper(text)):
            return index
        if text.endswith("/."):
            return index + 1
    index = stop
    if index > start and is_name(lines[index - 1].text):
        index -= 1
        while index > start and is_upper(lines[index - 1].text):
            index -= 1
    return index if index < stop - 1 else stop
