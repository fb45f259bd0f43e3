"""What a news article says about the document it reports on: who issued it,
its number and date, its subject, who signed it.

The article's own document is the one its issuer *issues* ("UBND tỉnh vừa ban
hành Kế hoạch số 48/KH-UBND ngày ..."), never one it implements or cites
("Thực hiện Kế hoạch số 285/KH-UBND ..."). Pure Python.
"""

from collective.thdtre.importer.header import document_number
from collective.thdtre.importer.outline import DATE
from collective.thdtre.importer.outline import iso
from collective.thdtre.importer.outline import to_date
from collective.thdtre.importer.prose import Found
from typing import NamedTuple

import re


# capital letters, Vietnamese ones included (a range like À-Ỹ holds small ones too)
UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x1EFA)) if c.isupper())
LOWER = "a-z" + "".join(c for c in map(chr, range(0xC0, 0x1EFA)) if c.islower())
CAP = rf"[{UPPER}]"
# Bodies that issue, organise and sign: capitalised, or "ủy ban nhân dân" and
# "hội LHPN" as news prose writes them.
ORG = (
    r"(?:[UỦ][yỷ]\s+ban\s+[Nn]hân\s+[Dd]ân|UBND|Sở|Phòng|Trung\s+tâm|Ban|Hội(?:\s+đồng)?"
    r"|Bộ|Văn\s+phòng|Cục|Chi\s+cục|Liên\s+đoàn|Tỉnh\s+[Đđ]oàn|Thành\s+[Đđ]oàn"
    r"|Huyện\s+[Đđ]oàn|Công\s+đoàn|Đoàn|Bệnh\s+viện|Trường|Quỹ|Mặt\s+trận"
    rf"|[uủ][yỷ]\s+ban\s+nhân\s+dân|hội(?=\s+[{UPPER}]{{2,}}))"
    r"(?!\w)(?!,?\s+(?:trưởng|phó|viên|hợp|kết|thể|chống)\b)"
)
AREA = (
    r"(?:[Hh]uyện|[Xx]ã|[Tt]ỉnh|[Tt]hành\s+phố|[Qq]uận|[Pp]hường|[Tt]hị\s+xã)"
    rf"(?=\s+{CAP})"
)
NAME_PART = r"(?:[^.;:!?\n]|\.(?=\S))"  # "TP.Hồ Chí Minh", "T.P Thái Nguyên"
ISSUES = r"(?:ký\s+ban\s+hành|ban\s+hành|bán\s+hành|ký|xây\s+dựng|thông\s+báo|có)"
ACTS = (
    rf"(?:{ISSUES}|tổ\s+chức|phát\s+động|triển\s+khai|phối\s+hợp|dự\s+kiến|chỉ\s+đạo"
    r"|đề\s+nghị|yêu\s+cầu|tiếp\s+nhận|trao|tặng|hưởng\s+ứng|công\s+bố)"
)
START = re.compile(rf"(?<![\w/-])(?:{ORG}|{AREA})")  # not "12/KH-UBND"
# words a body's name does not contain: the subject has ended before them
NOT_NAME = re.compile(
    r"(?<!\w)(?:tại|cho|trong|theo|về|nhằm|nhân\s+dịp|với|là|được|các|những|đã|vừa"
    r"|sẽ|tham\s+mưu|trình|giao|hướng\s+dẫn|cùng)(?!\w)"
)
DOCUMENT = (
    r"(?:KH(?=\s+số)|Kế\s+hoạch|Công\s+văn|Quyết\s+định|Hướng\s+dẫn|Văn\s+bản|Chỉ\s+thị"
    r"|Thông\s+báo|Báo\s+cáo)"
)
SYMBOL = r"(?:\s*[/-]\s*[\wĐđ&.]*[A-ZĐ0-9][\wĐđ&]*)"
OWN = re.compile(
    rf"{ISSUES}\s+(?P<doc>{DOCUMENT})(?:\s+số\s+(?P<num>\d+{SYMBOL}*)"
    rf"|\s+(?P<sym>\d+{SYMBOL}+))?(?:\s*,?\s*ngày\s+(?P<day>{DATE}))?",
    re.I,
)
CITED = re.compile(
    rf"(?<!\w){DOCUMENT}\s+số\s+(?P<num>\d+{SYMBOL}+)(?:\s*,?\s*ngày\s+(?P<day>{DATE}))?",
    re.I,
)
CITING = re.compile(r"(?:thực hiện|căn cứ|theo|của|tại|và)\s*$", re.I)
TITLE_END = re.compile(
    r"\s+(?:với|có)\s+(?:các\s+)?chủ\s+đề|\s+nhằm\b|\s*\(|,\s|;|\.(?:\s|$)|:|$"
    r"|\s+diễn ra\b|\s+trong đó\b|\s+với\s+(?:mục đích|nội dung|mục tiêu)",
    re.I,
)
TITLE_WORDS = (
    r"(?:Phó\s+)?(?:Chủ\s+tịch|Giám\s+đốc|Bộ\s+trưởng|Thứ\s+trưởng|Trưởng\s+ban"
    r"|Trưởng\s+phòng|Bí\s+thư|Hiệu\s+trưởng|Cục\s+trưởng)"
)
SURNAMES = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Trịnh "
    "Đinh Lâm Mai Trương Đoàn Lương Tạ Cao Hà Thái Triệu Từ Chu Kiều Quách Tô La "
    "Lưu Châu Diệp Đào Đàm Hứa Kim Khúc Lục Mạc Nghiêm Phùng Quan Tăng Thân Tôn "
    "Vương Vi Lò Hầu Giang Lã Âu Bạch Doãn Hàn Khổng Nông Phí Tiêu Ninh Thạch "
    "Lại Văn Kha Khương Cù Ông Mã Sầm Tống Viên Yên Giàng Sùng Vàng Thào Mùa Quàng "
    "Điêu Bế Ksor Rmah Siu Y"
).split()
PERSON = rf"(?:{'|'.join(SURNAMES)})(?:\s+{CAP}\w*){{2,3}}"
# "Phó Chủ tịch UBND quận Ba Đình Phạm Thị Diễm": the body between title and name
PERSON_TITLE = re.compile(
    rf"{TITLE_WORDS}(?:\s+(?:thường\s+trực|Thường\s+trực|phụ\s+trách))*\s+"
    rf"(?P<s>{ORG}{NAME_PART}{{0,80}}?)\s+(?P<p>{PERSON})(?=\s+[{LOWER}]|[^\w\s]|$)"
)


