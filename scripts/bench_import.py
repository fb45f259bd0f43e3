"""make bench (documents and reports): parse and import times, and the report summary.

Run with ``.venv/bin/python scripts/bench_import.py [--quick]``.

1. Parse: ``parse_document`` on each seed and on Word and PDF versions of seed 003
   (built like the tests build them), median of N runs. Pure Python, no Plone.
2. Import: ``import_document`` (what ``POST @thdtre-import`` runs) into a folder of
   a real Plone site with the add-on, built in this process from the add-on's
   fixture on a functional layer (as scripts/bench.py does). Dry run and real
   import, the real one with its commit (the catalog is written then); medians.
3. Report summary (issue 6 point 6): a province plan with 60 implementing plans
   (48 direct, 12 one level down) and 1,000 reports, approved (on time and late),
   submitted and draft, brought to their state by real workflow transitions.
   ``report_summary(plan)`` against a plain catalog query returning the same 1,000
   report brains and reading their metadata. Only the ratio means something.
"""

from pathlib import Path

import argparse
import benchsite
import datetime
import functools
import logging
import os
import statistics
import sys
import time


HERE = Path(__file__).resolve()
ROOT = HERE.parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
# The tests' builders of Word and PDF versions of a seed (no binary fixtures).
sys.path.insert(0, str(ROOT / "tests" / "importer"))

SIZES = {
    "full": {
        "parse": 20,
        "dry_run": 10,
        "imports": 5,
        "direct": 48,
        "nested": 12,
        "reports": 1000,
        "summary": 15,
    },
    "quick": {
        "parse": 2,
        "dry_run": 2,
        "imports": 1,
        "direct": 4,
        "nested": 2,
        "reports": 40,
        "summary": 2,
    },
}
WARMUP = 2
CHUNK = 250  # reports created per commit
GOAL = 3.0  # summary / plain catalog query
SEEDS = [
    "000_90b970af89c5eac0.txt",
    "001_4d843b09b5669485.txt",
    "003_c6cfd6b9ad409e01.txt",
    "004_d0bdd134290c0cdd.txt",
    "plan_numbering_units.txt",
    "plan_table_appendix.md",
]
DEADLINE = datetime.date(2024, 7, 22)


def documents() -> list[tuple[str, bytes]]:
    """``(filename, data)`` of every document the bench parses and imports."""
    from importer_docs import docx_from_seed
    from importer_docs import pdf_from_text

    found = [(name, (FIXTURES / name).read_bytes()) for name in SEEDS]
    text = (FIXTURES / SEEDS[2]).read_text(encoding="utf-8")
    body = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    found.append(
        ("003.docx", docx_from_seed(text, parent="UBND TỈNH BẮC GIANG", body=body))
    )
    found.append(("003.pdf", pdf_from_text(text)))
    return found


def alternated_ms(functions: list, repeat: int, after=None) -> list[float]:
    """Median milliseconds of each function, the functions taking turns (a burst of
    load on the machine then falls on all of them), after a warm-up round."""
    times = [[] for _function in functions]
    for step in range(WARMUP + repeat):
        for index, function in enumerate(functions):
            start = time.perf_counter()
            function()
            elapsed = time.perf_counter() - start
            if after is not None:
                after()
            if step >= WARMUP:
                times[index].append(elapsed * 1000)
    return [statistics.median(each) for each in times]


# -- 1. parse ----------------------------------------------------------------------


def time_parse(docs, sizes: dict) -> list[str]:
    from collective.thdtre.importer.parse import parse_document

    times = alternated_ms(
        [functools.partial(parse_document, *doc) for doc in docs], sizes["parse"]
    )
    rows = []
    for (filename, data), elapsed in zip(docs, times, strict=True):
        kind = parse_document(filename, data)["kind"]
        rows.append(
            f"parse  {filename:<28}{kind:<6}{len(data) / 1024:7.1f} KB{elapsed:9.1f} ms"
        )
    return rows


# -- the site ----------------------------------------------------------------------


def bench_layer():
    """The add-on's fixture on a functional layer of its own: commits allowed, no
    HTTP server (nothing here goes over HTTP)."""
    from collective.thdtre.testing import FIXTURE
    from plone.app.testing import FunctionalTesting

    return FunctionalTesting(bases=(FIXTURE,), name="CollectiveThdtreLayer:Bench")


