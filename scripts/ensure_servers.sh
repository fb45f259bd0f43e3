#!/usr/bin/env bash
# Make sure the Debian servers the tests start are installed: PostgreSQL (the
# counters' and RelStorage's tests), nginx with the cache purge module (the
# cluster tests).
#
# `make test` runs two pytest processes side by side (scripts/run_tests.py);
# installing here first keeps them from both running apt-get at once. The tests
# still install what is missing when run alone.
#
# Idempotent: does nothing when everything is there. Exit status 0 when all is
# present at the end, 1 otherwise (the tests that need it then skip or fail
# with their own message). THDTRE_INSTALL_DEBS=0 forbids installing;
# APT_TIMEOUT bounds each apt-get (s).
set -u

APT_TIMEOUT=${APT_TIMEOUT:-600}

say() { echo "ensure_servers: $*"; }

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -e /usr/lib/nginx/modules/ngx_http_cache_purge_module.so ] || missing+=(libnginx-mod-http-cache-purge)

if [ ${#missing[@]} = 0 ]; then
    say "postgresql, nginx and its cache purge module present: nothing to do"
    exit 0
fi
if [ "$(id -u)" != 0 ] || [ "${THDTRE_INSTALL_DEBS:-1}" = 0 ]; then
    say "missing ${missing[*]} and not allowed to install (not root or THDTRE_INSTALL_DEBS=0)" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
say "missing ${missing[*]}: apt-get update (at most ${APT_TIMEOUT}s)"
if ! timeout "$APT_TIMEOUT" apt-get update -q >/dev/null; then
    say "apt-get update failed; trying the install with the lists we have" >&2
fi
say "apt-get install ${missing[*]} (at most ${APT_TIMEOUT}s)"
if timeout "$APT_TIMEOUT" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; then
    say "installed ${missing[*]}"
    exit 0
fi
say "apt-get install of ${missing[*]} failed" >&2
exit 1