# -- compiled once: what the functions below look for ---------------------------
PERSON_END = re.compile(rf"\s({PERSON})$")
ABBREVIATION = re.compile(rf"\s*\([{UPPER}&\-]{{2,10}}\)")  # "(UBND)"
PLACE_IN_BRACKETS = re.compile(rf"\s*\({AREA}[^)]*\)")  # "(huyện Thăng Bình)"
DATE_AT_END = re.compile(rf"\s+(?:ngày|sáng|chiều)\s+{DATE}$")
ORG_IN = re.compile(rf"(?:^|\s|,\s*)({ORG})")
SENTENCE_END = re.compile(rf"[.;!?](?=\s+[{UPPER}“\"(]|$)")
VERB_AFTER = re.compile(rf"\s+(?:(?:vừa|đã|sẽ)\s+)+(?:{ACTS}(?!\w))?|\s+{ACTS}(?!\w)")
TITLED_BEFORE = re.compile(rf"{TITLE_WORDS}[\w\s]{{0,30}}$")
ISSUES_DOCUMENT = re.compile(rf"\s+(?:(?:vừa|đã)\s+)*{ISSUES}\s+{DOCUMENT}", re.I)
CUT_SUBJECT = re.compile(rf"(?<!\w)(?P<s>{ORG}(?:\s+\S+){{0,6}})$")
ISSUED_BY = re.compile(rf"\s*của\s+(?P<by>{ORG}[^,;.]*?)(?=\s+(?:về|v/v)\s)")
DAY_RE = re.compile(rf"(?<!\w)ngày\s+({DATE})", re.I)
AFTER_NUMBER = re.compile(rf"\d+{SYMBOL}+\s*,?\s*$")
SIGNED_BY = re.compile(rf"{TITLE_WORDS}[^.;]*?\s(?P<p>{PERSON})\s+(?:đã\s+)?ký(?!\w)")
ORG_RE, AREA_RE = re.compile(ORG), re.compile(AREA)
NAMED = re.compile(rf"(?<!\w)(?:Ông|ông|Bà|bà|đồng chí)\s+({PERSON})")


def person_at_end(span: str) -> tuple[str, str | None]:
    """``UBND tỉnh Trịnh Trường Huy`` → (``UBND tỉnh``, ``Trịnh Trường Huy``)."""
    match = PERSON_END.search(span)
    if not match or match[1] == "Hồ Chí Minh":
        return span, None
    return span[: match.start()].strip(), match[1]


def tidy(span: str) -> str:
    """A body's name without an abbreviation in brackets or what leads to it."""
    span = ABBREVIATION.sub("", span)  # "(UBND)"
    span = PLACE_IN_BRACKETS.sub("", span)  # "(huyện Thăng Bình)"
    span = DATE_AT_END.sub("", span)
    org = ORG_IN.search(span)
    if AREA_RE.match(span) and not ORG_RE.match(span) and org and org.start(1) > 0:
        span = span[org.start(1) :]  # "xã Sơn Viên, UBND huyện Nông Sơn"
    return span.strip(" ,-–")


def sentences(text: str):
    for paragraph in text.split("\n"):
        start = 0
        for end in SENTENCE_END.finditer(paragraph):
            yield paragraph[start : end.end()].strip()
            start = end.end()
        if paragraph[start:].strip():
            yield paragraph[start:].strip()


class Issuer(NamedTuple):
    body: Found | None
    signer: Found | None = None
    signer_title: str | None = None


def subject_spans(sentence: str):
    """``(start, name)`` of each body or place that acts in ``sentence``."""
    for start in START.finditer(sentence):
        rest = sentence[start.start() :]
        verb = VERB_AFTER.search(rest)
        if verb is None:
            continue
        name = rest[: verb.start()]
        if len(name) > 100 or re.search(r"[.;:!?](?:\s|$)", name):
            continue
        if not NOT_NAME.search(name) and (len(name.split()) >= 2 or name == "UBND"):
            yield start.start(), name


