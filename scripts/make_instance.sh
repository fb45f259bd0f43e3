#!/usr/bin/env bash
# Create the Zope instance (once) and make sure its database stores blobs
# (uploaded files: a plan's original document, attachments).
set -euo pipefail
cd "$(dirname "$0")/.."
INSTANCE=${INSTANCE:-instance}
if [[ ! -f $INSTANCE/etc/zope.conf ]]; then
    .venv/bin/mkwsgiinstance -d "$INSTANCE" -u admin:admin
fi
if ! grep -q "blob-dir" "$INSTANCE/etc/zope.conf"; then
    sed -i 's|^\([[:space:]]*\)path \$INSTANCE/var/Data.fs|&\n\1blob-dir $INSTANCE/var/blobstorage|' \
        "$INSTANCE/etc/zope.conf"
fi
grep -q "blob-dir" "$INSTANCE/etc/zope.conf"
