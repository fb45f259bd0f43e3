"""The Zope side of ``make bench-scale``: build the site once, then time it.

Run by scripts/bench_scale.py as
``zconsole run <dir>/etc/zope.conf scripts/scale_run.py <options>``; zconsole
gives this script ``app`` (the Zope root of the bench's own FileStorage).
"""

from pathlib import Path

import argparse
import json
import sys
import time


HERE = Path(sys.argv[3]).resolve().parent  # zconsole run <conf> <this script> ...
sys.path.insert(0, str(HERE))
SITE_ID = "plone"  # bench.render() traverses to /plone
ADDON = "collective.thdtre"


def parse_args(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--plans", type=int, required=True)
    parser.add_argument("--news", type=int, required=True)
    parser.add_argument("--implementing", type=int, required=True)
    parser.add_argument("--provinces", type=int, required=True)
    parser.add_argument("--repeat", type=int, required=True)
    parser.add_argument("--json", required=True)
    return parser.parse_args(argv)


def log(message):
    print(message, flush=True)


def admin_of(app):
    from AccessControl.SecurityManagement import newSecurityManager

    import transaction

    if app.acl_users.getUserById("admin") is None:
        app.acl_users._doAddUser("admin", "admin", ["Manager"], [])
        transaction.commit()
    admin = app.acl_users.getUserById("admin").__of__(app.acl_users)
    newSecurityManager(None, admin)
    return admin


def create_site(app):
    from plone.base.utils import get_installer
    from Products.CMFPlone.factory import addPloneSite
    from zope.component.hooks import setSite

    import transaction

    site = addPloneSite(
        app,
        SITE_ID,
        title="Tháng hành động vì trẻ em",
        distribution_name="classic",
        setup_content=False,
        default_language="vi",
        portal_timezone="Asia/Ho_Chi_Minh",
    )
    setSite(site)
    get_installer(site, site.REQUEST).install_product(ADDON)
    transaction.commit()
    return site


def site_of(app, args, meta_path: Path) -> dict:
    """The built site's facts, building it first when the database is new."""
    from zope.component.hooks import setSite

    import scalesite

    if SITE_ID in app.objectIds() and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if meta.get("key") == args.key:
            setSite(app[SITE_ID])
            log(f"Reusing the site built in {meta['built_seconds']:.0f} s.")
            return meta
        sys.exit(f"{meta_path}: built for other code; bench_scale.py rebuilds it")
    began = time.perf_counter()
    log(
        f"Building {args.plans} plans and {args.news} news items "
        f"in {args.dir} (once; later runs reuse it; an interrupted build "
        "continues where it stopped)..."
    )
    building = meta_path.with_name("building.json")
    if SITE_ID in app.objectIds():
        site = app[SITE_ID]
        setSite(site)
    else:
        site = create_site(app)
        building.write_text(json.dumps({"key": args.key}))
    facts = scalesite.build(
        site,
        plans_total=args.plans,
        news_total=args.news,
        implementing_total=args.implementing,
        provinces=args.provinces,
        log=log,
        saved=Path(args.dir) / "versionable.json",
    )
    meta = dict(facts, key=args.key, built_seconds=time.perf_counter() - began)
    meta_path.write_text(json.dumps(meta, indent=2))
    building.unlink(missing_ok=True)
    log(f"Built in {meta['built_seconds']:.0f} s.")
    return meta


def main(app, argv):
    import scale_timing

    args = parse_args(argv)
    admin = admin_of(app)
    meta = site_of(app, args, Path(args.dir) / "built.json")
    report = scale_timing.run(app, admin, meta, args)
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(scale_timing.table(report))
    log(f"\nFigures written to {args.json}.")


main(app, sys.argv[4:])  # noqa: F821 - zconsole provides ``app``
