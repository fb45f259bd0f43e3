"""Slogans and messages (khẩu hiệu, thông điệp), wherever a text puts them: a
section of the plan, an activity ("... với nội dung cụ thể:" and a ``-``
list), an appendix, or a sentence of a news article (``gồm: a; b; c``).

Pure Python. A page copied in part ends in the middle of a list: an item cut
off by the end of the text is not a slogan and is left out.
"""

from collective.thdtre.importer.layout import APPENDIX_RE
from collective.thdtre.importer.outline import is_upper
from collective.thdtre.importer.outline import Line
from collective.thdtre.importer.outline import marker
from collective.thdtre.importer.outline import Node
from collective.thdtre.importer.prose import Found
from collective.thdtre.importer.prose import inline_items

import re


NAMES_SLOGANS = re.compile(r"khẩu\s+hiệu|thông\s+điệp", re.I)
ENDS_SENTENCE = re.compile(r"[.!?;,”\"'’)…]\s*$")


def slogan_text(text: str) -> str:
    quoted = re.fullmatch(r"[“\"]\s*(.+?)\s*[”\"]\s*[.;,]?", text)
    return (quoted[1] if quoted else text).rstrip(" ;,")


def announces_slogans(node: Node) -> bool:
    """A heading about slogans, or an item ending "... khẩu hiệu với nội dung:"."""
    if node.text.endswith(":") and NAMES_SLOGANS.search(node.text):
        return True
    return node.is_heading and bool(NAMES_SLOGANS.search(node.key()))


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
        if not announces_slogans(node):
            continue
        if any(announces_slogans(n) for n in node.walk()):
            continue  # "II. CHỦ ĐỀ, THỜI GIAN, KHẨU HIỆU": its "2.3. Khẩu hiệu" says
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


def listed_slogans(lines: list[Line]) -> Found | None:
    """Slogans after a line that announces them: numbered or bulleted lines
    below it, or ``a; b; c`` after its colon."""
    for index, line in enumerate(lines):
        found = NAMES_SLOGANS.search(line.text)
        if not found:
            continue
        last = index == len(lines) - 1
        head, colon, rest = line.text[found.end() :].partition(":")
        if colon and rest.count(";") >= 1:
            items = inline_items(rest)
            if last and not ENDS_SENTENCE.search(rest):
                items = items[:-1]  # the page was cut in the middle of the list
            if items:
                return Found(items, line.text)
            continue
        heading = line.text.rstrip().endswith(":") or (
            len(line.text.split()) <= 14 and not ENDS_SENTENCE.search(line.text)
        )
        if heading:
            items = list_below(lines, index + 1)
            if items:
                return Found(items, line.text)
    return None


def list_below(lines: list[Line], start: int) -> list[str]:
    items, kinds, marks = [], set(), []
    for line in lines[start:]:
        kind, _label, text = marker(line.text)
        if kind == "p" or (kinds and kind not in kinds):
            break
        kinds.add(kind)
        items.append(text)
        marks.append(bool(ENDS_SENTENCE.search(text)))
    if not items:
        return []
    if start + len(items) == len(lines) and len(items) > 1 and not marks[-1]:
        if any(marks[:-1]):
            items = items[:-1]  # the page was cut in the middle of the list
    return [slogan_text(re.sub(r"[.;]$", "", t).strip()) for t in items]
