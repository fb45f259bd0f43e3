"""The frame of an official document (Decree 30/2020): the header with the
issuing bodies, number and dateline, the legal basis it cites, and the
signature block and recipients at its end.

Pure Python. Headers arrive in every shape: two columns side by side, one
column after the other, flattened into table cells with ``|``, words broken
over lines (``ỦY`` / ``BAN NHÂN DÂN``), a legal-text site's metadata block
above them. Each line records where its value came from (``sources``).
"""

from collective.thdtre.importer.outline import BULLETS
from collective.thdtre.importer.outline import DATE
from collective.thdtre.importer.outline import is_upper
from collective.thdtre.importer.outline import iso
from collective.thdtre.importer.outline import Line
from collective.thdtre.importer.outline import marker
from collective.thdtre.importer.outline import to_date

import re


RECIPIENTS_RE = re.compile(r"^Nơi\s+nhận\s*:?\s*(.*)$", re.I)
SIGN_PREFIX = re.compile(r"^(?:TM|KT|TL|TUQ|Q)\s*\.\s*\S")

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
MOTTO_RE = re.compile(
    r"(?:CỘNG\s+)?H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM"
    r"|Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc|DỰ\s+THẢO|^CỘNG$",
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
# The metadata block of a legal-text site: "Người ký Nguyễn Thị Oanh".
METADATA = {
    "signer_name": re.compile(r"^Người ký\s*:?\s*(\S.*)$"),
    "issuing_body": re.compile(r"^Cơ quan ban hành\s*:?\s*(\S.*)$"),
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
        re.match(r"(?:Số|SỐ)\s*:", c) or PLACE_RE.match(c) for c in cells
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
    place = PLACE_RE.search(text)
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
            text = MOTTO_RE.sub(" ", text).strip(" -–_.:|")
            if is_upper(text) and "..." not in text and "…" not in text:
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


def is_name(text: str) -> bool:
    words = text.split()
    return (
        1 < len(words) <= 6
        and all(w[0].isupper() and not w.isupper() for w in words)
        and not re.search(r"[\d:;,.()]", text)
    )


def read_signature(lines: list[str], plan: dict, sources: dict) -> None:
    titles, name = [], None
    for text in lines:
        if re.match(r"\(?\s*(?:đã ký|ký|ký tên|đóng dấu|chữ ký)\b", text, re.I):
            continue
        if is_upper(text) and name is None:
            titles.append(text)
        elif is_name(text):
            name = text
    if len(titles) == 1 and SIGN_PREFIX.match(titles[0]) and " PHÓ " in titles[0]:
        first, _sep, rest = titles[0].partition(" PHÓ ")
        titles = [first, "PHÓ " + rest]
    if titles and SIGN_PREFIX.match(titles[-1]):
        titles.append(None)
    if len(titles) > 1:
        plan["signing_authority"] = " ".join(titles[:-1])
    if titles and titles[-1]:
        plan["signer_title"] = titles[-1]
    if name:
        plan["signer_name"] = sources["signer_name"] = name


def read_tail(lines: list[Line], plan: dict, sources: dict) -> None:
    """Recipients (``Nơi nhận``) and the signature block, in either order."""
    recipients, rest, listing = [], [], False
    for line in lines:
        heading = RECIPIENTS_RE.match(line.text)
        kind, _label, text = marker(line.text)
        if heading:
            listing = True
            text = heading[1]
            kind, _label, text = marker(text) if text else ("p", "", "")
        elif listing and not (kind in BULLETS or text.startswith(("Lưu", "Như"))):
            listing = False
        if listing:
            if text:
                recipients.append(text.rstrip(" ;,"))
        else:
            rest.append(line.text)
    plan["recipients"] = recipients
    read_signature(rest, plan, sources)


def issuer_in(legal_basis: str) -> str | None:
    """``...; Sở Khoa học và Công nghệ xây dựng kế hoạch...``: the issuer, when
    the header table was lost (text copied from a web page or a PDF)."""
    match = re.search(
        rf"(?:^|[;,]\s*)(?P<b>{UNIT_WORDS}\b[^,;:]{{0,80}}?)\s+(?:xây dựng|ban hành)"
        r"\s+[Kk]ế hoạch",
        legal_basis or "",
    )
    return match["b"].strip() if match else None
