"""The parts of a plan document (Decree 30/2020): header, legal basis,
signature block and recipients, activities, slogans and the report deadline.

Pure Python; each function reads one part from lines or from the outline.
"""

from collective.thdtre.importer.outline import BULLETS
from collective.thdtre.importer.outline import DATE
from collective.thdtre.importer.outline import find
from collective.thdtre.importer.outline import first_clause
from collective.thdtre.importer.outline import is_upper
from collective.thdtre.importer.outline import iso
from collective.thdtre.importer.outline import Line
from collective.thdtre.importer.outline import marker
from collective.thdtre.importer.outline import Node
from collective.thdtre.importer.outline import PERIOD_RE
from collective.thdtre.importer.outline import section_heading
from collective.thdtre.importer.outline import sections
from collective.thdtre.importer.outline import to_date
from datetime import date
from typing import NamedTuple

import re


LEGAL_START = re.compile(r"^(?:Căn cứ|Thực hiện|Triển khai thực hiện|Theo)\b")
APPENDIX_RE = re.compile(r"^(?:PHỤ LỤC|Phụ lục)\b")
RECIPIENTS_RE = re.compile(r"^Nơi\s+nhận\s*:?\s*(.*)$", re.I)
SIGN_PREFIX = re.compile(r"^(?:TM|KT|TL|TUQ|Q)\s*\.\s*\S")

# -- header, legal basis, signature ----------------------------------------------

