"""The activities of a plan: the items of its contents section, or the rows
of its activity table, each with its lead and coordinating units and dates.

Pure Python, on the outline (``outline.Node``) of the plan's body.
"""

from collective.thdtre.importer.outline import DATE
from collective.thdtre.importer.outline import find
from collective.thdtre.importer.outline import first_clause
from collective.thdtre.importer.outline import is_upper
from collective.thdtre.importer.outline import iso
from collective.thdtre.importer.outline import Node
from collective.thdtre.importer.outline import PERIOD_RE
from collective.thdtre.importer.outline import sections
from collective.thdtre.importer.outline import to_date
from datetime import date

import re


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