def existing_plans(folder) -> None:
    """The plans the seeds name, so that ``implements`` finds them."""
    from collective.thdtre.importer.load import create_content

    for number, title in ((26, "Kế hoạch của UBND tỉnh"), (777, "Kế hoạch 777")):
        create_content(
            container=folder,
            type="Plan",
            data={"title": title, "number": number, "symbol": "KH-UBND", "year": 2024},
        )


# -- 2. import ---------------------------------------------------------------------


def time_imports(portal, docs, sizes: dict) -> list[str]:
    from collective.thdtre.importer.load import import_document
    from plone import api

    import transaction

    folder = api.content.create(container=portal, type="Folder", id="imports")
    existing_plans(folder)
    transaction.commit()

    def dry_run(filename, data):
        return import_document(
            container=folder, filename=filename, data=data, dry_run=True
        )

    def real(filename, data):
        import_document(container=folder, filename=filename, data=data)
        transaction.commit()  # REST's publisher commits: the catalog is written then

    dry_ms = alternated_ms(
        [functools.partial(dry_run, *doc) for doc in docs],
        sizes["dry_run"],
        after=transaction.abort,
    )
    import_ms = alternated_ms(
        [functools.partial(real, *doc) for doc in docs], sizes["imports"]
    )
    rows = []
    for (filename, data), dry, imported in zip(docs, dry_ms, import_ms, strict=True):
        result, _created = dry_run(filename, data)
        transaction.abort()
        if "news" in result:
            made = "1 news item"
        else:
            made = (
                f"1 plan, {len(result['slogans'])} slogans, "
                f"{len(result['activities'])} activities"
            )
        rows.append(
            f"import {filename:<28}{made:<40} dry run {dry:7.1f} ms"
            f"   import {imported:7.1f} ms"
        )
    return rows


# -- 3. report summary -------------------------------------------------------------


def report_state(plan: int, index: int) -> tuple[str, datetime.date | None]:
    """The mix of reports: most units have approved ones (a third of them late) among
    drafts; some units only submitted or only drafted theirs."""
    if plan % 6 == 4:
        return "pending", None
    if plan % 6 == 5 or index % 3 == 2:
        return "draft", None
    late = plan % 3 == 0
    return "approved", DEADLINE + datetime.timedelta(days=3 if late else -2)


