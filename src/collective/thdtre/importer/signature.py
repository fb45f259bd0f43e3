"""The end of an official document: the signature block (authority, title,
name) and the recipients (``Nơi nhận``), in either order, on lines of their own
or flattened into table cells. Pure Python."""

from collective.thdtre.importer.outline import BULLETS
from collective.thdtre.importer.outline import is_upper
from collective.thdtre.importer.outline import Line
from collective.thdtre.importer.outline import marker

import re


RECIPIENTS_RE = re.compile(r"^Nơi\s+nhận\s*:?\s*(.*)$", re.I)
SIGN_PREFIX = re.compile(r"^(?:TM|KT|TL|TUQ|Q)\s*\.\s*\S")

DEGREE = re.compile(
    r"^(?:(?:PGS|GS|TS|ThS|Ths|BS|BSCK\s*I{1,2}|CK\s*I{1,2}|DS|KS|CN|Lương y)\.?\s*)+"
    r"(?=[A-ZĐ])"
)  # "BSCKII. Vũ Thị Thanh Tâm", "ThS. Lê Văn A"


def is_name(text: str) -> bool:
    """A person's name: two to six capitalised words (``Y Thuyên Niê``, ``K' Brăl``),
    perhaps after a degree (``ThS.``)."""
    text = DEGREE.sub("", text)
    words = text.split()
    return (
        1 < len(words) <= 6
        and all(w[0].isupper() and (len(w.rstrip("'’")) == 1 or not w.isupper())
                for w in words)
        and not re.search(r"[\d:;,.()]", text)
    )  # fmt: skip


def read_signature(lines: list[str], plan: dict, sources: dict) -> None:
    titles, name = [], None
    for text in lines:
        if re.match(r"\(?\s*(?:đã ký|ký|ký tên|đóng dấu|chữ ký)\b", text, re.I):
            continue
        text = DEGREE.sub("", text)
        words = text.split()
        cut = len(words)  # "TM. ỦY BAN NHÂN DÂN ... PHÓ CHỦ TỊCH Đinh Văn Tuyên"
        while cut > 0 and not is_upper(words[cut - 1]) and words[cut - 1][0].isupper():
            cut -= 1
        if 0 < cut < len(words) and is_upper(" ".join(words[:cut])):
            head, tail = " ".join(words[:cut]), " ".join(words[cut:])
            if is_name(tail) and name is None:
                titles.append(head)
                name = tail
                continue
        if is_upper(text) and name is None:
            titles.append(text)
        elif is_name(text):
            name = text
    if len(titles) == 1 and SIGN_PREFIX.match(titles[0]):
        titles = [
            t.strip() for t in re.split(r"\s(?=(?:KT|TL|TUQ)\s*\.|PHÓ\s)", titles[0])
        ]
    if titles and SIGN_PREFIX.match(titles[-1]):
        titles.append(None)
    if len(titles) > 1:
        plan["signing_authority"] = " ".join(titles[:-1])
    if titles and titles[-1]:
        plan["signer_title"] = titles[-1]
    if name:
        plan["signer_name"] = sources["signer_name"] = name


def read_tail(lines: list[Line], plan: dict, sources: dict) -> None:
    """Recipients (``Nơi nhận``) and the signature block, in either order."""
    recipients, rest, listing = [], [], False
    cells = [c.strip() for line in lines for c in line.text.split("|") if c.strip()]
    for cell in cells:
        heading = RECIPIENTS_RE.match(cell)
        kind, _label, text = marker(cell)
        if heading:
            listing = True
            text = heading[1]
            kind, _label, text = marker(text) if text else ("p", "", "")
        elif listing and not (kind in BULLETS or text.startswith(("Lưu", "Như"))):
            listing = False
        if listing:
            recipients += [
                t.strip(" ;,") for t in re.split(r"\s-\s", text) if t.strip()
            ]
        else:
            rest.append(cell)
    plan["recipients"] = recipients
    read_signature(rest, plan, sources)
