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

from collective.thdtre.importer.outline import build_tree
from collective.thdtre.importer.outline import DATE
from collective.thdtre.importer.outline import find
from collective.thdtre.importer.outline import first_clause
from collective.thdtre.importer.outline import first_quote
from collective.thdtre.importer.outline import html
from collective.thdtre.importer.outline import is_upper
from collective.thdtre.importer.outline import iso
from collective.thdtre.importer.outline import Line
from collective.thdtre.importer.outline import marker
from collective.thdtre.importer.outline import Node
from collective.thdtre.importer.outline import PERIOD_RE
from collective.thdtre.importer.outline import plain
from collective.thdtre.importer.outline import prepare
from collective.thdtre.importer.outline import sections
from collective.thdtre.importer.outline import to_date
from collective.thdtre.importer.parts import activities
from collective.thdtre.importer.parts import APPENDIX_RE
from collective.thdtre.importer.parts import document_number
from collective.thdtre.importer.parts import issuer_in
from collective.thdtre.importer.parts import layout
from collective.thdtre.importer.parts import legal_refs
from collective.thdtre.importer.parts import read_header
from collective.thdtre.importer.parts import read_tail
from collective.thdtre.importer.parts import UNIT_WORDS
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
from datetime import date
from html import escape

import argparse
import json
import re
import sys


PLAN_FIELDS = (
    "title number symbol parent_body issuing_body issue_place issue_date year theme "
    "period_start period_end scope legal_basis purpose requirements text budget "
    "implementation signing_authority signer_title signer_name recipients "
    "report_deadline report_recipient"
).split()

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
    "ParseError",
    "main",
    "parse_document",
    "parse_news",
    "parse_plan",
    "read_text",
]

# -- plan ---------------------------------------------------------------------------


def parse_plan(text: str) -> dict:
    """The fields, slogans and activities of a plan document's text."""
    lines = prepare(text)
    if not lines:
        raise ParseError("empty")
    parts = layout(lines)
    if parts is None:
        raise ParseError("not_a_plan")
    plan, warnings = {"title": parts.summary}, []
    read_header(parts.header, plan)
    issue_year = plan.pop("_issue_year", None)
    plan["legal_basis"] = "\n".join(parts.legal) or None
    if "issuing_body" not in plan and issuer_in(plan["legal_basis"]):
        plan["issuing_body"] = issuer_in(plan["legal_basis"])
        warnings.append("Issuing body taken from the legal basis: no header found.")
    root = build_tree(parts.body)
    read_tail(parts.tail, plan)
    read_contents(root, text, plan)
    named_year = re.search(r"năm\s+(\d{4})", plan["title"] or "")
    plan["year"] = next(
        (int(v[:4]) for v in (plan.get("period_start"), plan.get("issue_date")) if v),
        issue_year or (int(named_year[1]) if named_year else None),
    )
    implementation = [s for s in sections(root) if s.section() == "implementation"]
    for source in ("\n".join(plain(s) for s in implementation), plain(root)):
        recipient, deadline = report(source, plan["year"])
        if recipient or deadline:
            plan["report_recipient"], plan["report_deadline"] = recipient, iso(deadline)
            break
    slogans = body_slogans(root)
    slogans += [s for s in appendix_slogans(parts.appendix) if s not in slogans]
    acts = activities(root, plan["year"])
    refs = legal_refs(plan["legal_basis"] or "")

    for field in ("title", "symbol", "issue_place", "theme", "period_start"):
        if not plan.get(field):
            warnings.append(f"Not found: {field}.")
    if not plan.get("signer_name"):
        warnings.append("Not found: signer_name.")
    if plan.get("symbol") and plan.get("number") is None:
        warnings.append("The number is blank: the plan is a draft.")
    if plan.get("issue_place") and not plan.get("issue_date"):
        warnings.append("The day of issue is blank: the plan is a draft.")
    if not acts:
        warnings.append("No activities found.")
    if not slogans:
        warnings.append("No slogans found.")
    plan["recipients"] = plan.get("recipients") or []
    return {
        "kind": "plan",
        "plan": {name: plan.get(name) for name in PLAN_FIELDS},
        "slogans": slogans,
        "activities": acts,
        "implements": [r["number"] for r in refs if "/KH-" in r["number"]],
        "legal_refs": refs,
        "warnings": warnings,
    }


def read_contents(root: Node, text: str, plan: dict) -> None:
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
    if theme is None:
        match = re.search(r"chủ đề[^“\"\n]{0,80}?([“\"][^”\"\n]+[”\"])", text, re.I)
        theme = first_quote(match[1]) if match else None
    plan["theme"] = theme

    node = lookup("thời gian")
    for source in (plain(node) if node else "", plain(root), text):
        period = PERIOD_RE.search(source)
        if period:
            end = to_date(period[2])
            plan["period_start"] = iso(to_date(period[1], end.year if end else None))
            plan["period_end"] = iso(end)
            break
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


# -- slogans, report ----------------------------------------------------------------


def slogan_text(text: str) -> str:
    quoted = re.fullmatch(r"[“\"]\s*(.+?)\s*[”\"]\s*[.;,]?", text)
    return (quoted[1] if quoted else text).rstrip(" ;,")


