"""make bench (readers): text and HTML parse time per document, OCR time per page.

Run with ``.venv/bin/python scripts/bench_readers.py [--quick]``. Pure Python, no
Plone: ``parse_document`` as the REST service and the form run it.

1. Text: every seed as the editor uploads it (.txt, .md).
2. HTML: every seed inside a portal page (menus, a banner with the day, share
   buttons, a footer with other news), as a URL import fetches it; seed 003 also
   with its header in a layout table, and seed 004 as a news page.
3. OCR: seed 003's first page rendered at 300 dpi into a PDF without a text layer
   (tests/importer/scan_docs.py), read through Tesseract; one page, then two.

Medians after a warm-up round. Goals (issue 11): parse <= 50 ms a document on 2
cores, OCR <= 15 s a page.
"""

from html import escape
from pathlib import Path

import argparse
import os
import statistics
import sys
import time


ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(ROOT / "tests" / "importer"))

SEEDS = [
    "000_90b970af89c5eac0.txt",
    "001_4d843b09b5669485.txt",
    "003_c6cfd6b9ad409e01.txt",
    "004_d0bdd134290c0cdd.txt",
    "plan_numbering_units.txt",
    "plan_table_appendix.md",
]
PARSE_GOAL_MS = 50
OCR_GOAL_S = 15
ROUNDS = {"full": {"parse": 20, "ocr": 3}, "quick": {"parse": 2, "ocr": 1}}

PORTAL = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>{title} - Cổng thông tin điện tử</title></head><body>
<header><nav><a href="/">Trang chủ</a> <a href="/gt">Giới thiệu</a>
<a href="/tt">Tin tức - Sự kiện</a> <a href="/vb">Văn bản</a></nav>
<div class="date">Thứ Tư, 12/06/2024 09:15</div></header>
<div class="share">Chia sẻ: Facebook | Zalo | In bài viết</div>
<main><article>{body}</article></main>
<aside><h3>Tin liên quan</h3><ul><li><a href="/1">Hội nghị giao ban</a></li>
<li><a href="/2">Lịch công tác tuần</a></li></ul></aside>
<footer><p>Bản quyền thuộc Ủy ban nhân dân tỉnh</p></footer></body></html>"""


def portal_page(text: str) -> bytes:
    """A seed as a portal page: one ``<p>`` a line, the page's furniture around."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    body = "\n".join(f"<p>{escape(line.replace('**', ''))}</p>" for line in lines)
    return PORTAL.format(title=escape(lines[0]), body=body).encode("utf-8")


def documents() -> list[tuple[str, bytes]]:
    from local_server import news_page
    from local_server import plan_page

    found = []
    for name in SEEDS:
        data = (FIXTURES / name).read_bytes()
        found.append((name, data))
        found.append((name.rsplit(".", 1)[0] + ".html", portal_page(data.decode())))
    seed_003 = (FIXTURES / SEEDS[2]).read_text(encoding="utf-8")
    found.append(("003-layout-table.html", plan_page(seed_003)))
    found.append(("004-news-page.html", news_page()))
    return found


def median_seconds(function, rounds: int) -> float:
    function()  # warm-up: imports, trafilatura's first run, the OS's file cache
    times = []
    for _round in range(rounds):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def time_parse(rounds: int) -> list[str]:
    from collective.thdtre.importer.parse import parse_document

    rows, slowest = [], 0.0
    for filename, data in documents():
        kind = parse_document(filename, data)["kind"]
        ms = 1000 * median_seconds(
            lambda f=filename, d=data: parse_document(f, d), rounds
        )
        slowest = max(slowest, ms)
        rows.append(
            f"parse  {filename:<30}{kind:<6}{len(data) / 1024:7.1f} KB{ms:9.1f} ms"
        )
    verdict = "OK" if slowest <= PARSE_GOAL_MS else "SLOW"
    rows.append(
        f"slowest parse {slowest:.1f} ms  (goal <= {PARSE_GOAL_MS} ms) {verdict}"
    )
    return rows


def time_ocr(rounds: int) -> list[str]:
    from collective.thdtre.importer.readers import ocr
    from collective.thdtre.importer.readers import read_text
    from scan_docs import fonts_present
    from scan_docs import scanned_pdf
    from scan_docs import seed_003_page

    if not (ocr.available() and fonts_present()):
        return ["ocr    skipped: Tesseract (vie), pdftoppm or fonts missing; run "
                "scripts/ensure_ocr.sh"]  # fmt: skip
    page = seed_003_page()
    rows, slowest = [], 0.0
    for count in (1, 2):
        data = scanned_pdf([page] * count)
        seconds = median_seconds(lambda d=data: read_text("scan.pdf", d), rounds)
        per_page = seconds / count
        slowest = max(slowest, per_page)
        rows.append(
            f"ocr    003-scan-{count}-page.pdf{'':<10}{len(data) / 1024:7.1f} KB"
            f"{seconds:8.2f} s  {per_page:.2f} s a page"
        )
    verdict = "OK" if slowest <= OCR_GOAL_S else "SLOW"
    rows.append(
        f"slowest OCR {slowest:.2f} s a page  (goal <= {OCR_GOAL_S} s) {verdict}"
    )
    return rows


def main(args) -> None:
    rounds = ROUNDS["quick" if args.quick else "full"]
    rows = time_parse(rounds["parse"]) + [""] + time_ocr(rounds["ocr"])
    print(f"\ncollective.thdtre readers bench ({'quick' if args.quick else 'full'})\n")
    print("\n".join(rows))
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(
        f"\nMedians of {rounds['parse']} parses and {rounds['ocr']} OCR runs after a "
        f"warm-up; OCR runs a page a core. Load average {load} on "
        f"{os.cpu_count()} CPUs."
    )


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="few rounds, for tests")
    return parser.parse_args(argv)


if __name__ == "__main__":
    main(parse_args())
