#!/usr/bin/env bash
# Rebuild the .pot files from the package (collective.thdtre, and plone for the
# workflow and type titles), sync the vi and en catalogues with them and with
# the hand-kept .pot files of Plone's other domains, and compile every .po
# under locales/ to a .mo beside it.
#
# The .mo files are committed: zope.i18n only loads .mo files, and it compiles
# them itself only when zope_i18n_compile_mo_files is set.
# Run from anywhere: `make i18n` or `scripts/i18n.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."

DOMAIN=collective.thdtre
PACKAGE=src/collective/thdtre
LOCALES=$PACKAGE/locales
LANGUAGES=(vi en)
I18NDUDE=.venv/bin/i18ndude
PYTHON=.venv/bin/python

if [[ ! -x $I18NDUDE ]]; then
    echo "$I18NDUDE is missing; run 'make install' first." >&2
    exit 1
fi

language_name() {
    case $1 in
        vi) echo "Tiếng Việt" ;;
        en) echo "English" ;;
        *) echo "$1" ;;
    esac
}

# sync_catalogues DOMAIN: bring each language's DOMAIN.po in line with DOMAIN.pot.
sync_catalogues() {
    local domain=$1 lang po now
    for lang in "${LANGUAGES[@]}"; do
        po=$LOCALES/$lang/LC_MESSAGES/$domain.po
        if [[ ! -f $po ]]; then
            # i18ndude sync skips missing files: start from a header-only catalogue.
            mkdir -p "$(dirname "$po")"
            now=$(date -u '+%Y-%m-%d %H:%M+0000')
            cat >"$po" <<HEADER
msgid ""
msgstr ""
"Project-Id-Version: $DOMAIN\\n"
"POT-Creation-Date: $now\\n"
"PO-Revision-Date: $now\\n"
"Last-Translator: $DOMAIN developers\\n"
"Language-Team: $(language_name "$lang") <collective@plone.org>\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=1; plural=0\\n"
"Language: $lang\\n"
"Language-Code: $lang\\n"
"Language-Name: $(language_name "$lang")\\n"
"Preferred-Encodings: utf-8\\n"
"Domain: $domain\\n"
HEADER
        fi
        "$I18NDUDE" sync --pot "$LOCALES/$domain.pot" "$po"
    done
}

# fix_pot POT: i18ndude writes a newline inside a msgid (from _("...\n...") in
# Python) as a raw line break, which breaks the .pot and truncates the msgid on
# sync; write it as \n instead.
fix_pot() {
    "$PYTHON" - "$1" <<'FIX'
from pathlib import Path

import re
import sys


pot = Path(sys.argv[1])
text = pot.read_text(encoding="utf-8")
# A quoted string that runs over a raw line break: join its lines with \n.
string = re.compile(r'^((?:msgid|msgstr|msgctxt) )?"((?:[^"\\\n]|\\.)*\n(?:[^"\\]|\\.)*)"$', re.M)
fixed = string.sub(lambda m: f'{m[1] or ""}"{m[2].replace(chr(10), chr(92) + "n")}"', text)
if fixed != text:
    pot.write_text(fixed, encoding="utf-8")
FIX
}

mkdir -p "$LOCALES"

# The add-on's own domain: Python, templates, ZCML and the FTIs.
"$I18NDUDE" rebuild-pot --pot "$LOCALES/$DOMAIN.pot" --create "$DOMAIN" "$PACKAGE"
fix_pot "$LOCALES/$DOMAIN.pot"
sync_catalogues "$DOMAIN"

# The plone domain: the workflow's states and transitions (plone.restapi's
# @workflow and the classic UI translate them there), found in profiles/, plus
# the hand-kept plone-manual.pot (type titles, for the places where Plone
# translates a bare portal_type). Only profiles/ is searched because i18ndude
# cannot tell the domain of _("...") in Python files.
"$I18NDUDE" rebuild-pot --pot "$LOCALES/plone.pot" --create plone \
    --merge "$LOCALES/plone-manual.pot" "$PACKAGE/profiles"
fix_pot "$LOCALES/plone.pot"
sync_catalogues plone

# Plone's other domains (widgets for the JavaScript patterns, z3c.form,
# cmfeditions, ...): the Vietnamese plone.app.locales lacks. No file of the
# package holds these msgids, so their .pot files are hand-kept (as are the
# Plone msgids in plone-manual.pot); sync keeps the translations of every msgid
# a .pot lists. zope.i18n merges these catalogues with Plone's: for a msgid,
# the first catalogue registered that translates it wins, and plone.app.locales
# registers before the add-on, so these only fill what Plone leaves empty.
for pot in "$LOCALES"/*.pot; do
    domain=$(basename "$pot" .pot)
    case $domain in
        "$DOMAIN" | plone | *-manual) continue ;;
    esac
    sync_catalogues "$domain"
done

# Compile with python-gettext, as zope.i18n does, so that a fresh compile in the
# tests gives the same bytes.
"$PYTHON" - "$LOCALES" <<'COMPILE'
from pathlib import Path
from pythongettext.msgfmt import Msgfmt

import sys


for po in sorted(Path(sys.argv[1]).glob("*/LC_MESSAGES/*.po")):
    mo = po.with_suffix(".mo")
    with po.open("rb") as fd:
        data = Msgfmt(fd, po.stem).get()
    if not mo.exists() or mo.read_bytes() != data:
        mo.write_bytes(data)
        print(f"{mo}: compiled")
COMPILE
