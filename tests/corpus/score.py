"""Score the parser on documents whose facts were checked by hand.

Pure Python (no Plone): ``make fidelity`` and the fidelity test use it. A fact
is *stated* when the annotation gives a value (``null`` = not stated; an empty
slogan list = none stated); each stated fact is right or wrong. A value the
parser gives for a fact the text does not state is counted apart as
*invented* (a banner's date taken for the issue date, say).
"""

from pathlib import Path

import json
import re
import time
import unicodedata


FIELDS = (
    "document_number",
    "issuing_body",
    "parent_body",
    "place",
    "issue_date",
    "year",
    "title",
    "theme",
    "period_start",
    "period_end",
    "signer",
    "slogans",
    "activity_count",
)

# Spellings of one name: abbreviations and the two placements of the tone mark.
_SYNONYMS = (
    (r"\bubnd\b", "ủy ban nhân dân"),
    (r"\bhđnd\b", "hội đồng nhân dân"),
    (r"\btp\.?\s", "thành phố "),
    (r"\blđ-?tb&xh\b|\blđtbxh\b", "lao động - thương binh và xã hội"),
    (r"\bhlhpn\b", "hội liên hiệp phụ nữ"),
    (r"\btncs\b", "thanh niên cộng sản"),
)
_TONES = str.maketrans(
    {"ỷ": "ủ", "ỳ": "ù", "ý": "ú", "ỹ": "ũ", "ỵ": "ụ"}
)  # only used after "u": see _tone


def _tone(text: str) -> str:
    # "uỷ"/"ủy", "thuỷ"/"thủy", "hoà"/"hòa": old and new tone placement.
    text = re.sub(r"u([ỷỳýỹỵ])", lambda m: m[1].translate(_TONES) + "y", text)
    text = re.sub(
        r"o([àáảãạ])",
        lambda m: {"à": "ò", "á": "ó", "ả": "ỏ", "ã": "õ", "ạ": "ọ"}[m[1]] + "a",
        text,
    )
    return text


def norm(value) -> str:
    """Compare texts without case, quotes, punctuation at the ends, spacing."""
    text = unicodedata.normalize("NFC", str(value)).lower()
    text = _tone(text)
    text = re.sub(r"[“”\"'‘’«»]", "", text)
    for pattern, replacement in _SYNONYMS:
        text = re.sub(pattern, replacement, text)
    text = re.sub(r"\s*([-–/])\s*", r"\1", text)
    text = re.sub(r"[–]", "-", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" .,;:!?()[]")


def norm_number(value) -> str:
    return re.sub(r"\s+", "", str(value)).upper().replace("–", "-")


def same(field: str, expected, got) -> bool:
    """Whether ``got`` states the same fact as the annotation ``expected``."""
    if got in (None, "", []):
        return False
    if field == "document_number":
        return norm_number(expected) == norm_number(got)
    if field in ("year", "activity_count"):
        try:
            return int(expected) == int(got)
        except (TypeError, ValueError):
            return False
    if field == "slogans":
        want = sorted(norm(s) for s in expected)
        have = sorted(norm(s) for s in got)
        return want == have
    if field == "title":
        strip = r"^(kế hoạch|báo cáo|thông báo)\s*(số\s*\S+\s*)?(về việc|v/v)?\s*"
        return re.sub(strip, "", norm(expected)) == re.sub(strip, "", norm(got))
    return norm(expected) == norm(got)


def stated(expected) -> bool:
    return expected not in (None, [], "")


def facts_of(result: dict) -> dict:
    """The parser's answer in the annotation's terms.

    A news page answers with the plan it reports on (``result["plan"]``) when
    the parser gives one; a plan answers with its own fields.
    """
    if result.get("kind") == "news":
        plan = result.get("plan") or {}
    else:  # a plan's fields are under "plan", its slogans and activities beside it
        plan = {**result, **(result.get("plan") or {})}
    number, symbol = plan.get("number"), plan.get("symbol")
    if plan.get("document_number"):
        document = plan["document_number"]
    elif symbol:
        document = f"{number if number is not None else ''}/{symbol}"
    else:
        document = result.get("plan_number")
    slogans = plan.get("slogans") or []
    slogans = [s["title"] if isinstance(s, dict) else s for s in slogans]
    activities = plan.get("activities")
    return {
        "document_number": document,
        "issuing_body": plan.get("issuing_body"),
        "parent_body": plan.get("parent_body"),
        "place": plan.get("issue_place"),
        "issue_date": plan.get("issue_date") or result.get("issue_date"),
        "year": plan.get("year"),
        "title": plan.get("title")
        if plan is not result or result.get("kind") != "news"
        else None,
        "theme": plan.get("theme"),
        "period_start": plan.get("period_start"),
        "period_end": plan.get("period_end"),
        "signer": plan.get("signer_name") or result.get("signer"),
        "slogans": slogans,
        "activity_count": len(activities) if activities else None,
    }


