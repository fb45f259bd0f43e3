#!/usr/bin/env bash
# Make sure plans can be printed to PDF on the server: WeasyPrint (exporter/pdf.py)
# draws text with Debian's pango, and Vietnamese in Times-like letters needs
# fonts-liberation (Liberation Serif stands in for Times New Roman).
#
# Idempotent: does nothing when libpango and Liberation Serif are there.
# Otherwise, as root, installs libpango-1.0-0, libpangoft2-1.0-0, libharfbuzz-subset0
# and fonts-liberation. Without them the plan page and the .docx still work; the
# PDF download answers with an error.
#
# Exit status: 0 when WeasyPrint can work at the end, 1 otherwise.
# THDTRE_INSTALL_DEBS=0 forbids installing; APT_TIMEOUT bounds each apt-get (s).
set -u

APT_TIMEOUT=${APT_TIMEOUT:-600}
PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation)

say() { echo "ensure_pango: $*"; }

ready() {
    ldconfig -p | grep -q 'libpango-1.0.so.0' &&
        ldconfig -p | grep -q 'libpangoft2-1.0.so.0' &&
        fc-list 2>/dev/null | grep -qi 'Liberation Serif'
}

if ready; then
    say "pango and Liberation Serif present: nothing to do"
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    say "pango missing and not root: run 'sudo apt-get install ${PACKAGES[*]}'" >&2
    exit 1
fi
if [ "${THDTRE_INSTALL_DEBS:-1}" = 0 ]; then
    say "pango missing and THDTRE_INSTALL_DEBS=0: not installing" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
say "pango missing: apt-get update (at most ${APT_TIMEOUT}s)"
timeout "$APT_TIMEOUT" apt-get update -q >/dev/null ||
    say "apt-get update failed; trying the install with the lists we have" >&2
timeout "$APT_TIMEOUT" apt-get install -y -q --no-install-recommends \
    "${PACKAGES[@]}" >/dev/null
status=$?
if ready; then
    say "installed ${PACKAGES[*]}"
    exit 0
fi
say "apt-get install ended with status $status; PDF downloads will fail until" \
    "'apt-get install ${PACKAGES[*]}' succeeds" >&2
exit 1
