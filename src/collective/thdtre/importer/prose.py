"""Facts stated in running sentences rather than in a section of their own:
the year's theme (``với chủ đề “...”``), the Month's period (``từ ngày 1 -
30/6``), the year of the Month, lists run into one sentence (``gồm: a; b;
c``) and who receives the results reports by when (``gửi ... trước ngày``).
News articles state everything this way; plans do it in their legal basis.
Pure Python.
"""

from collective.thdtre.importer.header import UNIT_WORDS
from collective.thdtre.importer.outline import DATE
from collective.thdtre.importer.outline import to_date
from datetime import date
from typing import NamedTuple

import re


OPEN, CLOSE = r"[“\"'‘«]", r"(?:’’|[”\"'’»])"
QUOTED = re.compile(rf"{OPEN}\s*(?P<q>[^“”\"«»\n]{{3,240}}?)\s*{CLOSE}")
THEME_AT = re.compile(r"(?P<verb>(?:với|có)\s+)?chủ\s+đề", re.I)
# what may stand between "chủ đề" and the theme: "Tháng hành động ... năm 2024 là"
FILLER = re.compile(r"[^“\"'‘«\n.;]{0,90}?(?=[“\"'‘«])")
LEAD_IN = re.compile(
    r"\s*(?:(?:của\s+)?Tháng\s+hành\s+động\s+vì\s+trẻ\s+em\s*)?(?:năm\s+\d{4}\s*)?"
    r"(?:trọng tâm\s*)?(?P<sep>:|là\b)?\s*",
    re.I,
)
THEME_END = re.compile(
    r"\s*(?:[.;](?:\s|$)|$|,\s*(?:cụ thể|được|nhằm|với|diễn ra|tháng|thời gian)\b"
    r"|\s+(?:nhằm|được triển khai|diễn ra|và thời gian)\b)",
    re.I,
)
WEEKDAY = r"(?:(?:Chủ\s+nhật|Thứ\s+\w+)\s+)?"
SPAN = (
    rf"(?:đến|tới|[-–]|và\s+kết\s+thúc(?:\s+vào)?)\s*(?:hết\s+)?{WEEKDAY}(?:ngày\s+)?"
)
PERIODS = (
    re.compile(rf"từ\s+{WEEKDAY}(?:ngày\s+)?({DATE})\s*{SPAN}({DATE})", re.I),
    # "từ ngày 01 – 30/6/2015", "từ ngày 1-30/6", "từ ngày 1 đến 30-6"
    re.compile(
        r"từ\s+(?:ngày\s+)?(\d{1,2})\s*(?:đến|tới|[-–])\s*(?:hết\s+)?(?:ngày\s+)?"
        r"(\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?)(?![\d/])",
        re.I,
    ),
    re.compile(rf"\(\s*({DATE})\s*[-–]\s*({DATE})\s*\)"),  # "(1/6 - 30/6)"
)
YEAR_RE = re.compile(
    r"tháng\s+h[àa]n[hg]\s+động\s+(?:vì\s+)?trẻ\s+em[”\"’]?\s*(?:năm\s+|[-–]\s*)?"
    r"(\d{4})\b",
    re.I,
)


class Found(NamedTuple):
    """A value and the text it was read from."""

    value: object
    source: str


def line_of(text: str, start: int) -> str:
    """The whole line of ``text`` around position ``start``."""
    begin = text.rfind("\n", 0, start) + 1
    end = text.find("\n", start)
    return text[begin : end if end >= 0 else len(text)].strip()


def theme_in(text: str) -> Found | None:
    """The year's theme from ``chủ đề “...”``, ``chủ đề ... là “...”`` or an
    unquoted ``với chủ đề X, cụ thể``."""
    for at in THEME_AT.finditer(text or ""):
        rest = text[at.end() :]
        filler = FILLER.match(rest)
        if filler and not re.search(r"[:.]\s*\S.{20,}", filler[0]):
            quoted = QUOTED.match(rest, filler.end())
            if quoted:
                return Found(quoted["q"].strip(" .,"), line_of(text, at.start()))
        lead = LEAD_IN.match(rest)
        if not (at["verb"] or lead["sep"]):
            continue
        start = lead.end()
        end = THEME_END.search(rest, start)
        theme = rest[start : end.start() if end else None].strip(' .,:“”"')
        if 3 <= len(theme.split()) <= 30 and "\n" not in theme:
            return Found(theme, line_of(text, at.start()))
    return None


