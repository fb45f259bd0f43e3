"""The translation catalogues are complete, compiled and in step with the code.

No Plone layer: these tests read the files under locales/ and run i18ndude.
Regenerate everything with `make i18n` (scripts/i18n.sh).
"""

from pathlib import Path
from pythongettext.msgfmt import Msgfmt
from zope.i18n.gettextmessagecatalog import GettextMessageCatalog

import ast
import pytest
import re
import shutil
import subprocess
import sys
import unicodedata


ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "collective" / "thdtre"
LOCALES = PACKAGE / "locales"
# The add-on's own domain and plone (extracted from the package), then Plone's
# other domains whose hand-kept .pot files (widgets.pot, z3c.form.pot, ...) list
# the msgids plone.app.locales leaves without Vietnamese.
EXTRACTED = ("collective.thdtre", "plone")
HAND_KEPT = tuple(
    sorted(
        pot.stem
        for pot in LOCALES.glob("*.pot")
        if pot.stem not in EXTRACTED and not pot.stem.endswith("-manual")
    )
)
DOMAINS = EXTRACTED + HAND_KEPT
LANGUAGES = ("vi", "en")
CATALOGUES = [(domain, lang) for domain in DOMAINS for lang in LANGUAGES]
FIX = "run `make i18n` and translate the new msgids"

# A keyword and its quoted strings. A string may hold a raw line break: i18ndude
# writes one for a msgid with "\n" in Python, before scripts/i18n.sh fixes it.
ENTRY = re.compile(
    r"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+"
    r'((?:"(?:[^"\\]|\\.)*"[ \t]*(?:\n|\Z)[ \t]*)+)',
    re.M,
)
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
PLACEHOLDER = re.compile(r"\$\{\w+\}|%\(\w+\)[sd]")


def _unquote(quoted: str) -> str:
    parts = STRING.findall(quoted)
    return "".join(ast.literal_eval(f'"{p}"'.replace("\n", "\\n")) for p in parts)


def parse(path: Path) -> dict[str, dict]:
    """{msgid: {"msgstr": ..., "fuzzy": bool}} of a .po or .pot, header left out."""
    text = path.read_text(encoding="utf-8")
    entries = {}
    current = None
    last_end = 0
    for match in ENTRY.finditer(text):
        keyword, value = match[1], _unquote(match[2])
        if keyword == "msgid":
            comments = text[last_end : match.start()]
            fuzzy = bool(re.search(r"^#,.*\bfuzzy\b", comments, re.M))
            current = {"msgid": value, "msgstr": "", "fuzzy": fuzzy}
        elif keyword.startswith("msgstr") and current is not None:
            current["msgstr"] += value
            if current["msgid"]:
                entries[current["msgid"]] = current
            current = None
        last_end = match.end()
    return entries


def pot_path(domain: str) -> Path:
    return LOCALES / f"{domain}.pot"


def po_path(domain: str, lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / f"{domain}.po"


def test_parse_reads_escapes_continuations_and_raw_line_breaks(tmp_path):
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: vi\\n"\n\n'
        '#, fuzzy\nmsgid "A \\"b\\"\\nc"\nmsgstr ""\n"Một "\n"hai"\n\n'
        'msgid "raw\n\nbreak"\nmsgstr "x"\n',
        encoding="utf-8",
    )
    assert parse(po) == {
        'A "b"\nc': {"msgid": 'A "b"\nc', "msgstr": "Một hai", "fuzzy": True},
        "raw\n\nbreak": {"msgid": "raw\n\nbreak", "msgstr": "x", "fuzzy": False},
    }


@pytest.mark.parametrize("domain", DOMAINS)
def test_pot_has_msgids(domain):
    assert parse(pot_path(domain)), f"{pot_path(domain)} holds no msgid; {FIX}"


@pytest.mark.parametrize(("domain", "lang"), CATALOGUES)
def test_catalogue_has_exactly_the_pot_msgids(domain, lang):
    expected = set(parse(pot_path(domain)))
    found = set(parse(po_path(domain, lang)))
    missing = sorted(expected - found)
    stale = sorted(found - expected)
    assert not missing and not stale, (
        f"{po_path(domain, lang).relative_to(ROOT)} is out of sync with its .pot "
        f"({FIX}):\nmissing {missing}\nnot in the .pot {stale}"
    )


@pytest.mark.parametrize(("domain", "lang"), CATALOGUES)
def test_every_msgid_is_translated(domain, lang):
    entries = parse(po_path(domain, lang))
    untranslated = sorted(m for m, e in entries.items() if not e["msgstr"].strip())
    fuzzy = sorted(m for m, e in entries.items() if e["fuzzy"])
    assert not untranslated, f"{lang} {domain}: no msgstr for {untranslated}"
    assert not fuzzy, f"{lang} {domain}: fuzzy (ignored when compiled): {fuzzy}"


@pytest.mark.parametrize("domain", DOMAINS)
def test_vietnamese_is_really_translated(domain):
    entries = parse(po_path(domain, "vi"))
    same = sorted(m for m, e in entries.items() if e["msgstr"] == m)
    assert len(same) <= 0.1 * len(entries), (
        f"vi {domain}: {len(same)} of {len(entries)} msgstrs are the English "
        f"msgid: {same}"
    )