SO_RE = re.compile(
    r"(?:Số|SỐ)\s*:\s*(?P<num>\d+)?[\s.…_]*/?\s*"
    r"(?P<sym>KH(?:\s*[-–]\s*[^\s,;/–-]+)+)"
)
PLACE_RE = re.compile(
    r"(?P<place>[^\W\d_][^,:;|]*?)\s*,\s*ngày\s*(?P<d>\d{1,2})?[\s.…_]*"
    r"(?:tháng|/)\s*(?P<m>\d{1,2})?[\s.…_]*(?:năm|/)\s*(?P<y>\d{4})",
    re.I,
)
MOTTO_RE = re.compile(
    r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM"
    r"|Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc|DỰ\s+THẢO",
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


def document_number(text: str) -> str:
    """``28/2019/TT- BLĐTBXH,`` → ``28/2019/TT-BLĐTBXH``."""
    return re.sub(r"\s*([/\-–])\s*", r"\1", text).replace("–", "-").strip(" .,;:)")


def read_header(lines: list[Line], plan: dict) -> None:
    bodies = []
    for line in lines:
        text = line.text
        so = SO_RE.search(text)
        if so and "symbol" not in plan:
            plan["number"] = int(so["num"]) if so["num"] else None
            plan["symbol"] = document_number(so["sym"]).replace("–", "-")
            text = text[: so.start()] + " " + text[so.end() :]
        place = PLACE_RE.search(text)
        if place and "issue_place" not in plan:
            words = place["place"].split()
            while len(words) > 4 and is_upper(words[0]):
                words.pop(0)
            plan["issue_place"] = " ".join(words)
            day = to_date(f"{place['d']}/{place['m']}/{place['y']}")
            plan["issue_date"] = iso(day) if place["d"] else None
            plan["_issue_year"] = int(place["y"])
            text = text[: place.start()]
        text = MOTTO_RE.sub(" ", text).strip(" -–_.:|")
        if is_upper(text):
            bodies.append(" ".join(text.split()))
    merged = []
    for body in bodies:
        area = re.match(
            r"(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)\b", body
        )
        council = merged and re.fullmatch(r"(ỦY|UỶ) BAN NHÂN DÂN|UBND", merged[-1])
        if merged and ((area and council) or body.startswith(("VÀ ", "& "))):
            merged[-1] += " " + body
        else:
            merged.append(body)
    if merged:
        plan["issuing_body"] = merged[-1]
    if len(merged) > 1:
        plan["parent_body"] = merged[-2]


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


def read_signature(lines: list[str], plan: dict) -> None:
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
        plan["signer_name"] = name


def read_tail(lines: list[Line], plan: dict) -> None:
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
    read_signature(rest, plan)


# -- activities, slogans, report ---------------------------------------------------

LABEL_RE = re.compile(
    r"(?:^|(?<=[;.(])\s*)(?P<label>(?:đơn vị|cơ quan)\s+(?:chủ trì|phối hợp)"
    r"|chủ trì|phối hợp|thời gian(?:\s+thực hiện|\s+tổ chức)?)\s*:\s*",
    re.I,
)


def labelled(text: str) -> tuple[str, dict]:
    """``Đơn vị chủ trì: X; Đơn vị phối hợp: Y`` → text before, ``{label: value}``."""
    found = list(LABEL_RE.finditer(text))
    values = {}
    for match, after in zip(found, found[1:] + [None], strict=False):
        value = text[match.end() : after.start() if after else len(text)]
        label = match["label"].casefold()
        kind = "lead" if "chủ trì" in label else "coord" if "phối" in label else "time"
        values[kind] = value.strip(" .;,)")
    return (text[: found[0].start()].strip() if found else text), values


def units(value: str) -> list[str]:
    """Split a list of units; commas inside a name (``Lao động, Thương binh``) stay."""
    out = []
    for part in re.split(r"\s*;\s*" if ";" in value else r"\s*,\s*", value or ""):
        part = part.strip(" .")
        if part and out and (part[0].islower() or part.startswith("Thương binh")):
            out[-1] += ", " + part
        elif part:
            out.append(part)
    return out


def dates_of(value: str, year: int | None):
    period = PERIOD_RE.search(value or "")
    if period:
        end = to_date(period[2], year)
        return to_date(period[1], end.year if end else year), end
    month = re.search(r"tháng\s+(\d{1,2})\s*(?:/|năm)\s*(\d{4})", value or "", re.I)
    if month:
        first = to_date(f"1/{month[1]}/{month[2]}")
        if first:
            nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, date.fromordinal(nxt.toordinal() - 1)
    single = re.search(rf"({DATE})", value or "")
    day = to_date(single[1], year) if single else None
    before = re.search(r"trước|chậm nhất", value or "", re.I)
    return (None if before else day), day


def activity(node: Node, year: int | None, shared: dict) -> dict:
    title_text, values = labelled(node.text)
    lines = [title_text] if title_text else []
    for child in node.walk():
        before, found = labelled(child.text)
        values = found | values
        if before or not found:
            lines.append(child.raw if not found else before)
    heading = bool(node.children) and node.is_heading
    values = shared | values
    start, end = dates_of(values.get("time"), year)
    return {
        "title": first_clause(title_text or node.text),
        "description": "\n".join(lines[1:] if heading and title_text else lines)
        or None,
        "lead_unit": values.get("lead") or None,
        "coordinating_units": units(values.get("coord", "")),
        "start": iso(start),
        "end": iso(end),
    }


COLUMNS = (
    ("title", ("nội dung", "hoạt động")),
    ("lead", ("chủ trì",)),
    ("coord", ("phối hợp",)),
    ("time", ("thời gian",)),
)


def _names(text: str, words) -> bool:
    return any(word in text for word in words)


def table_activities(rows: list[Node], year: int | None) -> list[dict]:
    """Activities from a table whose header names the contents and the units."""
    columns, out = None, []
    for row in rows:
        cells = [c.strip() for c in row.text.strip("|").split("|")]
        keys = [c.casefold() for c in cells]
        if columns is None:
            if any(w in k for k in keys for w in COLUMNS[0][1]):
                columns = {
                    name: next(
                        (i for i, k in enumerate(keys) if _names(k, words)), None
                    )
                    for name, words in COLUMNS
                }
            continue
        value = {
            name: cells[i] if i is not None and i < len(cells) else ""
            for name, i in columns.items()
        }
        title = value["title"]
        if title and not re.fullmatch(r":?-+:?", title) and not is_upper(title):
            start, end = dates_of(value["time"], year)
            out.append(
                {
                    "title": first_clause(title),
                    "description": title if first_clause(title) != title else None,
                    "lead_unit": value["lead"] or None,
                    "coordinating_units": units(value["coord"]),
                    "start": iso(start),
                    "end": iso(end),
                }
            )
    return out


ACTIVITY_HEADS = ("nội dung", "các hoạt động", "hoạt động chính", "hoạt động cụ thể")
NOT_ACTIVITIES = (
    "chủ đề",
    "thời gian",
    "phạm vi",
    "khẩu hiệu",
    "thông điệp",
    "kinh phí",
)


def activities(root: Node, year: int | None) -> list[dict]:
    """The items of the contents section (or of its ``Nội dung thực hiện``
    part); units given once for the whole list apply to every item."""
    contents = [s for s in sections(root) if s.section() == "contents"]
    for section in contents or [find(root, *ACTIVITY_HEADS[1:])]:
        if section is None:
            continue
        rows = [n for n in section.walk() if n.kind == "row"]
        if rows:
            return table_activities(rows, year)
        group = section
        # "II. NỘI DUNG" may hold the theme and the slogans beside its activities
        if any(_names(c.key(), NOT_ACTIVITIES) for c in section.children):
            group = next(
                (
                    c
                    for c in section.children
                    if c.children
                    and c.key().startswith(ACTIVITY_HEADS)
                    and not _names(c.key(), NOT_ACTIVITIES)
                ),
                section,
            )
        shared = {}
        for child in group.children:
            if child.kind == "p":
                shared |= labelled(child.text)[1]
        items = [
            activity(c, year, shared)
            for c in group.children
            if c.kind not in ("p", "row")
            and not (c.is_heading and _names(c.key(), NOT_ACTIVITIES))
        ]
        if items:
            return items
    return []


# -- layout -----------------------------------------------------------------------


class Layout(NamedTuple):
    """The parts of a plan document, in the order Decree 30/2020 prints them."""

    header: list  # bodies, number and symbol, place and date
    summary: str | None  # the line(s) under KẾ HOẠCH
    legal: list  # Căn cứ / Thực hiện paragraphs
    body: list  # the numbered sections
    tail: list  # recipients and signature, in either order
    appendix: list  # Phụ lục


def plan_heading(lines: list[Line]) -> tuple[int | None, str]:
    for index, line in enumerate(lines):
        match = re.match(r"^KẾ\s*HOẠCH\b\s*[:\-–]?\s*(.*)$", line.text)
        if match:
            return index, match[1]
    return None, ""


def layout(lines: list[Line]) -> Layout | None:
    """Cut a plan's lines into its parts; None when it is not a plan."""
    at, rest = plan_heading(lines)
    so_at = next((i for i, line in enumerate(lines) if SO_RE.search(line.text)), None)
    if at is None and so_at is None:
        return None
    if at is None:  # no "KẾ HOẠCH" line: the summary follows the place and date
        place = so_at + 1 < len(lines) and PLACE_RE.search(lines[so_at + 1].text)
        at = i = so_at + (2 if place else 1)
    else:
        i = at + 1
    summary = [rest] if rest else []
    while i < len(lines):
        text, blank = lines[i].text, lines[i].blank_before
        if section_heading(text, True) or marker(text)[0] != "p":
            break
        if summary and (blank or LEGAL_START.match(text) or summary[-1][-1] in ".:;"):
            break
        if len(" ".join([*summary, text])) > 250 or text.startswith("Căn cứ"):
            break
        summary.append(text)
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
        header=lines[:at],
        summary=" ".join(summary) or None,
        legal=[line.text for line in lines[i:start]],
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


def issuer_in(legal_basis: str) -> str | None:
    """``...; Sở Khoa học và Công nghệ xây dựng kế hoạch...``: the issuer, when
    the header table was lost (text copied from a web page or a PDF)."""
    match = re.search(
        rf"(?:^|[;,]\s*)(?P<b>{UNIT_WORDS}\b[^,;:]{{0,80}}?)\s+(?:xây dựng|ban hành)"
        r"\s+[Kk]ế hoạch",
        legal_basis or "",
    )
    return match["b"].strip() if match else None
