"""A plan as a .docx in the layout of Decree 30/2020/NĐ-CP, ready to sign.

The same document as the plan page (``official.document``): a borderless header
table (issuing body, a short rule and the number on the left; the motto, a short
rule, place and date on the right), KẾ HOẠCH and the summary, the body as
written, recipients beside the signature block with room for signature and seal,
and the appendix on its own page. A4, Times New Roman, Decree 30 margins, page
numbers from page 2, document properties from the plan. Reading the file back
with the importer gives the same fields.
"""

from collective.thdtre.official import layout
from collective.thdtre.official.document import Document
from collective.thdtre.official.document import document_of
from collective.thdtre.official.text import Block
from datetime import datetime
from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.shared import Pt
from io import BytesIO


class _Writer:
    def __init__(self):
        self.document = WordDocument()
        section = self.document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        top, right, bottom, left = layout.MARGINS_MM
        section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
        section.left_margin, section.right_margin = Mm(left), Mm(right)
        style = self.document.styles["Normal"]
        style.font.name = layout.FONT
        style.font.size = Pt(layout.FONT_PT)
        style.paragraph_format.space_after = Pt(6)

    def para(self, text, *, bold=False, italic=False, align=None, size=None, cell=None):
        target = cell if cell is not None else self.document
        paragraph = target.add_paragraph()
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        run.font.name = layout.FONT
        if size:
            run.font.size = Pt(size)
        if align == "center":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif align == "justify":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        return paragraph

    def rule(self, cell=None, width_mm=30):
        """A short centred line under the issuing body, the motto or the summary."""
        paragraph = (cell if cell is not None else self.document).add_paragraph()
        paragraph.paragraph_format.space_after = Pt(2)
        border = OxmlElement("w:pBdr")
        top = OxmlElement("w:top")
        for key, value in (("val", "single"), ("sz", "6"), ("space", "1")):
            top.set(qn(f"w:{key}"), value)
        border.append(top)
        paragraph._p.get_or_add_pPr().append(border)
        text_width = cell.width.mm if cell is not None and cell.width else 80
        if cell is None:
            top, right, bottom, left = layout.MARGINS_MM
            text_width = 210 - left - right
        indent = max(text_width - width_mm, 0) / 2
        paragraph.paragraph_format.left_indent = Mm(indent)
        paragraph.paragraph_format.right_indent = Mm(indent)
        return paragraph

    def page_numbers(self):
        """Page numbers centred at the top, from page 2 (Decree 30)."""
        section = self.document.sections[0]
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run()
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            else:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = text
            run._r.append(element)

    def save(self) -> bytes:
        out = BytesIO()
        self.document.save(out)
        return out.getvalue()


def _header(writer, doc: Document):
    table = writer.document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = right.paragraphs[0].text = ""
    for i, line in enumerate(doc.issuer):
        last = i == len(doc.issuer) - 1
        writer.para(line.upper(), bold=last, align="center", size=13, cell=left)
    writer.rule(left, width_mm=25)
    writer.para(doc.number_line, align="center", size=13, cell=left)
    for i, line in enumerate(doc.motto):
        writer.para(line, bold=True, align="center", size=13 + i, cell=right)
    writer.rule(right, width_mm=55)
    writer.para(doc.place_and_date, italic=True, align="center", cell=right)


def _blocks(writer, blocks: list[Block]):
    for block in blocks:
        if block.kind == "heading":
            center = block.text.isupper() and block.level == 1
            writer.para(block.text, bold=True, align=center and "center" or None)
        else:
            writer.para(block.text, align="justify")


def _footer(writer, doc: Document):
    table = writer.document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = right.paragraphs[0].text = ""
    if doc.recipients:
        writer.para(layout.RECIPIENTS_LABEL, bold=True, italic=True, size=12, cell=left)
        for line in doc.recipients:
            writer.para(line, size=11, cell=left)
    for line in doc.signature:
        writer.para(line, bold=True, align="center", cell=right)
    for _ in range(4):  # room for the signature and the seal
        writer.para("", cell=right)
    writer.para(doc.signer_name, bold=True, align="center", cell=right)


def _properties(writer, doc: Document):
    properties = writer.document.core_properties
    properties.title = doc.title[:250]
    properties.author = doc.author
    properties.last_modified_by = doc.author
    if doc.issue_date:
        properties.created = datetime(*doc.issue_date.timetuple()[:3])


def write_docx(doc: Document) -> bytes:
    """The .docx bytes of an official document."""
    writer = _Writer()
    writer.page_numbers()
    _header(writer, doc)
    writer.para(doc.document_type, bold=True, align="center")
    writer.para(doc.title, bold=True, align="center")
    writer.rule(width_mm=40)
    _blocks(writer, doc.body)
    _footer(writer, doc)
    if doc.appendix:
        writer.document.add_page_break()
        _blocks(writer, doc.appendix)
    _properties(writer, doc)
    return writer.save()


def build_docx(plan, *, slogans=(), activities=()) -> bytes:
    """The .docx bytes of ``plan`` with its slogans and activities (objects)."""
    return write_docx(document_of(plan, slogans=slogans, activities=activities))