def build_reports(portal, sizes: dict):
    """The province plan, its implementing plans and their reports, committed."""
    from collective.thdtre.importer.load import create_content
    from collective.thdtre.interfaces import IThdtreSettings
    from plone import api

    import transaction

    # One person plays every role here: submit and approve as the same Manager.
    api.portal.set_registry_record("four_eyes", False, interface=IThdtreSettings)
    folder = api.content.create(container=portal, type="Folder", id="reports")
    province = create_content(
        container=folder,
        type="Plan",
        data={
            "title": "Tổ chức Tháng hành động vì trẻ em năm 2024",
            "number": 26,
            "symbol": "KH-UBND",
            "issuing_body": "UBND TỈNH BẮC GIANG",
            "year": 2024,
            "report_deadline": DEADLINE.isoformat(),
        },
    )
    units = []
    for index in range(sizes["direct"] + sizes["nested"]):
        # The nested plans implement a direct one: the summary goes down a level.
        target = province if index < sizes["direct"] else units[index % sizes["direct"]]
        data = {
            "title": f"Thực hiện Tháng hành động vì trẻ em - đơn vị {index + 1}",
            "number": index + 1,
            "symbol": "KH-DV",
            "issuing_body": f"ĐƠN VỊ SỐ {index + 1}",
            "year": 2024,
            "implements": [target.UID()],
        }
        units.append(create_content(container=folder, type="Plan", data=data))
    transaction.commit()
    # The last plans stay without a report: the summary shows them missing.
    reporting = units[: len(units) - max(1, len(units) // 15)]
    for index in range(sizes["reports"]):
        plan = index % len(reporting)
        state, submitted = report_state(plan, index // len(reporting))
        report = api.content.create(
            container=reporting[plan],
            type="Report",
            id=f"bao-cao-{index + 1}",
            title=f"Báo cáo kết quả số {index + 1}",
            children_supported=index % 50,
            gifts=index % 30,
            gift_value_vnd=100_000 * (index % 7),
            fund_raised_vnd=250_000 * (index % 11),
            participants=index % 200,
            submitted_date=submitted,
        )
        if state in ("pending", "approved"):
            api.content.transition(obj=report, transition="submit")
        if state == "approved":
            api.content.transition(obj=report, transition="approve")
        if index % CHUNK == CHUNK - 1:
            transaction.commit()
    transaction.commit()
    return province, folder


def plain_query(folder) -> list:
    """The same report brains from one catalog query, their metadata read."""
    from plone import api

    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Report", path="/".join(folder.getPhysicalPath())
    )
    return [
        (b.getPath(), b.review_state, b.submitted_date, b.report_metrics)
        for b in brains
    ]


def time_summary(province, folder, sizes: dict) -> list[str]:
    from collective.thdtre.reports.summary import report_summary

    today = DEADLINE + datetime.timedelta(days=30)
    summary = report_summary(province, today=today)
    rows = plain_query(folder)
    units = sizes["direct"] + sizes["nested"]
    if len(summary["rows"]) != units or len(rows) != sizes["reports"]:
        sys.exit(
            f"{len(summary['rows'])} rows and {len(rows)} reports found, "
            f"{units} and {sizes['reports']} expected: the bench is broken"
        )
    summary_ms, query_ms = alternated_ms(
        [lambda: report_summary(province, today=today), lambda: plain_query(folder)],
        sizes["summary"],
    )
    ratio = summary_ms / query_ms
    counts = ", ".join(f"{k} {v}" for k, v in summary["counts"].items())
    verdict = "OK" if ratio <= GOAL else "SLOW"
    return [
        f"report summary ({units} plans, {sizes['reports']} reports)"
        f"{summary_ms:9.1f} ms   catalog query ({len(rows)} brains){query_ms:9.1f} ms"
        f"   ratio {ratio:.2f}x  (goal <= {GOAL:.1f}x) {verdict}",
        f"  rows: {counts}",
    ]


# -- main --------------------------------------------------------------------------


def notes(sizes: dict) -> list[str]:
    return [
        f"Medians after {WARMUP} warm-up rounds, the timed functions taking turns. "
        f"Parse: {sizes['parse']} rounds.",
        f"Import: import_document in-process as Manager, {sizes['dry_run']} rounds "
        f"of dry runs, {sizes['imports']} of imports (each with its commit, as the "
        "REST publisher does; a new plan each time).",
        f"Summary: report_summary against the plain query, {sizes['summary']} "
        f"rounds; ZODB cache {benchsite.ZODB_CACHE_SIZE} objects a connection.",
    ]


def main(args) -> None:
    logging.basicConfig(level=logging.ERROR)
    sizes = SIZES["quick" if args.quick else "full"]
    began = time.perf_counter()
    docs = documents()
    results = [*time_parse(docs, sizes), ""]
    with benchsite.site(bench_layer()) as layer:
        portal = layer["portal"]
        mark_request(layer["request"])
        results += time_imports(portal, docs, sizes)
        results.append("")
        start = time.perf_counter()
        province, folder = build_reports(portal, sizes)
        built = time.perf_counter() - start
        results += time_summary(province, folder, sizes)
    print(f"\ncollective.thdtre import bench ({'quick' if args.quick else 'full'})\n")
    print("\n".join(results + [""] + notes(sizes)))
    load_average = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(
        f"\n{sizes['reports']} reports built in {built:.0f} s; total "
        f"{time.perf_counter() - began:.0f} s; load average {load_average} on "
        f"{os.cpu_count()} CPUs."
    )


def mark_request(request) -> None:
    """The request as the publisher leaves it on the site: the add-on's layer."""
    from collective.thdtre.interfaces import IBrowserLayer
    from zope.interface import alsoProvides

    alsoProvides(request, IBrowserLayer)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for tests")
    return parser.parse_args(argv)


if __name__ == "__main__":
    main(parse_args())
