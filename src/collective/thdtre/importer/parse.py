"""Read an Action Month plan (or a news article about one) into plain data.

Pure Python: nothing of Plone or of the content types, so it runs in the
console script ``thdtre-parse`` and in tests without a site. The work is split:
``readers`` turns a .txt/.md/.docx/.pdf file into text (or a ``ParseError``),
``outline`` turns text into lines and a tree of numbered items, ``parts`` reads
the parts of a plan (header, signature, activities...), and this module puts
them together and is the API.

``parse_plan`` gives ``IPlan`` field names; dates are ISO strings;
``legal_basis``, ``purpose`` and ``requirements`` are plain text, one paragraph
per line with the list markers as written (``- ``, ``a)``); ``budget``,
``implementation`` and ``text`` (sections no other field takes) are simple
HTML: one ``<p>`` per paragraph, ``<strong>`` for item headings, ``<h3>`` for
section headings. Fields the document does not state are None, with a warning.
"""

from collective.thdtre.importer.activities import activities
from collective.thdtre.importer.furniture import strip_page
from collective.thdtre.importer.header import issuer_in
from collective.thdtre.importer.header import legal_refs
from collective.thdtre.importer.header import read_header
from collective.thdtre.importer.layout import layout
from collective.thdtre.importer.layout import PLAN_FIELDS
from collective.thdtre.importer.news import parse_news
from collective.thdtre.importer.outline import build_tree
from collective.thdtre.importer.outline import DATE_IN_LINE
from collective.thdtre.importer.outline import find
from collective.thdtre.importer.outline import first_clause
from collective.thdtre.importer.outline import first_quote
from collective.thdtre.importer.outline import html
from collective.thdtre.importer.outline import iso
from collective.thdtre.importer.outline import line_with
from collective.thdtre.importer.outline import Node
from collective.thdtre.importer.outline import plain
from collective.thdtre.importer.outline import prepare
from collective.thdtre.importer.outline import sections
from collective.thdtre.importer.outline import to_date
from collective.thdtre.importer.prose import action_year
from collective.thdtre.importer.prose import frequent_year
from collective.thdtre.importer.prose import period_in
from collective.thdtre.importer.prose import report_due
from collective.thdtre.importer.prose import theme_in
from collective.thdtre.importer.readers import MAX_BYTES
from collective.thdtre.importer.readers import MESSAGES
from collective.thdtre.importer.readers import MSG_BAD_ENCODING
from collective.thdtre.importer.readers import MSG_BINARY
from collective.thdtre.importer.readers import MSG_DAMAGED_DOCX
from collective.thdtre.importer.readers import MSG_DAMAGED_PDF
from collective.thdtre.importer.readers import MSG_EMPTY
from collective.thdtre.importer.readers import MSG_NEEDS_OCR
from collective.thdtre.importer.readers import MSG_NOT_A_PLAN
from collective.thdtre.importer.readers import MSG_TOO_LARGE
from collective.thdtre.importer.readers import MSG_UNKNOWN_EXTENSION
from collective.thdtre.importer.readers import ParseError
from collective.thdtre.importer.readers import read_text
from collective.thdtre.importer.signature import read_tail
from collective.thdtre.importer.slogans import appendix_slogans
from collective.thdtre.importer.slogans import body_slogans

import re


__all__ = [
    "MESSAGES",
    "MSG_BAD_ENCODING",
    "MSG_BINARY",
    "MSG_DAMAGED_DOCX",
    "MSG_DAMAGED_PDF",
    "MSG_EMPTY",
    "MSG_NEEDS_OCR",
    "MSG_NOT_A_PLAN",
    "MSG_TOO_LARGE",
    "MSG_UNKNOWN_EXTENSION",
    "PLAN_FIELDS",
    "ParseError",
    "parse_document",
    "parse_news",
    "parse_plan",
    "read_text",
    "to_date",
]

# -- plan ---------------------------------------------------------------------------