def body_slogans(root: Node) -> list[str]:
    def leaves(node):
        for child in node.children:
            if child.kind in ("p", "row"):
                continue
            if child.children and child.is_heading:
                yield from leaves(child)
            else:
                yield child.text

    out = []
    for node in root.walk():
        key = node.key()
        if node.is_heading and ("khẩu hiệu" in key or "thông điệp" in key):
            out += [slogan_text(t) for t in leaves(node) if slogan_text(t) not in out]
    return out


def appendix_slogans(lines: list[Line]) -> list[str]:
    out, topic, started = [], False, False
    for line in lines:
        kind, _label, text = marker(line.text)
        key = text.casefold()
        if APPENDIX_RE.match(line.text) or kind == "roman" or is_upper(text):
            if APPENDIX_RE.match(line.text) or kind == "roman":
                topic, started = False, False
            topic = topic or "khẩu hiệu" in key or "thông điệp" in key
        elif topic and kind not in ("p", "row"):
            started = True
            out.append(slogan_text(text))
        elif topic and not started and not text.startswith("(") and len(text) < 200:
            out.append(slogan_text(text))
    return out


def report(text: str, year: int | None) -> tuple[str | None, date | None]:
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


# -- news ---------------------------------------------------------------------------

FOOTER_RE = re.compile(
    r"^(?:Tin khác|Các tin khác|Tin liên quan|Bài viết liên quan|Tin cùng chuyên mục"
    r"|Thống kê truy cập)\b",
    re.I,
)
PLAN_NUMBER_RE = re.compile(
    r"Kế hoạch\s+(?:số\s+)?(\d+\s*/\s*KH\s*[-–]\s*[\w&.-]+)", re.I
)


def parse_news(text: str) -> dict:
    """A news article about a plan: title, lead, body, byline and the plan it names."""
    lines, view_count = [], None
    for line in prepare(text):
        if FOOTER_RE.match(line.text):
            break
        views = re.match(r"^(?:Số\s+)?lượt xem\s*:?\s*([\d.,]+)", line.text, re.I)
        if views:
            view_count = int(re.sub(r"\D", "", views[1]))
        elif not re.match(
            r"^(?:Ngày đăng|Đăng ngày|Cập nhật|Ngày cập nhật)\b", line.text
        ):
            lines.append(line.text)
    if not lines:
        raise ParseError("empty")
    title, paragraphs = lines[0], lines[1:]
    byline = None
    last = paragraphs[-1] if paragraphs else ""
    initials = re.fullmatch(r"(?:[A-ZĐ]\.)+[A-ZĐ]?\.?", last)
    if len(last) <= 40 and len(last.split()) <= 5 and (initials or last[-1] != "."):
        byline = paragraphs.pop().removeprefix("Tác giả:").strip()
    lead = paragraphs[0] if paragraphs else ""
    number = PLAN_NUMBER_RE.search(lead) or PLAN_NUMBER_RE.search(text)
    day = re.search(rf"({DATE})", lead)
    signer = re.search(r"([^,]*?)\s+(?:đã\s+)?(?:ký|thay mặt)", lead)
    signer_name = signer_title = None
    if signer:
        words = signer[1].split()
        cut = len(words)
        while cut > 0 and words[cut - 1][0].isupper() and not words[cut - 1].isupper():
            cut -= 1
        if len(words) - cut >= 2:
            signer_name = " ".join(words[cut:])
            signer_title = " ".join(words[:cut]) or None
    return {
        "kind": "news",
        "title": title,
        "description": lead or None,
        "text": "".join(f"<p>{escape(p, False)}</p>" for p in paragraphs[1:]),
        "paragraphs": paragraphs[1:],
        "byline": byline,
        "view_count": view_count,
        "plan_number": document_number(number[1]) if number else None,
        "issue_date": iso(to_date(day[1])) if day else None,
        "signer": signer_name,
        "signer_title": signer_title,
        "warnings": [] if number else ["The article names no plan number."],
    }


# -- entry points --------------------------------------------------------------------


def is_plan(text: str) -> bool:
    return layout(prepare(text)) is not None


def parse_document(filename: str, data: bytes, *, max_bytes: int = MAX_BYTES) -> dict:
    """Read ``data`` and parse it as a plan, or as a news article about a plan."""
    text = read_text(filename, data, max_bytes=max_bytes)
    if is_plan(text):
        return parse_plan(text)
    if PLAN_NUMBER_RE.search(text[:3000]):
        return parse_news(text)
    raise ParseError("not_a_plan")


def main(argv=None) -> int:
    """``thdtre-parse FILE``: print the parse as JSON; exit 1 on a bad file."""
    parser = argparse.ArgumentParser(prog="thdtre-parse", description=main.__doc__)
    parser.add_argument("file")
    parser.add_argument("--max-bytes", type=int, default=MAX_BYTES)
    args = parser.parse_args(argv)
    try:
        with open(args.file, "rb") as stream:
            data = stream.read()
        result = parse_document(args.file, data, max_bytes=args.max_bytes)
    except ParseError as error:
        print(f"{args.file}: {error.message}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"{args.file}: {error.strerror}", file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
