"""make bench-scale: the archive, its filters and the report summary at national size.

Run with ``.venv/bin/python scripts/bench_scale.py`` (``--quick`` for the smoke
test's small site). A Zope instance of its own in ``var/bench-scale/`` (git-ignored)
holds a Plone site with 20,000 plans of 63 provinces' departments over eight
years, 50,000 news items, and a province plan implemented by 500 plans with
their reports. The first run builds it (about 20 objects/s on two busy cores,
without CMFEditions versions: see scalesite.py); later runs reuse it
as long as the code that decides what the catalog holds (the profile version,
catalog.xml, the indexers, the builder) is unchanged.

Each page is timed against Plone's own listing or catalog query of the same
items (the notes under the table say which); only the ratios mean something.
The figures also go to ``var/bench-scale.json`` (``--json``).
"""

from pathlib import Path

import argparse
import hashlib
import os
import shutil
import subprocess
import sys


ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SIZES = {
    "full": {
        "provinces": 63,
        "plans": 20000,
        "news": 50000,
        "implementing": 500,
        "repeat": 15,
    },
    # What this machine builds in about seven minutes (2 cores).
    "medium": {
        "provinces": 63,
        "plans": 3000,
        "news": 3000,
        "implementing": 500,
        "repeat": 10,
    },
    "quick": {
        "provinces": 2,
        "plans": 300,
        "news": 100,
        "implementing": 20,
        "repeat": 2,
    },
}
CACHE_SIZE = 30000  # ZODB objects per connection
# What the built database depends on: change one and the site is built again.
KEYED = (
    "src/collective/thdtre/profiles/default/metadata.xml",
    "src/collective/thdtre/profiles/default/catalog.xml",
    "src/collective/thdtre/indexers/indexers.py",
    "scripts/scalesite.py",
    "scripts/scalenews.py",
)


def build_key(sizes: dict) -> str:
    digest = hashlib.sha256(repr(sorted(sizes.items())).encode())
    for name in KEYED:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()[:16]


def instance(directory: Path) -> Path:
    """The bench's Zope instance (zope.conf with a FileStorage and blobs)."""
    conf = directory / "etc" / "zope.conf"
    if not conf.exists():
        env = dict(os.environ, INSTANCE=str(directory))
        subprocess.run(
            [str(ROOT / "scripts" / "make_instance.sh")], env=env, check=True
        )
    text = conf.read_text()
    if "cache-size" not in text:
        # mkwsgiinstance leaves ZODB's default of 5,000 objects, which a site of
        # 70,000 items outgrows on every page (the catalog's buckets are loaded
        # again each time); plone.recipe.zope2instance writes 30,000.
        text = text.replace(
            "<zodb_db main>", f"<zodb_db main>\n   cache-size {CACHE_SIZE}"
        )
        conf.write_text(text)
    return conf


def forget_stale(directory: Path, key: str) -> None:
    """Remove a database built for other code (the next step builds it again)."""
    meta = directory / "built.json"
    building = directory / "building.json"  # an interrupted build continues
    for each in (meta, building):
        if each.exists() and key in each.read_text():
            return
    data = directory / "var"
    for path in data.glob("Data.fs*"):
        path.unlink()
    shutil.rmtree(data / "blobstorage", ignore_errors=True)
    meta.unlink(missing_ok=True)
    building.unlink(missing_ok=True)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a small site, for tests")
    parser.add_argument("--size", choices=SIZES, default="full", help="full (default)")
    parser.add_argument("--dir", help="the instance (var/bench-scale[-quick])")
    parser.add_argument("--json", help="where the figures go (var/bench-scale.json)")
    return parser.parse_args(argv)


def main(args) -> int:
    size = "quick" if args.quick else args.size
    sizes = SIZES[size]
    suffix = "" if size == "full" else f"-{size}"
    directory = Path(args.dir or ROOT / "var" / f"bench-scale{suffix}").resolve()
    output = Path(args.json or ROOT / "var" / f"bench-scale{suffix}.json").resolve()
    directory.mkdir(parents=True, exist_ok=True)
    key = build_key(sizes)
    conf = instance(directory)
    forget_stale(directory, key)
    command = [str(BIN / "zconsole"), "run", str(conf)]
    command += [str(ROOT / "scripts" / "scale_run.py"), "--dir", str(directory)]
    command += ["--key", key, "--json", str(output)]
    for name in ("provinces", "plans", "news", "implementing", "repeat"):
        command += [f"--{name}", str(sizes[name])]
    return subprocess.run(command, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(parse_args()))