def parse_plan(text: str) -> dict:
    """The fields, slogans and activities of a plan document's text (or of a
    results report's, ``kind: "report"``); ``sources`` names the line each
    field was read from, ``warnings`` are codes."""
    lines = prepare(text)
    if not lines:
        raise ParseError("empty")
    parts = layout(lines)
    if parts is None:
        raise ParseError("not_a_plan")
    plan, sources, warnings = {"title": parts.summary}, {}, []
    if parts.summary:
        sources["title"] = parts.summary
    read_header(parts.header, plan, sources, parts.front)
    for field, source in (("number", "symbol"), ("issue_date", "issue_place")):
        if source in sources:
            sources[field] = sources[source]
    issue_year = plan.pop("_issue_year", None)
    plan["legal_basis"] = "\n".join(parts.legal) or None
    if "issuing_body" not in plan and issuer_in(plan["legal_basis"]):
        plan["issuing_body"] = issuer_in(plan["legal_basis"])
        sources["issuing_body"] = next(
            x for x in parts.legal if plan["issuing_body"] in x
        )
        warnings.append({"code": "issuer_from_legal_basis"})
    # the document itself, its wrapped lines joined: not what a page printed above it
    document = "\n".join(line.text for line in lines[len(parts.front) :])
    page = "\n".join(line.text for line in lines)
    root = build_tree(parts.body)
    read_tail(parts.tail, plan, sources)
    year = document_year(plan, issue_year, document, page)
    read_contents(root, document, page, plan, sources, year)
    plan["year"] = year.value if year else None
    if year:
        sources["year"] = year.source
    implementation = [s for s in sections(root) if s.section() == "implementation"]
    for source in ("\n".join(plain(s) for s in implementation), plain(root)):
        recipient, deadline = report_due(source, plan["year"])
        if recipient or deadline:
            plan["report_recipient"], plan["report_deadline"] = recipient, iso(deadline)
            break
    slogans = body_slogans(root)
    slogans += [s for s in appendix_slogans(parts.appendix) if s not in slogans]
    acts = activities(root, plan["year"])
    refs = legal_refs(plan["legal_basis"] or "")
    warnings += plan_warnings(plan, slogans, acts)
    plan["recipients"] = plan.get("recipients") or []
    return {
        "kind": parts.kind,
        "plan": {name: plan.get(name) for name in PLAN_FIELDS}
        | {"document_number": plan.get("document_number")},
        "slogans": slogans,
        "activities": acts,
        "implements": [r["number"] for r in refs if "/KH-" in r["number"]],
        "legal_refs": refs,
        "sources": {k: v for k, v in sources.items() if plan.get(k) is not None},
        "warnings": warnings,
    }


def plan_warnings(plan: dict, slogans: list, acts: list) -> list[dict]:
    """What the editor should check, as codes (``mapping`` words them)."""
    warnings = [
        {"code": "not_found", "field": field}
        for field in ("title", "symbol", "issue_place", "theme", "period_start")
        if not plan.get(field)
    ]
    if not plan.get("signer_name"):
        warnings.append({"code": "not_found", "field": "signer_name"})
    if plan.get("symbol") and plan.get("number") is None:
        warnings.append({"code": "blank_number"})
    if plan.get("issue_place") and not plan.get("issue_date"):
        warnings.append({"code": "blank_day"})
    if not acts:
        warnings.append({"code": "no_activities"})
    if not slogans:
        warnings.append({"code": "no_slogans"})
    return warnings


class Year:
    def __init__(self, value, source):
        self.value, self.source = value, source


def document_year(plan: dict, issue_year, document: str, page: str):
    """The Month's year: its period, the date of issue, the dateline, the
    title, the text; a page's heading or its most frequent year at last."""
    named = re.search(r"năm\s+(\d{4})", plan.get("title") or "")
    if issue_year or named:
        return Year(issue_year or int(named[1]), plan.get("title"))
    for text in (document, page):
        found = action_year(text)
        if found:
            return Year(found.value, found.source)
    frequent = frequent_year(document)
    return Year(frequent, None) if frequent else None