class Tally:
    """Facts right and stated, per field, and the slowest parse."""

    def __init__(self):
        self.right = dict.fromkeys(FIELDS, 0)
        self.stated = dict.fromkeys(FIELDS, 0)
        self.invented = dict.fromkeys(FIELDS, 0)
        self.misses = []
        self.slowest = (0.0, None)
        self.failed = []

    def add(self, name: str, expected: dict, result: dict | None, seconds: float):
        if seconds > self.slowest[0]:
            self.slowest = (seconds, name)
        got = facts_of(result) if result is not None else {}
        for field in FIELDS:
            want = expected.get(field)
            have = got.get(field)
            if stated(want):
                self.stated[field] += 1
                if same(field, want, have):
                    self.right[field] += 1
                else:
                    self.misses.append((name, field, want, have))
            elif have not in (None, "", []):
                self.invented[field] += 1

    @property
    def overall(self) -> float:
        stated = sum(self.stated.values())
        return sum(self.right.values()) / stated if stated else 1.0

    def ratio(self, field: str) -> float | None:
        return self.right[field] / self.stated[field] if self.stated[field] else None

    def table(self, title: str) -> str:
        lines = [
            f"{title}: {sum(self.right.values())}/{sum(self.stated.values())} "
            f"stated facts right ({self.overall:.1%})"
        ]
        lines.append(
            f"  {'field':16} {'right':>7} {'stated':>7} {'ratio':>7} {'invented':>9}"
        )
        for field in FIELDS:
            ratio = self.ratio(field)
            shown = "-" if ratio is None else f"{ratio:.0%}"
            lines.append(
                f"  {field:16} {self.right[field]:7} {self.stated[field]:7} "
                f"{shown:>7} {self.invented[field]:9}"
            )
        seconds, name = self.slowest
        lines.append(f"  slowest parse: {seconds * 1000:.1f} ms ({name})")
        if self.failed:
            lines.append(f"  refused: {', '.join(self.failed)}")
        return "\n".join(lines)


def score(documents, parse) -> Tally:
    """``documents``: (name, filename, bytes, facts); ``parse(filename, data)``."""
    tally = Tally()
    for name, filename, data, expected in documents:
        start = time.perf_counter()
        try:
            result = parse(filename, data)
        except Exception:  # noqa: BLE001 - a refusal is a wrong answer, counted
            result = None
            tally.failed.append(name)
        tally.add(name, expected, result, time.perf_counter() - start)
    return tally


def corpus_documents(index: Path, folder: Path, *, round: str | None = None):
    """The indexed texts found in ``folder`` (any depth), as ``score`` wants them."""
    texts = json.loads(index.read_text(encoding="utf-8"))["texts"]
    files = {p.stem: p for p in folder.rglob("*.txt")}
    for entry in texts:
        if round and entry.get("round") != round:
            continue
        path = files.get(entry["id"])
        if path is None:
            continue
        yield entry["id"], path.name, path.read_bytes(), entry["facts"]


def check_folder(index: Path, folder: Path) -> list[str]:
    """Problems of a collected folder against the index (missing files, wrong URL)."""
    problems = []
    files = {p.stem: p for p in folder.rglob("*.txt")}
    for entry in json.loads(index.read_text(encoding="utf-8"))["texts"]:
        path = files.get(entry["id"])
        if path is None:
            problems.append(f"{entry['id']}: missing ({entry['url']})")
            continue
        first = path.read_text(encoding="utf-8").split("\n", 1)[0].strip()
        if first != entry["url"]:
            problems.append(f"{entry['id']}: line 1 is {first!r}, not the URL")
    return problems
