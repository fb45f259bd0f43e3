#!/usr/bin/env bash
# Make sure scanned PDFs can be read: Debian's Tesseract with its Vietnamese model
# and poppler's pdftoppm (a PDF page to an image), which importer/readers/ocr.py runs.
#
# Idempotent: does nothing when tesseract knows "vie" and pdftoppm is there.
# Otherwise, as root, installs tesseract-ocr, tesseract-ocr-vie, poppler-utils and
# fonts-dejavu-extra (Vietnamese glyphs, condensed like Times, for the test that
# renders a scanned page).
# Without them the importer still works; a scanned PDF then gets the message
# that text recognition is not installed on the server.
#
# Exit status: 0 when OCR works at the end, 1 otherwise.
# THDTRE_INSTALL_DEBS=0 forbids installing; APT_TIMEOUT bounds each apt-get (s).
set -u

APT_TIMEOUT=${APT_TIMEOUT:-600}
PACKAGES=(tesseract-ocr tesseract-ocr-vie poppler-utils fonts-dejavu-extra)

say() { echo "ensure_ocr: $*"; }

ready() {
    command -v pdftoppm >/dev/null &&
        command -v tesseract >/dev/null &&
        tesseract --list-langs 2>/dev/null | grep -qx vie &&
        [ -f /usr/share/fonts/truetype/dejavu/DejaVuSerifCondensed.ttf ]
}

if ready; then
    say "$(tesseract --version 2>/dev/null | head -n 1) with vie, and pdftoppm: nothing to do"
    exit 0
fi

if [ "$(id -u)" != 0 ]; then
    say "OCR missing and not root: run 'sudo apt-get install ${PACKAGES[*]}'" >&2
    exit 1
fi
if [ "${THDTRE_INSTALL_DEBS:-1}" = 0 ]; then
    say "OCR missing and THDTRE_INSTALL_DEBS=0: not installing" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
say "OCR missing: apt-get update (at most ${APT_TIMEOUT}s)"
if ! timeout "$APT_TIMEOUT" apt-get update -q >/dev/null; then
    say "apt-get update failed; trying the install with the lists we have" >&2
fi
say "apt-get install ${PACKAGES[*]} (at most ${APT_TIMEOUT}s)"
timeout "$APT_TIMEOUT" apt-get install -y -q --no-install-recommends \
    "${PACKAGES[@]}" >/dev/null
status=$?

if ready; then
    say "installed $(tesseract --version 2>/dev/null | head -n 1) with vie, and pdftoppm"
    exit 0
fi
say "apt-get install ended with status $status and OCR is still missing:" \
    "scanned PDFs will be refused with a message until" \
    "'apt-get install ${PACKAGES[*]}' succeeds" >&2
exit 1