def read_contents(
    root: Node, text: str, page: str, plan: dict, sources: dict, year
) -> None:
    """Theme, period, scope, purpose, requirements, budget and the other
    sections, each found by what its heading says."""
    # Theme, period and scope live outside the activities when they can.
    meta = Node("root", text="root")
    meta.children = [s for s in sections(root) if s.section() != "contents"]

    def lookup(*words, exclude=()):
        found = find(meta, *words, exclude=exclude)
        return found or find(root, *words, exclude=exclude)

    node = lookup("chủ đề")
    theme = first_quote(plain(node)) if node else None
    if theme is None and node:
        theme = first_clause(node.value or plain(node).split("\n")[0], 300)
        theme = theme.rsplit(":", 1)[-1].strip() or None
    if theme:
        sources["theme"] = line_with(node, lambda line: theme in line)
    else:  # a sentence of the document's, else of the page that shows it
        found = theme_in(text) or theme_in(page)
        theme = found.value if found else None
        sources["theme"] = found.source if found else None
    plan["theme"] = theme

    node = lookup("thời gian")
    found = period_in(plain(node), None) if node else None
    if found:
        found = found._replace(source=line_with(node, DATE_IN_LINE.search))
    else:
        found = period_in(text, year.value if year else None)
    if found:
        start, end = found.value
        plan["period_start"], plan["period_end"] = iso(start), iso(end)
        sources["period_start"] = sources["period_end"] = found.source
        if year and year.value != start.year:
            year.value, year.source = start.year, found.source
    node = lookup("phạm vi")
    if node:
        plan["scope"] = (node.value or plain(node).split("\n")[0]).rstrip(" .") or None
    node = lookup("mục đích", exclude=("yêu cầu",)) or lookup("mục đích")
    plan["purpose"] = plain(node) if node else None
    node = lookup("yêu cầu", exclude=("mục đích",))
    plan["requirements"] = plain(node) if node else None

    by_kind = {}
    for section in sections(root):
        by_kind.setdefault(section.section(), []).append(section)
    budget = by_kind.get("budget") or [n for n in [lookup("kinh phí")] if n]
    plan["budget"] = "".join(html(s) for s in budget) or None
    plan["implementation"] = (
        "".join(html(s) for s in by_kind.get("implementation", [])) or None
    )
    others = by_kind.get("text", [])
    plan["text"] = "".join(html(s, with_heading=True) for s in others) or None


# -- entry points --------------------------------------------------------------------


def parse_text(text: str) -> dict:
    """A plan (or results report) when the text is one, else a news article
    about a plan; ``ParseError("not_a_plan")`` when it is neither."""
    document = strip_page(text, article=False).text
    if layout(prepare(document)) is not None:
        return parse_plan(document)
    if ABOUT_A_PLAN.search(text):
        return parse_news(text)
    if without_accents(text):
        raise ParseError("no_diacritics")
    raise ParseError("not_a_plan")


ABOUT_A_PLAN = re.compile(r"kế\s+hoạch|tháng\s+hành\s+động|trẻ\s+em|thiếu\s+nhi", re.I)
# The same words once their accents are lost (``KE HOACH``, ``tre em``).
ABOUT_A_PLAN_BARE = re.compile(r"\bke\s+hoach\b|\btre\s+em\b|\bthieu\s+nhi\b", re.I)
_ACCENTED = re.compile(r"[À-ỹĐđ]")


def without_accents(text: str) -> bool:
    """Whether ``text`` is Vietnamese about a plan that lost its accents: its
    words name one (``ke hoach``, ``tre em``) and hardly a letter is accented
    (in Vietnamese about one letter in six is)."""
    letters = sum(c.isalpha() for c in text)
    if letters < 200 or not ABOUT_A_PLAN_BARE.search(text):
        return False
    return len(_ACCENTED.findall(text)) < letters / 100


def parse_document(filename: str, data: bytes, *, max_bytes: int = MAX_BYTES) -> dict:
    """Read ``data`` and parse it as a plan, or as a news article about a plan."""
    return parse_text(read_text(filename, data, max_bytes=max_bytes))
