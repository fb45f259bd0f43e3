"""The head of an official document (Decree 30/2020): the issuing bodies,
number and dateline, and the legal basis it cites (the end, signature and
recipients, is ``signature.py``).

Pure Python. Headers arrive in every shape: two columns side by side, one
column after the other, flattened into table cells with ``|``, words broken
over lines (``ỦY`` / ``BAN NHÂN DÂN``), a legal-text site's metadata block
above them. Each line records where its value came from (``sources``).
"""

from collective.thdtre.importer.outline import DATE
from collective.thdtre.importer.outline import is_upper
from collective.thdtre.importer.outline import iso
from collective.thdtre.importer.outline import Line
from collective.thdtre.importer.outline import to_date

import re


# "Số: 63/KH-KHCN", "Số: 173-KH/UBND", "Số: /KH- STP", "Số: 9 /KH-UBND"
SO_RE = re.compile(
    r"(?:Số|SỐ)\s*:\s*(?P<num>\d+)?[\s.…_]*(?P<sep>[/-])?\s*"
    r"(?P<sym>(?:\d{4}\s*/\s*)?[A-ZĐ]{2,}(?:\s*[-–/]\s*[A-ZĐ0-9][\w&.]*)*)"
)
PLACE_RE = re.compile(
    r"(?P<place>[^\W\d_][^,:;|]*?)\s*,\s*ngày\s*(?P<d>\d{1,2})?[\s.…_]*"
    r"(?:tháng|/)\s*(?P<m>\d{1,2})?[\s.…_]*(?:năm|/)\s*(?P<y>\d{4})",
    re.I,
)
# "Hòa Bình, 08/5/2015": a dateline in figures
PLACE_NUMERIC = re.compile(
    r"(?P<place>[^\W\d_][^\d,:;|]{0,40}?)\s*,\s*(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})"
    r"\s*/\s*(?P<y>\d{4})\b"
)
MOTTO_RE = re.compile(
    r"(?:CỘNG\s+)?H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM"
    r"|Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc|DỰ\s+THẢO|^CỘNG$"
    # the Party's and the Youth Union's documents print their own motto
    r"|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM|ĐOÀN\s+(?:TNCS|THANH\s+NIÊN\s+CỘNG\s+SẢN)"
    r"\s+HỒ\s+CHÍ\s+MINH",
    re.I,
)
REF_RE = re.compile(
    r"(?:(?P<kind>Kế hoạch|Công văn|Thông tư|Quyết định|Chỉ thị|Nghị định|"
    r"Nghị quyết|Hướng dẫn|Văn bản|Thông báo|Chương trình|Luật)\s+(?:số\s+)?"
    r"|\bsố\s+)(?P<num>\d+(?:\s*[/\-–]\s*[\w&.]+)+)",
    re.I,
)
UNIT_WORDS = (
    r"(?:Sở|Ủy ban|Uỷ ban|UBND|Phòng|Trung tâm|Ban|Hội|Bộ|Văn phòng|Cục|Chi cục|"
    r"Liên đoàn|Tỉnh đoàn|Thành đoàn|Huyện đoàn|Công đoàn|Đoàn|Bệnh viện|Trường)"
)
ISSUER_IN_LEGAL = re.compile(
    rf"(?:^|[;,]\s*)(?P<b>{UNIT_WORDS}\b[^,;:]{{0,80}}?)\s+(?:xây dựng|ban hành)"
    r"\s+[Kk]ế hoạch"
)
# The metadata block of a legal-text site: "Người ký Nguyễn Thị Oanh".
METADATA = {
    "signer_name": re.compile(r"^Người ký\s*:?\s*(\S.*)$"),
    "issuing_body": re.compile(r"^(?:Cơ quan|Nơi) ban hành\s*:?\s*(\S.*)$"),
}
ORG_UPPER = r"(?:SỞ|PHÒNG|BAN|TRUNG TÂM|TRƯỜNG|HỘI|BỆNH VIỆN|VĂN PHÒNG|CHI CỤC|CỤC)\b"
AREA = r"(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)"


def document_number(text: str) -> str:
    """``28/2019/TT- BLĐTBXH,`` → ``28/2019/TT-BLĐTBXH``."""
    return re.sub(r"\s*([/\-–])\s*", r"\1", text).replace("–", "-").strip(" .,;:)")


def is_header_line(text: str) -> bool:
    """A line only a document's header prints: motto, number, dateline (a
    sentence citing ``Kế hoạch số 26/KH-UBND, ngày 11/4/2024`` is not one)."""
    if len(text) > 160:
        return False
    cells = [c.strip() for c in text.split("|")]
    return bool(MOTTO_RE.search(text)) or any(
        re.match(r"(?:Số|SỐ)\s*:", c) or PLACE_RE.match(c) or PLACE_NUMERIC.fullmatch(c)
        for c in cells
    )


