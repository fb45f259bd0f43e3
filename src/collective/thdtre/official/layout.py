"""The fixed parts of a plan's layout under Decree 30/2020/NĐ-CP (Appendix I)."""

from collective.thdtre import dates

import re


MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
SUBMOTTO = "Độc lập - Tự do - Hạnh phúc"
DOCUMENT_TYPE = "KẾ HOẠCH"
RECIPIENTS_LABEL = "Nơi nhận:"
APPENDIX_TITLE = "PHỤ LỤC"
CLOSING_MARK = "./."
# Page margins in millimetres (top, right, bottom, left); font size in points.
MARGINS_MM = (20, 15, 20, 30)
FONT = "Times New Roman"
FONT_PT = 14
ROMAN = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
    "XI", "XII", "XIII", "XIV", "XV",
)  # fmt: skip
# "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH" is printed on two lines, one per prefix.
_SIGNING_PREFIXES = re.compile(r"\s+(?=(?:TM|KT|TL|TUQ)\.\s)")


# The Youth Union and the Party head their documents with their own name instead of
# the national motto (their rules for documents, not Decree 30).
YOUTH_UNION_MOTTO = "ĐOÀN TNCS HỒ CHÍ MINH"
PARTY_MOTTO = "ĐẢNG CỘNG SẢN VIỆT NAM"
_YOUTH_UNION = re.compile(r"\bĐOÀN\b|\bĐTN\b", re.IGNORECASE)
_PARTY = re.compile(r"\b(ĐẢNG ỦY|ĐẢNG BỘ|TỈNH ỦY|HUYỆN ỦY|THÀNH ỦY)\b", re.IGNORECASE)


def motto_lines(*, issuer=(), symbol=None) -> list[str]:
    """The motto at the top right: the national motto, or the Union's or Party's."""
    names = " ".join(issuer or ())
    if _YOUTH_UNION.search(names) or "ĐTN" in (symbol or "").upper():
        return [YOUTH_UNION_MOTTO]
    if _PARTY.search(names):
        return [PARTY_MOTTO]
    return [MOTTO, SUBMOTTO]


def roman(index: int) -> str:
    """``I`` for 1, ``II`` for 2...: the numbering of a plan's main sections."""
    return ROMAN[index - 1] if 0 < index <= len(ROMAN) else str(index)


def section_label(level: int, index: int) -> str:
    """The numbering of a section heading: ``I.`` (level 1), ``1.`` (2), ``a)`` (3)."""
    if level == 1:
        return f"{roman(index)}."
    if level == 2:
        return f"{index}."
    return f"{chr(ord('a') + index - 1)})"


def _number(number) -> str:
    """Numbers below 10 are written with a leading zero: ``09``."""
    return "" if number is None else f"{int(number):02d}"


def number_line(number, symbol) -> str:
    """``Số: 63/KH-KHCN``, ``Số: 09/KH-UBND``; a draft keeps the blank. A document
    that has neither (a template, a text without its number line) has no line."""
    symbol = symbol or ""
    if number is None and not symbol:
        return ""
    if number is None:
        return f"Số:      /{symbol}"
    return f"Số: {_number(number)}/{symbol}"


def document_number(number, symbol) -> str:
    """``63/KH-KHCN``; ``/KH-STP`` while the number is blank."""
    return f"{_number(number)}/{symbol or ''}"


# Joint plans name their kind in the symbol: ``09/KHPH-ĐTN`` is a KẾ HOẠCH PHỐI HỢP.
_TYPES_BY_SYMBOL = (("KHPH", "KẾ HOẠCH PHỐI HỢP"), ("KHLT", "KẾ HOẠCH LIÊN TỊCH"))


def document_type(symbol) -> str:
    """``KẾ HOẠCH``, or the joint kind of plan that the symbol names."""
    head = (symbol or "").split("-", 1)[0].strip().upper()
    return dict(_TYPES_BY_SYMBOL).get(head, DOCUMENT_TYPE)


def place_and_date(place, issue_date, *, year=None) -> str:
    """``Bắc Giang, ngày 05 tháng 01 năm 2024`` (leading zero: day < 10, month < 3)."""
    return dates.place_and_date(place, issue_date, year=year)


def signing_lines(authority) -> list[str]:
    """The signing authority one line per prefix: ``TM. UBND`` / ``KT. CHỦ TỊCH``."""
    return [line for line in _SIGNING_PREFIXES.split(authority or "") if line.strip()]


def signature_lines(*, authority, title, name) -> tuple[list[str], str]:
    """Authority, the signer's title (when it differs) and name: the signature block."""
    lines = signing_lines(authority)
    if title and title != authority:
        lines.append(title)
    return lines, name or ""


def recipient_lines(recipients) -> list[str]:
    """``- Như trên;`` ... ``- Lưu: VT, VP.``: a dash, ``;`` after each, ``.`` last."""
    items = [str(r).strip().lstrip("-–+ ").rstrip(";.,") for r in recipients or ()]
    items = [item for item in items if item]
    return [
        f"- {item}{'.' if i == len(items) - 1 else ';'}" for i, item in enumerate(items)
    ]


def appendix_heading(*, number, symbol, issue_date, issuing_body) -> str:
    """``(Kèm theo Kế hoạch số 63/KH-KHCN ngày 17/4/2024 của Sở ...)``."""
    text = f"(Kèm theo Kế hoạch số {document_number(number, symbol)}"
    day = dates.short_date(issue_date)
    text += f" ngày {day}" if day else " ngày     /     /"
    if issuing_body:
        text += f" của {issuing_body}"
    return text + ")"


def with_closing_mark(text: str) -> str:
    """The last paragraph of the body ends with ``./.``."""
    text = (text or "").rstrip()
    if not text or text.endswith(CLOSING_MARK):
        return text
    return text.rstrip(".") + CLOSING_MARK
