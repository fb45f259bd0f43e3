"""The timings of ``make bench-scale``: each page against Plone's own listing or
catalog query of the same items, rendered in-process on fresh requests.

Run inside the bench's Zope process (scripts/scale_run.py). Pages go through
``bench.render`` (traversal and the view, as the publisher calls it), alternated
with their baseline after a warm-up; the figure is the median.
"""

from pathlib import Path

import bench
import datetime
import os
import resource
import statistics
import time


FILTERS = ("year", "issuing_body", "theme")
GOALS = {
    "archive": 1.0,
    "filtered": 1.0,
    "slogans": None,
    "front": None,
    "summary": 1.5,
}
MEMORY_GOAL_MB = 1536
NAVIGATION_DEPTH = 1


def _timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def _page(app, path: str, name: str, form=None):
    """A rendering of view ``name`` of the object at ``path`` (seconds)."""

    def call():
        obj = app.unrestrictedTraverse(path)
        return bench.render(app, obj, name, dict(form or {}))[0]

    return call


def _with_filters(app, page):
    """A page plus Plone's unique values of the archive's three filter indexes."""

    def call():
        elapsed = page()
        catalog = app.plone.portal_catalog
        return elapsed + _timed(
            lambda: [catalog.uniqueValuesFor(name) for name in FILTERS]
        )

    return call


def compare(left, right, repeat: int, warmup: int = bench.WARMUP) -> tuple:
    """Median milliseconds of two timed calls, alternated, after a warm-up."""
    import transaction

    times = ([], [])
    for step in range(warmup + repeat):
        for side, call in enumerate((left, right)):
            elapsed = call()
            transaction.abort()
            if step >= warmup:
                times[side].append(elapsed * 1000)
    return statistics.median(times[0]), statistics.median(times[1])


def _summary(app, path: str):
    from collective.thdtre.reports.summary import report_summary

    def call():
        plan = app.unrestrictedTraverse(path)
        return _timed(lambda: report_summary(plan))

    return call


def _summary_baseline(app, path: str):
    """Plone's catalog queries of the same items: the plans that implement the
    plan, the reports in them, every brain's metadata read."""

    def call():
        catalog = app.plone.portal_catalog
        plan = app.unrestrictedTraverse(path)

        def query():
            plans = catalog(portal_type="Plan", implements=plan.UID())
            paths = [b.getPath() for b in plans]
            rows = [(b.Title, b.issuing_body, b.document_number) for b in plans]
            reports = catalog(portal_type="Report", path={"query": paths, "depth": 1})
            rows += [(b.review_state, b.report_metrics) for b in reports]
            return rows

        return _timed(query)

    return call


def _rows(app, path, name, form=None) -> int:
    obj = app.unrestrictedTraverse(path)
    html = bench.render(app, obj, name, dict(form or {}))[1]
    return html.count("<tr")