def header_start(lines: list[Line], end: int) -> int:
    """Where the header begins: the bodies just above the motto (or the number),
    not the page furniture above them."""
    anchor = next((i for i in range(end) if MOTTO_RE.search(lines[i].text)), None)
    if anchor is None:
        anchor = next((i for i in range(end) if SO_RE.search(lines[i].text)), None)
    if anchor is None:
        return max(0, end - 4)
    start = anchor
    while start > 0 and start > anchor - 8:
        text = lines[start - 1].text.strip(" |")
        if text and not (is_upper(text) or is_header_line(text)):
            break
        start -= 1
    return start


def read_number(text: str, plan: dict) -> str:
    """Number and symbol from a ``Số:`` line; the line without them."""
    so = SO_RE.search(text)
    if not so or "symbol" in plan:
        return text
    plan["number"] = int(so["num"]) if so["num"] else None
    plan["symbol"] = document_number(so["sym"])
    plan["document_number"] = (
        f"{so['num'] or ''}{so['sep'] or '/'}{plan['symbol']}"
        if so["num"] or so["sep"]
        else plan["symbol"]
    )
    return text[: so.start()] + " " + text[so.end() :]


def read_dateline(text: str, plan: dict) -> str:
    """Place and date from ``Bắc Giang, ngày 17 tháng 4 năm 2024``."""
    place = PLACE_RE.search(text) or PLACE_NUMERIC.match(text.strip())
    if not place or "issue_place" in plan:
        return text
    words = place["place"].split()
    while len(words) > 4 and is_upper(words[0]):
        words.pop(0)
    plan["issue_place"] = " ".join(words).strip(". ") or None
    day = to_date(f"{place['d']}/{place['m']}/{place['y']}")
    plan["issue_date"] = iso(day) if place["d"] else None
    plan["_issue_year"] = int(place["y"])
    return text[: place.start()]


def read_header(
    lines: list[Line], plan: dict, sources: dict, front: list[Line] = ()
) -> None:
    """Bodies, number, place and date from the header's lines; what a
    legal-text site's metadata block (``front``) says fills the gaps."""
    bodies, metadata = [], {}
    for line in [*front, *lines]:
        for name, regex in METADATA.items():
            found = regex.match(line.text)
            if found:
                metadata[name] = (found[1].strip(), line.text)
        if line in front:
            continue
        for cell in line.text.split("|"):
            before = dict(plan)
            text = read_dateline(read_number(cell, plan), plan)
            for field in ("symbol", "issue_place"):
                if field in plan and field not in before:
                    sources[field] = line.text
            if re.search(r"\.{3}|…", text):
                continue  # a template's blank ("TRƯỜNG ..........."), not a body
            text = MOTTO_RE.sub(" ", text).strip(" -–_.:|")
            if is_upper(text):
                bodies.append((" ".join(text.split()), line.text))
    merged = merge_bodies(bodies)
    if merged:
        plan["issuing_body"], sources["issuing_body"] = merged[-1]
    if len(merged) > 1:
        plan["parent_body"], sources["parent_body"] = merged[-2]
    for name, (value, source) in metadata.items():
        if not plan.get(name) and value:
            plan[name], sources[name] = value, source


def merge_bodies(bodies: list[tuple]) -> list[tuple]:
    """``ỦY`` + ``BAN NHÂN DÂN`` + ``TỈNH BẮC GIANG`` → one body."""
    merged = []
    for body, source in bodies:
        if not merged:
            merged.append((body, source))
            continue
        last = merged[-1][0]
        council = re.fullmatch(r"(ỦY|UỶ) BAN NHÂN DÂN|UBND", last)
        # a name broken over lines: "ỦY" / "BAN NHÂN DÂN", "UBND TỈNH" / "THANH HÓA"
        broken = last in ("ỦY", "UỶ", "UBND", "SỞ") or (
            re.search(rf"\b{AREA}$", last) and not re.match(ORG_UPPER, body)
        )
        if (
            broken
            or (council and re.match(rf"{AREA}\b", body))
            or body.startswith(("VÀ ", "& "))
        ):
            merged[-1] = (f"{last} {body}", merged[-1][1])
        else:
            merged.append((body, source))
    return merged


def legal_refs(text: str) -> list[dict]:
    refs = []
    for match in REF_RE.finditer(text):
        number = document_number(match["num"])
        if not re.search(r"[A-ZĐ]", number) or any(r["number"] == number for r in refs):
            continue
        after = text[match.end() : match.end() + 60]
        when = re.match(rf"[\s,]*(?:ban hành\s+)?ngày\s+({DATE})", after, re.I)
        kind = (match["kind"] or "").capitalize() or None
        refs.append(
            {"number": number, "date": iso(to_date(when[1])) if when else None}
            | {"kind": kind}
        )
    return refs


def issuer_in(legal_basis: str) -> str | None:
    """``...; Sở Khoa học và Công nghệ xây dựng kế hoạch...``: the issuer, when
    the header table was lost (text copied from a web page or a PDF)."""
    match = ISSUER_IN_LEGAL.search(legal_basis or "")
    return match["b"].strip() if match else None
