"""The outline of a document's text: lines, list markers, sections and dates.

Pure Python. Real plans number their parts freely (I., 1., 1.1., a), -, +) and
split sentences over page breaks; this module turns such text into a tree of
``Node`` s whose numbering puts each item under the one above it, so the parser
can find a part by what its heading says, never by its position or numeral.
"""

from datetime import date
from html import escape

import re


# -- dates ----------------------------------------------------------------------

DATE = (
    r"(?<![\d/])(?:\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
    r"|\d{1,2}\s*[/.\-]\s*\d{1,2}(?:\s*[/.\-]\s*\d{4})?(?![\d/]))"
)
PERIOD_RE = re.compile(
    rf"từ\s+(?:ngày\s+)?({DATE})\s*(?:đến|tới|[-–])\s*(?:hết\s+)?(?:ngày\s+)?({DATE})",
    re.I,
)


def to_date(text: str, year: int | None = None) -> date | None:
    """``01/6/2024``, ``01 tháng 6 năm 2024``; ``01/6`` takes ``year``."""
    numbers = [int(n) for n in re.findall(r"\d+", text or "")]
    if len(numbers) == 2 and year:
        numbers.append(year)
    if len(numbers) != 3:
        return None
    try:
        return date(numbers[2], numbers[1], numbers[0])
    except ValueError:
        return None


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


# -- lines ----------------------------------------------------------------------

MARKERS = [
    ("num", re.compile(r"^[-–]\s*(\d{1,3})\s*[-–.)]\s+(.*)$")),  # "- 1- ..."
    ("roman", re.compile(r"^(?:Phần\s+|PHẦN\s+)?([IVX]{1,5})\s*[.:)\-–]\s*(\S.*)$")),
    ("multi", re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\)?\s+(\S.*)$")),
    ("num", re.compile(r"^(\d{1,2})\s*(?:[.)]|[/\-–](?=\s))\s*([^\d\s].*)$")),
    ("letter", re.compile(r"^([a-zđ])\s*[.)]\s+(\S.*)$")),
    ("dash", re.compile(r"^([-–—])\s*(\S.*)$")),
    ("plus", re.compile(r"^(\+)\s*(\S.*)$")),
    ("dot", re.compile(r"^([•·▪●◦‣⁃])\s*(\S.*)$")),
]
BULLETS = ("dash", "plus", "dot")
SECTION_KEYS = (
    ("implementation", ("tổ chức thực hiện", "trách nhiệm thực hiện", "phân công")),
    ("budget", ("kinh phí",)),
    ("purpose", ("mục đích", "yêu cầu")),
    ("theme", ("chủ đề", "thời gian", "phạm vi")),
    ("slogans", ("khẩu hiệu", "thông điệp")),
    ("contents", ("nội dung", "hoạt động", "nhiệm vụ")),
)


class Line:
    __slots__ = ("text", "blank_before")

    def __init__(self, text, blank_before):
        self.text, self.blank_before = text, blank_before


def clean(raw: str) -> str:
    """One line without Markdown emphasis, escapes and doubled spaces."""
    line = re.sub(r"^\s*(?:#{1,6}\s+|>\s*)", "", raw).strip()
    line = re.sub(r"^\*(?=\s+[^*\s])", "•", line)  # a Markdown "* " bullet
    line = re.sub(r"\\([\\*_.\-#+()\[\]!])", r"\1", line)
    line = line.replace("(*)", "\0").replace("*", "").replace("\0", "(*)")
    line = " ".join(line.split())
    return "" if re.fullmatch(r"[\W_]*", line) and "|" not in line else line


def marker(text: str):
    """``(kind, label, text)`` of a list item, or ``("p", "", text)``."""
    if text.startswith("|") and text.endswith("|"):
        return "row", "", text
    for kind, regex in MARKERS:
        match = regex.match(text)
        if match:
            return kind, match.group(1), match.group(2).strip()
    return "p", "", text


def prepare(text: str) -> list[Line]:
    """Non-blank lines; a line that starts in lower case continues the one
    before (a page break or a hard wrap split the sentence)."""
    lines, blank = [], True
    for raw in text.split("\n"):
        line = clean(raw)
        if not line:
            blank = True
            continue
        if lines and line[0].islower() and marker(line)[0] == "p":
            lines[-1].text += " " + line
        elif not re.fullmatch(r"\d{1,3}|Trang \d+(?:/\d+)?", line):  # page numbers
            lines.append(Line(line, blank))
        blank = False
    return lines


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


# -- outline --------------------------------------------------------------------


