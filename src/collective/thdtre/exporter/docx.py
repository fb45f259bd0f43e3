"""A plan as a .docx in the layout of Decree 30/2020/NĐ-CP, ready to sign.

A4, Times New Roman 13-14 pt, margins top/bottom 20 mm, left 30 mm, right 15 mm;
a borderless header table (issuing body and number left, national motto, place
and date right), KẾ HOẠCH and the summary, the body, the signature block and the
recipients. Reading the file back with the importer gives the same fields.
"""

from collective.thdtre import dates
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm
from docx.shared import Pt
from html.parser import HTMLParser
from io import BytesIO

import re


FONT = "Times New Roman"
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
SUBMOTTO = "Độc lập - Tự do - Hạnh phúc"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
SIGNING_PREFIXES = re.compile(r"\s+(?=(?:TM|KT|TL|TUQ)\.\s)")


class _Paragraphs(HTMLParser):
    """The text of each block element of simple HTML, in order."""

    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "div", "br"}

    def __init__(self):
        super().__init__()
        self.items, self.current = [], []

    def _flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.items.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data):
        self.current.append(data)


def html_paragraphs(html: str) -> list[str]:
    parser = _Paragraphs()
    parser.feed(html or "")
    parser.close()
    parser._flush()
    return parser.items


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _rich(plan, name):
    value = getattr(plan, name, None)
    return html_paragraphs(value.raw) if value else []


class _Writer:
    def __init__(self):
        self.document = Document()
        section = self.document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        style = self.document.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(14)
        style.paragraph_format.space_after = Pt(6)

    def para(self, text, *, bold=False, italic=False, align=None, size=None, cell=None):
        target = cell if cell is not None else self.document
        paragraph = target.add_paragraph()
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        run.font.name = FONT
        if size:
            run.font.size = Pt(size)
        if align == "center":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif align == "justify":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        return paragraph

    def save(self) -> bytes:
        out = BytesIO()
        self.document.save(out)
        return out.getvalue()


def _header(writer, plan):
    table = writer.document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = ""
    right.paragraphs[0].text = ""
    if plan.parent_body:
        writer.para(plan.parent_body.upper(), align="center", size=13, cell=left)
    writer.para(
        (plan.issuing_body or "").upper(), bold=True, align="center", size=13, cell=left
    )
    number = "" if plan.number is None else str(plan.number)
    writer.para(f"Số: {number}/{plan.symbol or ''}", align="center", size=13, cell=left)
    writer.para(MOTTO, bold=True, align="center", size=13, cell=right)
    writer.para(SUBMOTTO, bold=True, align="center", size=14, cell=right)
    writer.para(
        dates.place_and_date(plan.issue_place, plan.issue_date, year=plan.year),
        italic=True,
        align="center",
        cell=right,
    )


def _section(writer, number, heading, paragraphs):
    if not paragraphs:
        return number
    writer.para(f"{ROMAN[number]}. {heading}", bold=True)
    for text in paragraphs:
        writer.para(text, align="justify")
    return number + 1


def build_docx(plan, *, slogans=(), activities=()) -> bytes:
    """The .docx bytes of ``plan`` with its ``slogans`` and ``activities``."""
    writer = _Writer()
    _header(writer, plan)
    writer.para("KẾ HOẠCH", bold=True, align="center")
    writer.para(plan.title, bold=True, align="center")
    for text in _lines(plan.legal_basis):
        writer.para(text, align="justify")
    n = 0
    if plan.purpose or plan.requirements:
        writer.para(f"{ROMAN[n]}. MỤC ĐÍCH, YÊU CẦU", bold=True)
        n += 1
        if plan.purpose:
            writer.para("1. Mục đích", bold=True)
            for text in _lines(plan.purpose):
                writer.para(text, align="justify")
        if plan.requirements:
            writer.para("2. Yêu cầu", bold=True)
            for text in _lines(plan.requirements):
                writer.para(text, align="justify")
    theme_period = []
    if plan.theme:
        theme_period.append(f"1. Chủ đề: “{plan.theme}”.")
    period = dates.period(plan.period_start, plan.period_end)
    if period:
        theme_period.append(f"2. Thời gian: {period}.")
    if plan.scope:
        theme_period.append(f"3. Phạm vi: {plan.scope}.")
    n = _section(writer, n, "CHỦ ĐỀ, THỜI GIAN", theme_period)
    items = []
    for i, activity in enumerate(activities, start=1):
        items.append(f"{i}. {activity.title}")
        if activity.description and activity.description != activity.title:
            items.append(activity.description)
        if activity.lead_unit:
            items.append(f"- Đơn vị chủ trì: {activity.lead_unit}.")
        if activity.coordinating_units:
            items.append(
                f"- Đơn vị phối hợp: {', '.join(activity.coordinating_units)}."
            )
    n = _section(writer, n, "NỘI DUNG HOẠT ĐỘNG", items)
    n = _section(writer, n, "KINH PHÍ THỰC HIỆN", _rich(plan, "budget"))
    implementation = _rich(plan, "implementation")
    if plan.report_deadline:
        recipient = plan.report_recipient or ""
        implementation.append(
            f"Báo cáo kết quả gửi {recipient} trước ngày "
            f"{dates.short_date(plan.report_deadline)}.".replace("  ", " ")
        )
    n = _section(writer, n, "TỔ CHỨC THỰC HIỆN", implementation)
    _section(writer, n, "NỘI DUNG KHÁC", _rich(plan, "text"))
    _footer(writer, plan)
    if slogans:
        writer.document.add_page_break()
        writer.para("Phụ lục", bold=True, align="center")
        writer.para("KHẨU HIỆU TUYÊN TRUYỀN", bold=True, align="center")
        for i, slogan in enumerate(slogans, start=1):
            writer.para(f"{i}. {slogan}")
    return writer.save()


def _footer(writer, plan):
    table = writer.document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = ""
    right.paragraphs[0].text = ""
    if plan.recipients:
        writer.para("Nơi nhận:", bold=True, italic=True, size=12, cell=left)
        for line in plan.recipients:
            writer.para(
                f"- {line};" if not line.startswith("Lưu") else f"- {line}",
                size=11,
                cell=left,
            )
    for line in SIGNING_PREFIXES.split(plan.signing_authority or ""):
        if line:
            writer.para(line, bold=True, align="center", cell=right)
    if plan.signer_title and plan.signer_title != plan.signing_authority:
        writer.para(plan.signer_title, bold=True, align="center", cell=right)
    writer.para("", cell=right)
    writer.para(plan.signer_name or "", bold=True, align="center", cell=right)
