"""A plan as one official document: header, body blocks, signature, appendix.

An imported plan keeps its text as written (``document_text``): its body and
appendix are shown as they are. A plan typed in the forms has its body composed
from the fields, numbered as Decree 30/2020/NĐ-CP numbers sections. Objects are
read by attribute only, so this stays free of Plone.
"""

from collective.thdtre import dates
from collective.thdtre.official import layout
from collective.thdtre.official.html_text import html_paragraphs
from collective.thdtre.official.text import Block
from collective.thdtre.official.text import blocks_of
from collective.thdtre.official.text import body_and_appendix
from dataclasses import dataclass
from dataclasses import field


@dataclass
class Document:
    """What the page, the print layout, the PDF and the .docx lay out."""

    issuer: list[str]  # parent body (if any), issuing body
    number_line: str
    place_and_date: str
    title: str
    body: list[Block]
    recipients: list[str]
    signature: list[str]
    signer_name: str
    appendix: list[Block] = field(default_factory=list)
    document_type: str = layout.DOCUMENT_TYPE
    motto: list[str] = field(default_factory=lambda: [layout.MOTTO, layout.SUBMOTTO])
    author: str = ""
    issue_date: object = None


def _rich(obj, name) -> list[str]:
    value = getattr(obj, name, None)
    return html_paragraphs(getattr(value, "raw", value) or "")


def _lines(text) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class _Body:
    def __init__(self):
        self.blocks, self.count = [], 0

    def section(self, title, paragraphs):
        paragraphs = [p for p in paragraphs if p]
        if paragraphs:
            self.count += 1
            self.blocks.append(
                Block(f"{layout.section_label(1, self.count)} {title}", "heading", 1)
            )
            self.blocks.extend(paragraphs)

    def para(self, text, level=0, kind="para"):
        return Block(text, kind, level)


def _activity_blocks(body, activities) -> list[Block]:
    blocks = []
    for i, activity in enumerate(activities, start=1):
        blocks.append(body.para(f"{i}. {activity.title}", 2, "heading"))
        description = getattr(activity, "description", "") or ""
        if description and description != activity.title:
            blocks.extend(body.para(p) for p in _lines(description))
        blocks.extend(body.para(p) for p in _rich(activity, "text"))
        if activity.lead_unit:
            blocks.append(body.para(f"- Đơn vị chủ trì: {activity.lead_unit}."))
        units = ", ".join(activity.coordinating_units or [])
        if units:
            blocks.append(body.para(f"- Đơn vị phối hợp: {units}."))
        if activity.start:
            when = dates.short_date(activity.start)
            if activity.end and activity.end != activity.start:
                when = f"từ ngày {when} đến ngày {dates.short_date(activity.end)}"
            blocks.append(body.para(f"- Thời gian: {when}."))
    return blocks


def composed_body(plan, activities) -> list[Block]:
    """The body of a plan typed in the forms, from its fields, numbered."""
    body = _Body()
    body.blocks.extend(body.para(p) for p in _lines(plan.legal_basis))
    purpose = []
    if plan.purpose:
        purpose += [body.para("1. Mục đích", 2, "heading")]
        purpose += [body.para(p) for p in _lines(plan.purpose)]
    if plan.requirements:
        label = f"{len(purpose) and 2 or 1}. Yêu cầu"
        purpose += [body.para(label, 2, "heading")]
        purpose += [body.para(p) for p in _lines(plan.requirements)]
    body.section("MỤC ĐÍCH, YÊU CẦU", purpose)
    theme = []
    period = dates.period(plan.period_start, plan.period_end)
    for label, value in (
        ("Chủ đề", f"“{plan.theme}”" if plan.theme else ""),
        ("Thời gian", period),
        ("Phạm vi", plan.scope or ""),
    ):
        if value:
            theme.append(body.para(f"{len(theme) + 1}. {label}: {value}.", 2))
    body.section("CHỦ ĐỀ, THỜI GIAN", theme)
    body.section("NỘI DUNG HOẠT ĐỘNG", _activity_blocks(body, activities))
    body.section("KINH PHÍ THỰC HIỆN", [body.para(p) for p in _rich(plan, "budget")])
    implementation = [body.para(p) for p in _rich(plan, "implementation")]
    if plan.report_deadline:
        to = f" {plan.report_recipient}" if plan.report_recipient else ""
        deadline = dates.short_date(plan.report_deadline)
        implementation.append(
            body.para(f"Báo cáo kết quả gửi{to} trước ngày {deadline}.")
        )
    body.section("TỔ CHỨC THỰC HIỆN", implementation)
    body.blocks.extend(blocks_of("\n".join(_rich(plan, "text"))))
    if body.blocks and body.blocks[-1].kind == "para":
        last = body.blocks.pop()
        body.blocks.append(
            Block(layout.with_closing_mark(last.text), "para", last.level)
        )
    return body.blocks


def slogan_appendix(plan, slogans) -> list[Block]:
    """``PHỤ LỤC`` / the slogans' title / ``(Kèm theo Kế hoạch số ...)`` / 1. ..."""
    if not slogans:
        return []
    heading = layout.appendix_heading(
        number=plan.number,
        symbol=plan.symbol,
        issue_date=plan.issue_date,
        issuing_body=plan.issuing_body,
    )
    blocks = [
        Block(layout.APPENDIX_TITLE, "heading", 1),
        Block("KHẨU HIỆU TUYÊN TRUYỀN", "heading", 1),
        Block(heading, "para", 1),
    ]
    blocks += [Block(f"{i}. {s.title}", "para", 2) for i, s in enumerate(slogans, 1)]
    return blocks


def document_of(plan, *, slogans=(), activities=()) -> Document:
    """The official document of ``plan`` (its slogans and activities in order)."""
    written = getattr(plan, "document_text", None)
    if written:
        body, appendix = body_and_appendix(written)
    else:
        body = composed_body(plan, activities)
        appendix = slogan_appendix(plan, slogans)
    signature, name = layout.signature_lines(
        authority=plan.signing_authority, title=plan.signer_title, name=plan.signer_name
    )
    issuer = [plan.parent_body or "", plan.issuing_body or ""]
    return Document(
        issuer=[line for line in issuer if line],
        number_line=layout.number_line(plan.number, plan.symbol),
        place_and_date=layout.place_and_date(
            plan.issue_place, plan.issue_date, year=plan.year
        ),
        title=plan.title or "",
        body=body,
        recipients=layout.recipient_lines(plan.recipients),
        signature=signature,
        signer_name=name,
        appendix=appendix,
        document_type=layout.document_type(plan.symbol),
        motto=layout.motto_lines(issuer=issuer, symbol=plan.symbol),
        author=plan.issuing_body or "",
        issue_date=plan.issue_date,
    )
