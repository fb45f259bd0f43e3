"""Text fidelity: the words of a plan's original against its page and its .docx.

A document goes through the importer's own layers without a site: the parser,
the mapping to REST field data (``importer.mapping``) and the text kept as written
(``importer.written``); the plan page's document area (``official.html``) and the
.docx export (``exporter.docx``) are made from those fields exactly as for a
stored plan. The visible words of each are compared with the original's, in
order (difflib's SequenceMatcher on word sequences).
"""

from collections import Counter
from collective.thdtre.dates import as_date
from collective.thdtre.exporter.docx import write_docx
from collective.thdtre.exporter.pdf import write_pdf
from collective.thdtre.importer.furniture import strip_page
from collective.thdtre.importer.mapping import activities_data
from collective.thdtre.importer.mapping import plan_data
from collective.thdtre.importer.mapping import slogans_data
from collective.thdtre.importer.parse import parse_document
from collective.thdtre.importer.readers import read_docx
from collective.thdtre.importer.readers import read_text
from collective.thdtre.importer.written import text_as_written
from collective.thdtre.official.document import document_of
from collective.thdtre.official.html import document_html
from collective.thdtre.official.html_text import html_paragraphs
from collective.thdtre.official.text import clean_line
from collective.thdtre.official.text import is_header_line
from collective.thdtre.official.text import split_document
from difflib import SequenceMatcher
from io import BytesIO
from types import SimpleNamespace

import re


DATES = ("issue_date", "period_start", "period_end", "report_deadline")
PLAN_DEFAULTS = dict.fromkeys(
    "number symbol parent_body issuing_body issue_place issue_date year theme "
    "period_start period_end scope legal_basis purpose requirements text budget "
    "implementation signing_authority signer_title signer_name report_deadline "
    "report_recipient document_text title recipients".split()
)
ACTIVITY_DEFAULTS = dict.fromkeys(
    "title description lead_unit coordinating_units start end text".split()
)
_MARKS = re.compile(r"\*+|__+|^#+\s", re.MULTILINE)
# A run of dots or an ellipsis is a blank to fill in (``ngày… tháng…``), not a word.
_BLANKS = re.compile(r"\.{2,}|…+")


def words(text: str) -> list[str]:
    """The words of ``text``: Markdown and table marks dropped, blanks to fill in
    dropped, split on spaces; a token without a letter or digit (a bullet's dash,
    a lone comma) is not a word."""
    text = _BLANKS.sub(" ", _MARKS.sub("", (text or "").replace("|", " ")))
    return [word for word in text.split() if any(c.isalnum() for c in word)]


def ratio(original: str, copy: str, *, title: str | None = None) -> float:
    """2 × matched words / all words. The running text (body and appendix) must
    match in order. The header and the signature block are two columns side by
    side (issuer and number beside the motto, place and date; recipients beside
    the signer), with no one reading order: their words match as a multiset, in
    any case (the layout sets the issuer in capitals and the motto as Decree 30
    writes it, whatever case the original used)."""
    a, b = split_document(original, title=title), split_document(copy, title=title)
    fixed_a, fixed_b = (
        words("\n".join(a.head + a.tail).casefold()),
        words("\n".join(b.head + b.tail).casefold()),
    )
    text_a = words("\n".join(a.body + a.appendix))
    text_b = words("\n".join(b.body + b.appendix))
    total = len(fixed_a) + len(fixed_b) + len(text_a) + len(text_b)
    if not total:
        return 1.0
    fixed = sum((Counter(fixed_a) & Counter(fixed_b)).values())
    matcher = SequenceMatcher(None, text_a, text_b, autojunk=False)
    running = sum(block.size for block in matcher.get_matching_blocks())
    return 2 * (fixed + running) / total


def _value(name, value):
    if name in DATES or name in ("start", "end"):
        return as_date(value)
    if isinstance(value, dict) and "data" in value:
        return SimpleNamespace(raw=value["data"])
    return value


def imported(filename: str, data: bytes):
    """The plan, slogans and activities as the importer would store them."""
    parsed = parse_document(filename, data)
    if parsed.get("kind") != "plan":
        return None
    fields = dict(PLAN_DEFAULTS)
    fields.update({k: _value(k, v) for k, v in plan_data(parsed).items()})
    fields["document_text"] = text_as_written(
        filename=filename, data=data, title=fields["title"]
    )
    slogans = [SimpleNamespace(**s) for s in slogans_data(parsed)]
    activities = []
    for item in activities_data(parsed):
        values = dict(ACTIVITY_DEFAULTS)
        values.update({k: _value(k, v) for k, v in item.items()})
        activities.append(SimpleNamespace(**values))
    return SimpleNamespace(**fields), slogans, activities


def _above_header(line: str) -> bool:
    """A line of the header's top: an issuer in capitals, a rule, a table bar."""
    return not any(c.isalpha() for c in line) or is_header_line(line)


def document_only(text: str) -> str:
    """The document without what a web page prints above its header (a metadata
    table, a breadcrumb): from the issuer's lines above the first ``Số:`` or
    motto line, unless ``KẾ HOẠCH`` comes earlier (a PDF's reading order)."""
    lines = text.splitlines()
    kept = [clean_line(line) for line in lines]
    first = next((i for i, line in enumerate(kept) if is_header_line(line)), None)
    kind = next((i for i, line in enumerate(kept) if line == "KẾ HOẠCH"), None)
    if first is None:
        return text
    while first > 0 and _above_header(kept[first - 1]):
        first -= 1
    if kind is not None and kind < first:
        first = kind
    return "\n".join(lines[first:])


def pdf_text(data: bytes) -> str:
    """The text of a PDF as laid out, line by line (pypdf; no reflow of lines)."""
    import pypdf

    pages = pypdf.PdfReader(BytesIO(data)).pages
    return "\n".join(page.extract_text() for page in pages)


def measure(filename: str, data: bytes, *, pdf: bool = False) -> dict | None:
    """Ratios of the page's, the .docx's (and with ``pdf`` the PDF download's)
    words to the original's; None if the document is not a plan."""
    found = imported(filename, data)
    if found is None:
        return None
    plan, slogans, activities = found
    document = document_of(plan, slogans=slogans, activities=activities)
    original = document_only(strip_page(read_text(filename, data), article=False).text)
    page = "\n".join(html_paragraphs(document_html(document)))
    docx = read_docx(write_docx(document))
    ratios = {
        "page": ratio(original, page, title=plan.title),
        "docx": ratio(original, docx, title=plan.title),
    }
    if pdf:
        text = pdf_text(write_pdf(document))
        ratios["pdf"] = ratio(original, text, title=plan.title)
    return ratios