def memory() -> dict:
    """This process's resident memory now and at its peak, in MB."""
    status = Path("/proc/self/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    current = int(fields["VmRSS"].split()[0]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"final_mb": round(current), "peak_mb": round(peak)}


def cases(app, meta: dict) -> list:
    """(key, label, page, baseline label, baseline, user) of each row."""
    site = "/plone"
    plans = site  # the whole site's plans, with the same navigation as the listing
    listings = f"{site}/bench-listings"
    year = 2024
    filtered = {"year": str(year), "b_start": "100"}
    return [
        (
            "archive",
            "@@thdtre-plans with filters (all plans)",
            _page(app, plans, "@@thdtre-plans"),
            "Collection @@tabular_view 50 + uniqueValuesFor x3",
            _with_filters(app, _page(app, f"{listings}/plans", "@@tabular_view")),
            None,
        ),
        (
            "filtered",
            f"@@thdtre-plans?year={year}, third page",
            _page(app, plans, "@@thdtre-plans", filtered),
            "the same, contentFilter year, b_start=100",
            _with_filters(
                app,
                _page(
                    app,
                    f"{listings}/plans",
                    "@@tabular_view",
                    {"contentFilter": {"year": year}, "b_start": "100"},
                ),
            ),
            None,
        ),
        (
            "slogans",
            f"@@thdtre-slogans ({year})",
            _page(app, site, "@@thdtre-slogans"),
            f"Collection of the {year} slogans, tabular",
            _page(
                app,
                f"{listings}/slogans",
                "@@tabular_view",
                {"contentFilter": {"year": year}},
            ),
            None,
        ),
        (
            "front",
            "@@thdtre-home (front page)",
            _page(app, site, "@@thdtre-home"),
            "Collection of news and plans, 20",
            _page(app, f"{listings}/front", "@@tabular_view"),
            None,
        ),
        (
            "summary",
            f"report summary ({meta['implementing']} implementing plans)",
            _summary(app, meta["province_plan"]),
            "catalog: those plans + their reports",
            _summary_baseline(app, meta["province_plan"]),
            "admin",
        ),
    ]


def navigation_depth_of_a_large_site(app, depth: int = NAVIGATION_DEPTH) -> None:
    """Plone's global navigation at the depth a site with tens of thousands of
    items sets (Plone's default, 3, puts every news item of a news folder in the
    main menu of every page: 50,000 brains, some 9 s a page on both sides)."""
    import transaction

    registry = app.plone.portal_registry
    if registry.get("plone.navigation_depth") != depth:
        registry["plone.navigation_depth"] = depth
        transaction.commit()


def run(app, admin, meta: dict, args) -> dict:
    from AccessControl.SecurityManagement import newSecurityManager
    from AccessControl.SecurityManagement import noSecurityManager

    navigation_depth_of_a_large_site(app)
    rows, began = [], time.perf_counter()
    for key, label, page, other_label, other, user in cases(app, meta):
        print(f"[{time.perf_counter() - began:5.0f} s] {label}...", flush=True)
        if user:
            newSecurityManager(None, admin)
        else:
            noSecurityManager()
        try:
            value, baseline = compare(
                page, other, args.repeat, getattr(args, "warmup", bench.WARMUP)
            )
        except Exception as error:  # a page that is missing or broken: say so
            rows.append({"key": key, "label": label, "error": repr(error)[:300]})
            continue
        goal = GOALS[key]
        ratio = value / baseline
        rows.append(
            {
                "key": key,
                "label": label,
                "ms": round(value, 1),
                "baseline": other_label,
                "baseline_ms": round(baseline, 1),
                "ratio": round(ratio, 2),
                "goal": goal,
                "ok": goal is None or ratio <= goal,
            }
        )
        print(f"        {value:.1f} ms against {baseline:.1f} ms", flush=True)
    noSecurityManager()
    mem = memory()
    mem["goal_mb"] = MEMORY_GOAL_MB
    mem["ok"] = mem["final_mb"] <= MEMORY_GOAL_MB
    return {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "sizes": {
            "plans": args.plans,
            "news": args.news,
            "implementing": meta["implementing"],
            "provinces": args.provinces,
        },
        "repeat": args.repeat,
        "rows": rows,
        "memory": mem,
        "seconds": round(time.perf_counter() - began),
        "load_average": [round(n, 1) for n in os.getloadavg()],
        "ok": mem["ok"] and all(r.get("ok", False) for r in rows),
        "notes": NOTES,
    }


NOTES = [
    "Pages rendered in-process on fresh requests (traversal + view), median after "
    "3 warm-ups, page and baseline alternated; archive, slogans and front page as "
    "Anonymous, the report summary as a Manager.",
    "Archive: the site's @@thdtre-plans against Plone's Collection of the same "
    "plans (portal_type Plan, published) in a folder of the site, shown by "
    "@@tabular_view in pages of 50, plus portal_catalog.uniqueValuesFor of the "
    "three filter indexes (year, issuing_body, theme).",
    "Filtered archive: the same Collection with the same filter as contentFilter "
    "and the same page (b_start=100), plus the same uniqueValuesFor.",
    "Slogans: a Collection of the year's published slogans, all in one table; "
    "front page: a Collection of the 20 latest news items and plans (no goal: the "
    "pages of other work, timed as they are).",
    "Report summary: report_summary() of the province plan against the two catalog "
    "queries of the same items (its implementing plans, their reports) with each "
    "brain's metadata read.",
    "The site was built without CMFEditions versions (a read bench: versions "
    "live in portal_historiesstorage, which none of these pages reads); content, "
    "workflow states, permissions, relations and the catalog are a real site's.",
    "Plone's navigation depth (Site settings > Navigation) is set to 1, as on a "
    "site of this size: at Plone's default of 3 the main menu lists every news "
    "item of the news folders on every page (about 9 s a page, on both sides).",
    "Memory: resident size of this Zope process (one instance, ZODB cache of 30,000 "
    "objects, as plone.recipe.zope2instance sets) after the run, and its peak.",
]


def table(report: dict) -> str:
    lines = [
        f"\ncollective.thdtre scale bench: {report['sizes']['plans']} plans, "
        f"{report['sizes']['news']} news items\n"
    ]
    for row in report["rows"]:
        if "error" in row:
            lines.append(f"{row['label']:<46} FAILED: {row['error']}")
            continue
        goal = row["goal"]
        verdict = (
            f"  (goal <= {goal:.1f}x) {'OK' if row['ok'] else 'SLOW'}"
            if goal
            else "  (no goal)"
        )
        lines.append(
            f"{row['label']:<46}{row['ms']:8.1f} ms  {row['baseline']:<50}"
            f"{row['baseline_ms']:8.1f} ms  ratio {row['ratio']:.2f}x{verdict}"
        )
    mem = report["memory"]
    lines.append(
        f"{'memory of the instance after the run':<46}{mem['final_mb']:8d} MB"
        f"  peak {mem['peak_mb']} MB  (goal <= {mem['goal_mb']} MB) "
        f"{'OK' if mem['ok'] else 'OVER'}"
    )
    lines.append("")
    lines += report["notes"]
    lines.append(
        f"Timed in {report['seconds']} s; load average "
        f"{', '.join(str(n) for n in report['load_average'])}."
    )
    return "\n".join(lines)