@pytest.mark.parametrize("domain", DOMAINS)
def test_vietnamese_is_nfc(domain):
    entries = parse(po_path(domain, "vi"))
    not_nfc = sorted(
        m
        for m, e in entries.items()
        if unicodedata.normalize("NFC", e["msgstr"]) != e["msgstr"]
    )
    assert not not_nfc, f"vi {domain}: msgstrs not NFC-normalised: {not_nfc}"


def _english(domain: str, msgid: str, english: dict) -> str:
    """The English text: the msgid, or for an id (label_save) the en msgstr."""
    if " " in msgid or PLACEHOLDER.search(msgid) or msgid not in english:
        return msgid
    return english[msgid]["msgstr"]


@pytest.mark.parametrize(("domain", "lang"), CATALOGUES)
def test_translations_keep_the_placeholders(domain, lang):
    entries = parse(po_path(domain, lang))
    english = parse(po_path(domain, "en"))
    wrong = sorted(
        m
        for m, e in entries.items()
        if sorted(PLACEHOLDER.findall(_english(domain, m, english)))
        != sorted(PLACEHOLDER.findall(e["msgstr"]))
    )
    assert not wrong, f"{lang} {domain}: ${{...}} or %(...) changed in {wrong}"


@pytest.mark.parametrize(("domain", "lang"), CATALOGUES)
def test_mo_is_compiled_from_the_current_po(domain, lang):
    # Compare contents, not mtimes: a git checkout sets mtimes arbitrarily.
    po = po_path(domain, lang)
    mo = po.with_suffix(".mo")
    assert mo.is_file(), f"{mo.relative_to(ROOT)} is missing; {FIX}"
    with po.open("rb") as fd:
        fresh = Msgfmt(fd, domain).get()
    assert mo.read_bytes() == fresh, f"{mo.relative_to(ROOT)} is stale; {FIX}"


@pytest.mark.parametrize(
    ("domain", "msgid", "expected"),
    [
        ("collective.thdtre", "Plan", "Kế hoạch"),
        ("collective.thdtre", "Lead unit", "Đơn vị chủ trì"),
        ("collective.thdtre", "DRAFT", "DỰ THẢO"),
        ("plone", "Report", "Báo cáo"),
    ],
)
def test_zope_reads_the_vietnamese_mo(domain, msgid, expected):
    catalog = GettextMessageCatalog(
        "vi", domain, str(po_path(domain, "vi").with_suffix(".mo"))
    )
    assert catalog.queryMessage(msgid) == expected


def _i18ndude():
    beside_python = Path(sys.executable).parent / "i18ndude"
    if beside_python.is_file():
        return str(beside_python)
    return shutil.which("i18ndude")


# The same extraction as scripts/i18n.sh, per domain.
REBUILD = {
    "collective.thdtre": ["src/collective/thdtre"],
    "plone": [
        "--merge",
        "src/collective/thdtre/locales/plone-manual.pot",
        "src/collective/thdtre/profiles",
    ],
}


@pytest.mark.parametrize("domain", EXTRACTED)
def test_pot_is_up_to_date_with_the_code(domain, tmp_path):
    i18ndude = _i18ndude()
    if i18ndude is None:
        pytest.skip("i18ndude is not installed (pip install -e '.[test]')")
    fresh = tmp_path / f"{domain}.pot"
    subprocess.run(
        [i18ndude, "rebuild-pot", "--pot", str(fresh), "--create", domain]
        + REBUILD[domain],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    expected = set(parse(fresh))
    committed = set(parse(pot_path(domain)))
    assert expected == committed, (
        f"{pot_path(domain).relative_to(ROOT)} is stale ({FIX}):\n"
        f"new in the code {sorted(expected - committed)}\n"
        f"gone from the code {sorted(committed - expected)}"
    )


def test_plone_domains_catalogues_are_shipped():
    # The Plone screens the add-on's people use: folder contents (widgets),
    # z3c.form's "No value", the history (cmfeditions).
    assert {"widgets", "z3c.form", "cmfeditions"} <= set(HAND_KEPT)


def _plone_app_locales():
    locales = pytest.importorskip("plone.app.locales")
    return Path(locales.__file__).parent / "locales"


@pytest.mark.parametrize("domain", ("plone", *HAND_KEPT))
def test_vietnamese_fills_what_plone_leaves_empty(domain):
    """zope.i18n asks the catalogues of a domain in the order they were
    registered and plone.app.locales registers first: a msgid it translates
    already would never show ours, so none is kept."""
    theirs = _plone_app_locales() / "vi" / "LC_MESSAGES" / f"{domain}.po"
    if not theirs.is_file():
        return  # no Vietnamese catalogue of the domain in Plone: ours is the one
    translated = {m for m, e in parse(theirs).items() if e["msgstr"] and not e["fuzzy"]}
    shadowed = sorted(set(parse(po_path(domain, "vi"))) & translated)
    assert not shadowed, f"vi {domain}: plone.app.locales translates {shadowed}"


@pytest.mark.parametrize(
    ("domain", "msgid", "expected"),
    [
        ("plone", "Save", "Lưu"),
        ("plone", "label_change_note", "Ghi chú thay đổi"),
        ("z3c.form", "No value", "Không có giá trị"),
        ("widgets", "Configure displayed columns", "Chọn các cột hiển thị"),
    ],
)
def test_plone_screens_read_vietnamese_from_the_add_on(domain, msgid, expected):
    catalog = GettextMessageCatalog(
        "vi", domain, str(po_path(domain, "vi").with_suffix(".mo"))
    )
    assert catalog.queryMessage(msgid) == expected
