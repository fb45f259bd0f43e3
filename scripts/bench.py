"""make bench: the add-on's pages timed side by side with plain Plone, in one run.

Run with ``.venv/bin/python scripts/bench.py [--quick]``. A real Plone site with the
add-on is built in this process from the add-on's FUNCTIONAL_TESTING layer (the site
the tests use, served by a waitress server on a free port). Only the ratios mean
something: absolute times depend on the machine and on what else it is running.

1. The Plan view of a plan with 12 slogans and 30 activities against the view of a
   Document holding the same text, rendered in-process for Anonymous; the same
   for a 40-page plan as written (imported) with 60 activities and an appendix.
2. @@thdtre-plans over N plans (pages of 50) against Plone's own catalog listing of
   the same folder, @@tabular_view with b_size=50, both for a Manager.
3. Anonymous requests per second through the WSGI server, plan against Document.
   The load comes from a child process, so the client does not share our GIL.
"""

from pathlib import Path

import argparse
import benchsite
import json
import logging
import os
import re
import statistics
import subprocess
import sys
import threading
import time


HERE = Path(__file__).resolve()
SIZES = {  # plans in the archive, repetitions, seconds and rounds of HTTP load
    "full": {"plans": 2000, "repeat": 30, "archive": 15, "seconds": 10, "rounds": 3},
    "quick": {"plans": 100, "repeat": 3, "archive": 3, "seconds": 2, "rounds": 1},
}
WARMUP = 3
CHUNK = 250  # plans created per commit
PAGE = 50
GOALS = {"plan": 1.2, "archive": 1.0}
LONG_PAGES = 40  # the long plan: pages of text as written, with an appendix
LONG_ACTIVITIES = 60
ITEM_LINK = r'/archive/(to-chuc-[\w-]+)"'  # the ids of the archive's plans


# -- load generator (runs in a child process) -----------------------------------


def load(url: str, threads: int, seconds: float) -> dict:
    """GET ``url`` from ``threads`` keep-alive sessions for ``seconds``."""
    import requests

    done, errors = [], []
    deadline = time.perf_counter() + seconds

    def worker():
        count = 0
        with requests.Session() as session:
            while time.perf_counter() < deadline:
                try:
                    status = session.get(url, timeout=120).status_code
                except requests.RequestException as error:
                    status = repr(error)
                if status != 200:
                    errors.append(status)
                count += 1
        done.append(count)

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    start = time.perf_counter()
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    elapsed = time.perf_counter() - start
    return {"rps": sum(done) / elapsed, "requests": sum(done), "errors": errors[:5]}


def run_load(url: str, threads: int, seconds: float) -> float:
    command = [sys.executable, str(HERE), "--load", url]
    command += ["--threads", str(threads), "--seconds", str(seconds)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"the load generator failed:\n{done.stderr}")
    result = json.loads(done.stdout)
    if result["errors"]:
        sys.exit(f"GET {url} answered {result['errors']}: the bench is broken")
    return result["rps"]


# -- the site --------------------------------------------------------------------


# The archive shows catalog metadata only: its plans skip the long texts.
ARCHIVE_FIELDS = ("title", "number", "symbol", "issuing_body", "issue_date", "year")
ARCHIVE_FIELDS += ("theme", "period_start", "period_end")
PARAGRAPH = (
    "Tổ chức các hoạt động thiết thực, hiệu quả nhằm thực hiện tốt các quyền của "
    "trẻ em, bảo đảm an toàn cho trẻ em trong dịp hè và Tháng hành động vì trẻ em."
)


