"""Wheels of the distributions installed in a virtualenv, for an offline buildout.

Buildout installs eggs of its own and does not look into a virtualenv. Rather
than downloading everything again, each installed distribution is packed back
into a wheel from the files its RECORD lists (what the installer unpacked), and
buildout runs offline (``-o``) with that folder as its only ``find-links``.
Console scripts are left out (RECORD entries outside site-packages): buildout
writes its own.
"""

from importlib import metadata
from pathlib import Path

import csv
import re
import zipfile


def _tag(dist) -> str:
    wheel = dist.read_text("WHEEL") or ""
    tags = [t.split("-") for t in re.findall(r"^Tag:\s*(\S+)", wheel, re.M)]
    if not tags:
        return "py3-none-any"
    # Compressed tag set: py2.py3-none-any, cp311-cp311-manylinux_x.manylinux_y
    return "-".join(".".join(dict.fromkeys(tag[i] for tag in tags)) for i in range(3))


def pack(site_packages: Path, target: Path, *, skip=()) -> list[Path]:
    """One wheel per distribution in ``site_packages``; returns the wheel paths."""
    target.mkdir(parents=True, exist_ok=True)
    made = []
    for dist in metadata.distributions(path=[str(site_packages)]):
        name = dist.metadata["Name"]
        if not name or name.lower() in skip:
            continue
        record = dist.read_text("RECORD")
        if not record:
            continue
        stem = re.sub(r"[-_.]+", "_", name)
        wheel = target / f"{stem}-{dist.version}-{_tag(dist)}.whl"
        with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
            for row in csv.reader(record.splitlines()):
                if not row or row[0].startswith(".."):
                    continue
                source = site_packages / row[0]
                if source.is_file() and "__pycache__" not in row[0]:
                    archive.write(source, row[0])
        made.append(wheel)
    return made