class Node:
    """A line of the body and the lines that its numbering puts under it."""

    def __init__(self, kind, label="", text="", raw=""):
        self.kind, self.label, self.text, self.raw = kind, label, text, raw
        self.children = []
        head, sep, value = text.partition(":")
        if sep and len(head) <= 80 and kind not in ("p", "row"):
            self.head, self.value = head.strip(), value.strip()
        else:
            self.head, self.value = (text if self.is_heading else ""), ""

    @property
    def is_heading(self) -> bool:
        if self.kind in ("p", "row", "root"):
            return False
        words = self.text.split()
        return self.text.endswith(":") or (
            len(words) <= 15 and self.text[-1] not in ".;,"
        )

    def key(self) -> str:
        return self.head.casefold()

    def walk(self):
        for child in self.children:
            yield child
            yield from child.walk()

    def section(self) -> str:
        key = self.key()
        for name, words in SECTION_KEYS:
            if any(word in key for word in words):
                return name
        return "text"


def section_heading(text: str, romans: bool):
    """``(numeral, title)`` of a top-level section heading, else None."""
    kind, label, rest = marker(text)
    if kind == "roman":
        return label, rest
    # "1. NỘI DUNG" is a section only where no roman numerals number them
    if (kind == "p" or (kind == "num" and not romans)) and is_upper(rest):
        keys = rest.casefold()
        named = any(word in keys for _n, words in SECTION_KEYS for word in words)
        if (named or kind == "num") and len(rest) < 120:
            return label, rest
    return None


def build_tree(lines: list[Line]) -> Node:
    """Sections under the root, items under the item whose numbering is above
    theirs; a kind of numbering seen higher up closes the items below it."""
    romans = any(marker(line.text)[0] == "roman" for line in lines)
    root = Node("root", text="root")
    stack = [root]
    for line in lines:
        heading = section_heading(line.text, romans)
        if heading:
            node = Node("sec", heading[0], heading[1], line.text)
            root.children.append(node)
            stack = [root, node]
            continue
        kind, label, text = marker(line.text)
        node = Node(kind, label, text, line.text)
        if kind in ("p", "row"):
            while len(stack) > 2 and stack[-1].kind in BULLETS:
                stack.pop()
            if re.match(r"(?:Trên đây|Trong quá trình)\b", text):  # the closing words
                del stack[2:]
            stack[-1].children.append(node)
            continue
        kinds = [n.kind for n in stack]
        if kind in kinds[1:]:
            del stack[kinds.index(kind, 1) :]
        stack[-1].children.append(node)
        stack.append(node)
    return root


def sections(root: Node) -> list[Node]:
    found = [c for c in root.children if c.kind == "sec"]
    return found or [c for c in root.children if c.kind != "p" and c.is_heading]


def plain(node: Node) -> str:
    lines = [node.value] if node.value else []
    return "\n".join(lines + [n.raw for n in node.walk() if n.kind != "row"])


def html(node: Node, with_heading: bool = False) -> str:
    parts = [f"<h3>{escape(node.raw, False)}</h3>"] if with_heading else []
    if node.value and not with_heading:
        parts.append(f"<p>{escape(node.value, False)}</p>")
    for child in node.walk():
        text = escape(child.raw, False)
        strong = child.children and child.is_heading
        parts.append(f"<p><strong>{text}</strong></p>" if strong else f"<p>{text}</p>")
    return "".join(parts)


def find(root: Node, *words: str, exclude=()) -> Node | None:
    """The heading (or ``Label: value`` item) that names one of ``words``: one
    that starts with it before one that only contains it, items before sections."""
    found = [
        node
        for node in root.walk()
        if any(w in node.key() for w in words)
        and not any(w in node.key() for w in exclude)
    ]
    found.sort(key=lambda n: (n.kind == "sec", not n.key().startswith(words)))
    return found[0] if found else None


def first_quote(text: str) -> str | None:
    match = re.search(r"[“\"«]\s*([^“”\"«»\n]{3,}?)\s*[”\"»]", text or "")
    return match.group(1).strip() if match else None


def first_clause(text: str, limit: int = 160) -> str:
    """A title from an item: its heading, else its first clause, shortened."""
    cut = re.split(r";\s|:\s", text.strip().rstrip(":").strip(), maxsplit=1)[0]
    for stop in re.finditer(r"(\S*)\.\s+(\S)", cut):
        abbreviation = stop[1].isupper() and len(stop[1]) <= 4  # "TP. Hải Phòng"
        if stop[2].isupper() and not abbreviation:
            cut = cut[: stop.start() + len(stop[1])]
            break
    cut = cut.rstrip(" .;,")
    if len(cut) > limit:
        cut = cut[:limit].rsplit(" ", 1)[0].rstrip(" ,;") + "…"
    return cut


DATE_IN_LINE = re.compile(r"\d{1,2}\s*/\s*\d{1,2}|ngày\s+\d{1,2}\s+tháng")


def line_with(node, holds) -> str:
    """The line of a section that ``holds`` the value, else the section's
    heading: the evidence shown in the import preview."""
    for line in plain(node).split("\n"):
        if holds(line):
            return line.strip()
    return node.raw