def plan_data(number: int, year: int = 2024, issuer: str = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"):
    return {
        "title": f"Tổ chức Tháng hành động vì trẻ em năm {year} (số {number})",
        "number": number,
        "symbol": "KH-KHCN",
        "parent_body": "UBND TỈNH BẮC GIANG",
        "issuing_body": issuer,
        "issue_place": "Bắc Giang",
        "issue_date": f"{year}-04-17",
        "year": year,
        "theme": "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em",
        "period_start": f"{year}-06-01",
        "period_end": f"{year}-06-30",
        "legal_basis": PARAGRAPH,
        "purpose": "\n".join([PARAGRAPH] * 3),
        "requirements": "\n".join([PARAGRAPH] * 2),
        "budget": {"data": f"<p>{PARAGRAPH}</p>", "content-type": "text/html"},
        "implementation": {
            "data": f"<p>{PARAGRAPH}</p>" * 4,
            "content-type": "text/html",
        },
        "signing_authority": "KT. GIÁM ĐỐC",
        "signer_title": "PHÓ GIÁM ĐỐC",
        "signer_name": "Nguyễn Văn A",
        "recipients": ["UBND tỉnh (b/c);", "Lưu: VT, VP."],
    }


def slogan_data(index: int) -> dict:
    return {
        "title": f"Khẩu hiệu số {index}: Hãy hành động vì trẻ em!",
        "position": index,
    }


def activity_data(index: int) -> dict:
    return {
        "title": f"Hoạt động số {index}: tuyên truyền, thăm hỏi, tặng quà trẻ em",
        "lead_unit": "Văn phòng Sở",
        "coordinating_units": ["Công đoàn Sở", "Đoàn Thanh niên Sở"],
        "start": "2024-06-01",
        "end": "2024-06-30",
    }


def document_html(plan: dict, slogans: list, activities: list) -> str:
    """The text the Plan view shows, as one Document body."""
    parts = [f"<h2>{plan['title']}</h2>", f"<p>{plan['legal_basis']}</p>"]
    for name in ("purpose", "requirements"):
        parts += [f"<p>{line}</p>" for line in plan[name].splitlines()]
    items = "".join(f"<li>{s['title']}</li>" for s in slogans)
    parts.append(f"<ol>{items}</ol>")
    rows = "".join(
        f"<tr><td>{i}</td><td>{a['title']}</td><td>{a['lead_unit']}</td>"
        f"<td>{', '.join(a['coordinating_units'])}</td><td>01/6-30/6/2024</td></tr>"
        for i, a in enumerate(activities, 1)
    )
    parts.append(f"<table>{rows}</table>")
    parts += [plan["budget"]["data"], plan["implementation"]["data"]]
    items = "".join(f"<li>{r}</li>" for r in plan["recipients"])
    parts.append(f"<ul>{items}</ul>")
    return "".join(parts)


def long_text(pages: int = LONG_PAGES) -> str:
    """A plan's text as written: numbered sections, about 500 words a page,
    then an appendix (our own words, the shape of a province's long plan)."""
    lines = []
    for page in range(1, pages + 1):
        if page % 4 == 1:
            lines.append(
                f"{'I II III IV V VI VII VIII IX X'.split()[page // 4]}. "
                f"NỘI DUNG PHẦN {page // 4 + 1}"
            )
        for item in range(1, 7):
            lines.append(f"{item}. Nhiệm vụ {page}.{item}: {PARAGRAPH} {PARAGRAPH}")
            lines.append(f"- {PARAGRAPH}")
    lines += ["PHỤ LỤC", "DANH MỤC HOẠT ĐỘNG VÀ ĐƠN VỊ THỰC HIỆN"]
    lines += [f"{i}. Hoạt động phụ lục {i}: {PARAGRAPH}" for i in range(1, 41)]
    return "\n".join(lines)


def long_plan_html(plan, activities: list) -> str:
    """The long plan's text as one Document body: its paragraphs and the table."""
    parts = [f"<h2>{plan.title}</h2>"]
    parts += [f"<p>{line}</p>" for line in plan.document_text.splitlines()]
    rows = "".join(
        f"<tr><td>{i}</td><td>{a['title']}</td><td>{a['lead_unit']}</td>"
        f"<td>{', '.join(a['coordinating_units'])}</td><td>01/6-30/6/2024</td>"
        "<td>Chưa bắt đầu</td></tr>"
        for i, a in enumerate(activities, 1)
    )
    parts.append(f"<table>{rows}</table>")
    return "".join(parts)


def build_long(folder) -> dict:
    """The 40-page plan with 60 activities and its Document, published."""
    from collective.thdtre.importer.load import create_content
    from plone import api

    data = dict(plan_data(64), title="Kế hoạch dài 40 trang (số 64)")
    data["document_text"] = long_text()
    plan = create_content(container=folder, type="Plan", data=data, id="long-plan")
    activities = [activity_data(i) for i in range(1, LONG_ACTIVITIES + 1)]
    for values in activities:
        create_content(container=plan, type="Activity", data=values)
    for transition in ("submit", "approve", "publish"):
        api.content.transition(obj=plan, transition=transition)
    text = {"data": long_plan_html(plan, activities), "content-type": "text/html"}
    document = create_content(
        container=folder,
        type="Document",
        id="long-document",
        data={"title": plan.title, "text": text},
    )
    api.content.transition(obj=document, to_state="published")
    return {"long_plan": plan, "long_document": document}


def build_site(portal, plans: int) -> dict:
    """The bench's content, committed; returns the objects to time."""
    from collective.thdtre.importer.load import create_content
    from collective.thdtre.interfaces import IThdtreSettings
    from plone import api

    import transaction

    api.portal.set_registry_record(f"{IThdtreSettings.__identifier__}.four_eyes", False)
    folder = api.content.create(container=portal, type="Folder", id="bench")
    province = create_content(container=folder, type="Plan", data=plan_data(777))
    data = dict(plan_data(63), implements=[province.UID()])
    plan = create_content(container=folder, type="Plan", data=data, id="plan")
    slogans = [slogan_data(i) for i in range(1, 13)]
    activities = [activity_data(i) for i in range(1, 31)]
    for values in slogans:
        create_content(container=plan, type="Slogan", data=values)
    for values in activities:
        create_content(container=plan, type="Activity", data=values)
    for obj in (province, plan):  # the plan's slogans and activities follow it
        for transition in ("submit", "approve", "publish"):
            api.content.transition(obj=obj, transition=transition)
    text = {
        "data": document_html(data, slogans, activities),
        "content-type": "text/html",
    }
    document = create_content(
        container=folder,
        type="Document",
        id="document",
        data={"title": data["title"], "text": text},
    )
    long_case = build_long(folder)
    archive = api.content.create(container=portal, type="Folder", id="archive")
    for obj in (folder, document, archive):
        if api.content.get_state(obj=obj, default=None) not in (None, "published"):
            api.content.transition(obj=obj, to_state="published")
    transaction.commit()
    issuers = [f"SỞ SỐ {i}" for i in range(12)]
    for index in range(plans):
        # Numbers from 1001: an issued number is unique per symbol and year, and
        # the plan measured above is 63/KH-KHCN of 2024.
        number = 1001 + index
        values = plan_data(number, 2018 + index % 8, issuers[index % len(issuers)])
        values = {name: values[name] for name in ARCHIVE_FIELDS}
        create_content(container=archive, type="Plan", data=values)
        if index % CHUNK == CHUNK - 1:
            transaction.commit()
    transaction.commit()
    return {"plan": plan, "document": document, "archive": archive, **long_case}


# -- timing in-process -----------------------------------------------------------


def render(app, obj, name: str, form: dict | None = None):
    """Render view ``name`` of ``obj`` on a fresh request, as the publisher would.

    Returns the seconds taken by traversing to the view and calling it, and the HTML.
    """
    from Acquisition import aq_base
    from collective.thdtre.interfaces import IBrowserLayer
    from plone.testing.zope import addRequestContainer
    from zope.event import notify
    from zope.globalrequest import setRequest
    from zope.interface import alsoProvides
    from zope.security.management import endInteraction
    from zope.security.management import newInteraction
    from zope.traversing.interfaces import BeforeTraverseEvent

    root = addRequestContainer(aq_base(app), {"SERVER_NAME": "localhost"})
    request = root.REQUEST
    setRequest(request)
    portal = root.unrestrictedTraverse("plone")
    context = portal.unrestrictedTraverse(obj.getPhysicalPath()[2:])
    request.form.update(form or {})
    request.other.update(form or {})
    request["PARENTS"] = context.aq_chain[:-1]
    request["ACTUAL_URL"] = request["URL"] = f"{context.absolute_url()}/{name}"
    notify(BeforeTraverseEvent(portal, request))  # the site's browser layers
    alsoProvides(request, IBrowserLayer)
    newInteraction()  # as the publisher does: zope.security checks need one
    try:
        start = time.perf_counter()
        view = context.restrictedTraverse(name)
        request["PUBLISHED"] = view
        html = view()
        return time.perf_counter() - start, html
    finally:
        endInteraction()


def compare(app, left: tuple, right: tuple, repeat: int) -> tuple:
    """Median milliseconds of two renderings, alternated, after a warm-up."""
    import transaction

    times = ([], [])
    for step in range(WARMUP + repeat):
        for side, (obj, name, form) in enumerate((left, right)):
            elapsed, _html = render(app, obj, name, form)
            transaction.abort()
            if step >= WARMUP:
                times[side].append(elapsed * 1000)
    return statistics.median(times[0]), statistics.median(times[1])


def distinct(pattern: str, html: str, expected: int, what: str) -> None:
    """Stop when a page does not show what it is timed for."""
    found = len(set(re.findall(pattern, html)))
    if found < expected:
        sys.exit(f"{what}: {found} found, {expected} expected; the bench is broken")


def line(label, value, other_label, other, unit, goal=None) -> str:
    """One row of the table, with the ratio ``value / other``."""
    ratio = value / other
    row = (
        f"{label:<39}{value:8.1f} {unit:<6} {other_label:<25}{other:8.1f} {unit:<6}"
        f" ratio {ratio:.2f}x"
    )
    if goal is None:
        return row
    return f"{row}  (goal <= {goal:.1f}x) {'OK' if ratio <= goal else 'SLOW'}"


def time_plan_view(app, plan, document, sizes: dict) -> str:
    from plone.app.testing import logout

    logout()
    html = render(app, plan, "view")[1]
    distinct(r"Khẩu hiệu số \d+", html, 12, "slogans on the plan")
    distinct(r"Hoạt động số \d+", html, 30, "activities on the plan")
    html = render(app, document, "document_view")[1]
    distinct(r"Hoạt động số \d+", html, 30, "activities in the document")
    plan_ms, doc_ms = compare(
        app, (plan, "view", None), (document, "document_view", None), sizes["repeat"]
    )
    label = "plan view (12 slogans, 30 activities)"
    return line(label, plan_ms, "document view", doc_ms, "ms", GOALS["plan"])


def time_long_plan_view(app, plan, document, sizes: dict) -> str:
    from plone.app.testing import logout

    logout()
    for obj, name in ((plan, "view"), (document, "document_view")):
        html = render(app, obj, name)[1]
        distinct(r"Hoạt động số \d+", html, LONG_ACTIVITIES, f"activities ({name})")
        distinct(r"Hoạt động phụ lục \d+", html, 40, f"appendix ({name})")
    plan_ms, doc_ms = compare(
        app, (plan, "view", None), (document, "document_view", None), sizes["repeat"]
    )
    label = f"plan view ({LONG_PAGES} pages, {LONG_ACTIVITIES} activities, appendix)"
    return line(label, plan_ms, "document view", doc_ms, "ms", GOALS["plan"])


def time_archive(app, archive, sizes: dict) -> str:
    from plone.app.testing import login
    from plone.app.testing import logout
    from plone.app.testing import TEST_USER_NAME

    login(app.plone, TEST_USER_NAME)
    archive_view = (archive, "@@thdtre-plans", None)
    listing = (archive, "@@tabular_view", {"b_size": str(PAGE)})
    for obj, name, form in (archive_view, listing):
        html = render(app, obj, name, form)[1]
        distinct(ITEM_LINK, html, PAGE, f"plans listed by {name}")
    archive_ms, listing_ms = compare(app, archive_view, listing, sizes["archive"])
    logout()
    label = f"@@thdtre-plans ({sizes['plans']} plans, 50 a page)"
    other = f"@@tabular_view b_size={PAGE}"
    return line(label, archive_ms, other, listing_ms, "ms", GOALS["archive"])


def time_requests(port: int, sizes: dict, threads: int) -> str:
    base = f"http://localhost:{port}/plone/bench"
    urls = [f"{base}/plan", f"{base}/document"]
    for url in urls:  # every server thread's connection loads both pages
        run_load(url, threads, max(1, sizes["seconds"] / 4))
    rates = ([], [])
    for _round in range(sizes["rounds"]):
        for side, url in enumerate(urls):
            rates[side].append(run_load(url, threads, sizes["seconds"]))
    plan_rps, doc_rps = (statistics.median(r) for r in rates)
    label = f"anonymous GET plan ({threads} threads)"
    return line(label, plan_rps, "anonymous GET document", doc_rps, "req/s")


def notes(sizes: dict, server_threads: int) -> list:
    return [
        f"Views: rendered in-process on fresh requests, median of {sizes['repeat']} "
        f"(archive: {sizes['archive']}) after {WARMUP} warm-ups, the two sides "
        "alternated; plan and document as Anonymous, archive and listing as Manager.",
        "Plone's listing: @@tabular_view of the same folder (plone.app.contenttypes "
        "FolderView: catalog brains, batch of 50), an HTML page with the same chrome "
        "as @@thdtre-plans.",
        f"ZODB cache: {benchsite.ZODB_CACHE_SIZE} objects a connection "
        "(Zope's default).",
        f"Requests/s: median of {sizes['rounds']} alternated rounds of "
        f"{sizes['seconds']} s through the layer's waitress server ("
        f"{server_threads} worker threads), load from a child process; "
        "ratio plan/document, higher is better.",
    ]


def main(args) -> None:
    from collective.thdtre.testing import FUNCTIONAL_TESTING
    from plone.testing.zope import WSGI_SERVER_FIXTURE

    # Setup warnings and waitress' queue depth would drown the table.
    logging.basicConfig(level=logging.ERROR)
    sizes = SIZES["quick" if args.quick else "full"]
    began = time.perf_counter()
    with benchsite.site(FUNCTIONAL_TESTING) as layer:
        app, portal = layer["app"], layer["portal"]
        content = build_site(portal, sizes["plans"])
        built = time.perf_counter() - began
        results = [
            time_plan_view(app, content["plan"], content["document"], sizes),
            time_long_plan_view(
                app, content["long_plan"], content["long_document"], sizes
            ),
            time_archive(app, content["archive"], sizes),
            time_requests(layer["port"], sizes, args.threads),
            "",
            *notes(sizes, WSGI_SERVER_FIXTURE.server.adj.threads),
        ]
    print(f"\ncollective.thdtre bench ({'quick' if args.quick else 'full'})\n")
    print("\n".join(results))
    load_average = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(
        f"\nSite and {sizes['plans']} plans built in {built:.0f} s; "
        f"total {time.perf_counter() - began:.0f} s; load average {load_average} "
        f"on {os.cpu_count()} CPUs."
    )


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for tests")
    parser.add_argument("--threads", type=int, default=4, help="client threads")
    parser.add_argument("--load", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--seconds", type=float, default=2, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


if __name__ == "__main__":
    arguments = parse_args()
    if arguments.load:
        print(json.dumps(load(arguments.load, arguments.threads, arguments.seconds)))
    else:
        main(arguments)
