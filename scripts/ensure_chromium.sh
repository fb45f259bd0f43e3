#!/usr/bin/env bash
# Make sure Debian's chromium is at /usr/bin/chromium for the browser tests.
#
# Idempotent: does nothing when chromium is there. Otherwise, as root, installs
# Debian's chromium and fonts-liberation (Times New Roman's metric twin for the
# official document layout). Playwright drives this chromium: `playwright install`
# would download a browser build of its own, which these machines cannot fetch.
#
# Exit status: 0 when /usr/bin/chromium is present at the end, 1 otherwise.
# THDTRE_INSTALL_DEBS=0 forbids installing; APT_TIMEOUT bounds each apt-get (s).
set -u

CHROMIUM=/usr/bin/chromium
APT_TIMEOUT=${APT_TIMEOUT:-600}

say() { echo "ensure_chromium: $*"; }

if [ -x "$CHROMIUM" ]; then
    say "$CHROMIUM present ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown')): nothing to do"
    exit 0
fi

if [ "$(id -u)" != 0 ]; then
    say "$CHROMIUM missing and not root: run 'sudo apt-get install chromium fonts-liberation'" >&2
    exit 1
fi
if [ "${THDTRE_INSTALL_DEBS:-1}" = 0 ]; then
    say "$CHROMIUM missing and THDTRE_INSTALL_DEBS=0: not installing" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
say "$CHROMIUM missing: apt-get update (at most ${APT_TIMEOUT}s)"
if ! timeout "$APT_TIMEOUT" apt-get update -q >/dev/null; then
    say "apt-get update failed; trying the install with the lists we have" >&2
fi
say "apt-get install chromium fonts-liberation (at most ${APT_TIMEOUT}s)"
timeout "$APT_TIMEOUT" apt-get install -y -q --no-install-recommends \
    chromium fonts-liberation >/dev/null
status=$?

if [ -x "$CHROMIUM" ]; then
    say "installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)"
    exit 0
fi
say "apt-get install ended with status $status and $CHROMIUM is still missing" >&2
exit 1