def period_in(text: str, year: int | None) -> Found | None:
    """The Month's period: the widest ``từ ... đến ...`` the text states."""
    found = []
    for regex in PERIODS:
        for match in regex.finditer(text or ""):
            end = to_date(match[2], year)
            if end is None:
                continue
            first = match[1]
            if re.fullmatch(r"\d{1,2}", first):
                first = f"{first}/{end.month}/{end.year}"
            start = to_date(first, end.year)
            if start and start <= end:
                found.append((match.start(), start, end, line_of(text, match.start())))
    if not found:
        return None
    _at, start, end, source = max(found, key=lambda f: (f[2] - f[1], -f[0]))
    return Found((start, end), source)


def action_year(text: str) -> Found | None:
    """The year the text names for the Month: ``Tháng hành động vì trẻ em năm 2024``."""
    match = YEAR_RE.search(text or "")
    if match and 2000 <= int(match[1]) <= 2100:
        return Found(int(match[1]), line_of(text, match.start()))
    return None


def frequent_year(text: str) -> int | None:
    """The year a text mentions most often (a last resort)."""
    years = [int(y) for y in re.findall(r"(?<![\d/])(20[0-4]\d)(?!\d)", text or "")]
    return max(set(years), key=years.count) if years else None


LIST_AT = re.compile(
    r"(?:h(?:oạt|ọat)\s+động|nội\s+dung|nhiệm\s+vụ|việc)(?:\s+[^\s:;,.]+){0,10}?"
    r"\s+(?:như(?:\s+sau)?|gồm|bao\s+gồm)\s*:\s*"
    r"|(?:h(?:oạt|ọat)\s+động|việc)(?:\s+[^\s:;,.]+){0,3}?\s+(?:như|gồm)\s+"
    r"|(?:các|những)\s+h(?:oạt|ọat)\s+động(?:\s+(?:chính|cụ\s+thể|trọng\s+tâm))?\s*:\s*",
    re.I,
)


def inline_items(text: str) -> list[str]:
    """``a; b; c`` (or ``(1) a; (2) b``) as items, without quotes and numbering."""
    text = text.strip()
    if re.match(rf"{OPEN}", text) and not re.search(rf"{CLOSE}\s*[.;]?\s*$", text):
        text = text[1:]  # one pair of quotes around the whole list, cut before its end
    items = []
    for part in re.split(r"\s*;\s*", text):
        part = re.sub(r"^\(?\d{1,2}[.)]\s*|^[-–+•]\s*", "", part.strip())
        part = re.sub(rf"^{OPEN}\s*|\s*{CLOSE}$", "", part.strip(" .…")).strip(" .…")
        if part:
            items.append(part)
    return items


def prose_activities(text: str) -> Found | None:
    """The activities of ``các hoạt động như: a; b; c`` in one paragraph."""
    for paragraph in (text or "").split("\n"):
        match = LIST_AT.search(paragraph)
        if not match:
            continue
        items = inline_items(paragraph[match.end() :])
        if len(items) >= 2:
            return Found(items, paragraph.strip())
    return None


def month_of(period: tuple[date, date] | None) -> tuple[str | None, str | None]:
    if not period:
        return None, None
    return period[0].isoformat(), period[1].isoformat()


def report_due(text: str, year: int | None) -> tuple[str | None, date | None]:
    """Who receives the results reports, and by when: from the sentences that
    speak of reports (``gửi ... trước ngày 22/7/2024``)."""
    pairs = []
    for sentence in re.split(r";\s+|\.\s+|\n", text):
        if "báo cáo" not in sentence.casefold():
            continue
        to = re.search(
            rf"(?:gửi|về)\s+(?:về\s+)?(?P<to>{UNIT_WORDS}\b.*?)"
            r"(?=\s+(?:trước|chậm nhất|trong|theo|để|qua|định kỳ|hạn)\b|\s*[(;]|\.?$)",
            sentence,
        )
        due = re.search(
            rf"(?:trước|chậm nhất(?: là)?|hạn(?: chót)?|không muộn hơn)\s+(?:ngày\s+)?"
            rf"({DATE})",
            sentence,
            re.I,
        )
        pairs.append(
            (to["to"].strip(" .,") if to else None, due and to_date(due[1], year))
        )
    both = next(((to, due) for to, due in pairs if to and due), None)
    return both or (
        next((to for to, _due in pairs if to), None),
        next((due for _to, due in pairs if due), None),
    )