def subjects(sentence: str):
    """The bodies that act in ``sentence``: (Issuer, issues a document?, is an
    organisation rather than a place)."""
    for at, name in subject_spans(sentence):
        before = sentence[:at]
        if re.search(r"(?<!\w)(?:do|của|với|cho)\s*$", before):
            continue  # "do Quỹ Nhi đồng ... phát động": not the article's subject
        span, person, title = tidy(name), None, None
        titled = TITLED_BEFORE.search(before)
        if titled:
            span, person = person_at_end(span)
            title = f"{titled[0].strip()} {span}" if person else None
        person = person or named_person(before)
        after = sentence[at + len(name) :]
        issuing = bool(ISSUES_DOCUMENT.match(after))
        signer = Found(person, sentence) if person else None
        yield Issuer(Found(span, sentence), signer, title), issuing, ORG_RE.match(span)
    cut = CUT_SUBJECT.search(sentence)
    if cut and not re.search(r"[.!?…]$", sentence):  # cut off after its subject
        yield Issuer(Found(tidy(cut["s"]), sentence)), False, True


def issuer(body: str) -> Issuer:
    """Who issued (or organised) what the article reports, and who signed it:
    the subject of "ban hành Kế hoạch" first, else the first body that acts
    or is named with its leader, else the first place that acts."""
    acting = titled = place = None
    for sentence in sentences(body):
        for found, issuing, organisation in subjects(sentence):
            if issuing:
                return found
            if organisation:
                acting = acting or found
            else:
                place = place or found
        if titled is None:
            match = PERSON_TITLE.search(sentence)
            if match:
                titled = Issuer(Found(tidy(match["s"]), sentence))
    present = [c for c in (acting, titled) if c]
    if present:
        return min(present, key=lambda c: body.find(c.body.source))
    return place or Issuer(None)


def own_document(body: str, year: int | None) -> dict:
    """Number, subject and date of the document the article's issuer issued
    (else of a plan it names without citing it)."""
    for regex in (OWN, CITED):
        for sentence in sentences(body):
            for match in regex.finditer(sentence):
                if regex is CITED and CITING.search(sentence[: match.start()]):
                    continue
                return document_facts(match, sentence, year)
    return {}


def document_facts(match, sentence: str, year: int | None) -> dict:
    number = match["num"] or match.groupdict().get("sym")
    plan = {"_source": sentence}
    if number:
        plan["document_number"] = written = document_number(number)
        digits, sep, symbol = written.partition("/")
        if not sep or not digits.isdigit():
            digits, _sep, symbol = written.partition("-")
        plan["number"] = int(digits) if digits.isdigit() else None
        plan["symbol"] = symbol or None
    rest = sentence[match.end() :]
    by = ISSUED_BY.match(rest)
    if by:  # "Kế hoạch số 45/KH-UBND ngày ... của UBND tỉnh X về ..."
        plan["issuing_body"] = tidy(by["by"])
        rest = rest[by.end() :]
    subject = re.match(r"\s*(?:về\s+việc|về|v/v)\s+", rest, flags=re.I)
    if match.re is OWN or subject:
        rest = " " + rest[subject.end() :] if subject else rest
        end = TITLE_END.search(rest)
        title = rest[: end.start() if end else None].strip(' ,“”"')
        # the subject ends with its year unless a place follows: "... năm 2021 nêu rõ"
        title = re.sub(
            r"(năm\s+\d{4})\s+(?!(?:trên|tại|ở|của|trong|tỉnh|huyện|thành|quận|xã"
            rf"|phường|thị)\b)[{LOWER}].*$",
            r"\1",
            title,
        )
        about = re.search(r"trẻ\s+em|thiếu\s+nhi|tháng\s+hành\s+động", title, re.I)
        if about and len(title.split()) <= 40 and re.match(r"\s", rest or " "):
            plan["title"] = title[0].upper() + title[1:]
    day = match["day"] or issue_day(sentence[: match.start()])
    plan["issue_date"] = iso(to_date(day, year)) if day else None
    return plan


def issue_day(before: str) -> str | None:
    """The date given before the issuer issues (``Ngày 13/5, UBND tỉnh ...``,
    ``UBND xã (huyện X) ngày 20/5/2024 đã ban hành``), not a cited document's."""
    days = [
        m
        for m in DAY_RE.finditer(before)
        if not AFTER_NUMBER.search(before[: m.start()])
    ]
    return days[-1][1] if days else None


def signer_in(body: str) -> Found | None:
    """``Kế hoạch do Phó Chủ tịch UBND huyện Hoàng Minh Tuấn ký``."""
    for sentence in sentences(body):
        match = SIGNED_BY.search(sentence)
        if match:
            return Found(match["p"], sentence)
    return None


def named_person(text: str) -> str | None:
    """``Ông Từ Hoàng Tước – Phó Giám đốc ...``: the person named."""
    match = NAMED.search(text)
    return match[1] if match else None
