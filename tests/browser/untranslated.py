"""Which English texts of the loaded catalogues have no Vietnamese translation.

The crawler (test_crawler_vietnamese.py) flags a visible text that equals one
of them. The catalogues are the ones zope.i18n loaded in this Zope process
(the server of the functional layer runs in it): every translation domain,
every catalogue file of it. A msgid's English text is the English catalogue's
msgstr, else the ``Default:`` comment i18ndude writes beside it, else the msgid
itself when it reads as text (``Save`` and ``by``, not ``label_save``).
"""

from pathlib import Path
from zope.component import getUtilitiesFor
from zope.i18n.interfaces import ITranslationDomain

import ast
import re


# Words written the same in Vietnamese: a msgstr equal to them is a translation.
SAME_IN_VIETNAMESE = frozenset(
    {
        *("Email", "E-mail", "ID", "URL", "RSS", "PDF", "HTML", "OK"),
        *("Plone", "Plone Foundation", "Zope"),
    }
)
IDENTIFIER = re.compile(r"[A-Za-z0-9]+(?:[_.-][A-Za-z0-9]+)+")
PLACEHOLDER = re.compile(r"\$\{\w+\}")
LETTERS = re.compile(r"[A-Za-z]")
_ENTRY_KEYS = ("msgctxt", "msgid", "msgid_plural", "msgstr")


def _unquote(line: str) -> str:
    return ast.literal_eval(line.strip()) if line.strip().startswith('"') else ""


def read_po(path: Path) -> dict[str, dict]:
    """{msgid: {"msgstr": str, "default": str}} of a .po/.pot (header left out).

    A fuzzy entry's msgstr counts as empty, as zope.i18n's compiler leaves it out.
    """
    entries: dict[str, dict] = {}
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        fields: dict[str, str] = {}
        default = ""
        key = None
        fuzzy = False
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            elif line.startswith("#. Default:"):
                try:
                    default = _unquote(line[len("#. Default:") :])
                except (SyntaxError, ValueError):
                    default = ""
            elif line.startswith("#"):
                continue
            elif line.startswith('"') and key:
                fields[key] += _unquote(line)
            else:
                key, _, rest = line.partition(" ")
                if key not in _ENTRY_KEYS:
                    key = None
                    continue
                fields[key] = _unquote(rest)
        msgid = fields.get("msgid")
        if msgid and "msgctxt" not in fields:
            msgstr = "" if fuzzy else fields.get("msgstr", "")
            entries[msgid] = {"msgstr": msgstr, "default": default}
    return entries


def _sources(domain) -> list[tuple[str, Path]]:
    """(language, .po or .pot path) of every catalogue file of ``domain``."""
    found = []
    for identifier, catalog in domain._data.items():
        path = Path(str(identifier))
        if path.suffix != ".mo" or catalog.language not in ("vi", "en"):
            continue
        found.append((catalog.language, path.with_suffix(".po")))
        root = path.parents[2]
        for pot in (
            root / f"{domain.domain}.pot",
            root / f"{domain.domain}-manual.pot",
        ):
            found.append(("", pot))
    return sorted({(lang, p) for lang, p in found if p.is_file()})


def english_texts(domain) -> dict[str, str]:
    """{msgid: English text} for one translation domain."""
    english: dict[str, str] = {}
    defaults: dict[str, str] = {}
    msgids: set[str] = set()
    for lang, path in _sources(domain):
        entries = read_po(path)
        msgids.update(entries)
        for msgid, entry in entries.items():
            if entry["default"]:
                defaults.setdefault(msgid, entry["default"])
            if lang == "en" and entry["msgstr"].strip():
                english.setdefault(msgid, entry["msgstr"])
    for msgid in msgids:
        if msgid in english:
            continue
        if msgid in defaults:
            english[msgid] = defaults[msgid]
        elif not IDENTIFIER.fullmatch(msgid):
            english[msgid] = msgid
    return {m: " ".join(t.split()) for m, t in english.items() if LETTERS.search(t)}


def vietnamese(domain, msgid: str) -> str | None:
    """The Vietnamese msgstr the domain's catalogues give, first found wins."""
    for name in domain._catalogs.get("vi", []):
        text = domain._data[name].queryMessage(msgid)
        if text:
            return text
    return None


def untranslated_texts() -> tuple[dict[str, set], list[tuple[re.Pattern, str]]]:
    """English texts without Vietnamese: exact texts and ``${...}`` patterns.

    Returns ({text: {"domain: msgid", ...}}, [(regex, "domain: msgid"), ...]).
    """
    exact: dict[str, set] = {}
    patterns = []
    for name, domain in getUtilitiesFor(ITranslationDomain):
        for msgid, text in english_texts(domain).items():
            translation = vietnamese(domain, msgid)
            if translation and (translation != text or text in SAME_IN_VIETNAMESE):
                continue
            where = f"{name}: {msgid}"
            if PLACEHOLDER.search(text):
                literal = PLACEHOLDER.sub("", text)
                if len(LETTERS.findall(literal)) >= 4:
                    parts = [re.escape(p) for p in PLACEHOLDER.split(text)]
                    regex = re.compile("^" + "(.{1,80}?)".join(parts) + "$")
                    patterns.append((regex, where))
            else:
                exact.setdefault(text, set()).add(where)
    return exact, patterns


def flag(texts, exact, patterns) -> dict[str, set]:
    """{visible text: {"domain: msgid"}} for the texts that are untranslated."""
    found: dict[str, set] = {}
    for text in texts:
        if text in exact:
            found.setdefault(text, set()).update(exact[text])
            continue
        for regex, where in patterns:
            if len(text) < 300 and regex.match(text):
                found.setdefault(text, set()).add(where)
    return found
