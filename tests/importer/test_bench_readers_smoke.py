"""``scripts/bench_readers.py --quick`` keeps working: a parse line per text and
HTML document, an OCR line per scan, and the two goals. Timings are never asserted
here."""

from collective.thdtre.importer.readers import ocr
from pathlib import Path

import re
import subprocess
import sys


BENCH = Path(__file__).resolve().parents[2] / "scripts" / "bench_readers.py"
MS = r"\d+\.\d ms"


def test_quick_bench_prints_parse_and_ocr_times():
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=BENCH.parents[1],
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    for name, kind in (
        ("003_c6cfd6b9ad409e01.txt", "plan"),
        ("003_c6cfd6b9ad409e01.html", "plan"),
        ("004_d0bdd134290c0cdd.html", "news"),
        ("003-layout-table.html", "plan"),
    ):
        pattern = rf"^parse  {re.escape(name)} +{kind} +\d+\.\d KB +{MS}$"
        assert any(re.match(pattern, line) for line in lines), pattern
    assert any(
        re.match(rf"^slowest parse {MS}  \(goal <= 50 ms\) (OK|SLOW)$", line)
        for line in lines
    )
    if ocr.available():
        assert any(
            re.match(r"^ocr    003-scan-2-page\.pdf .* \d+\.\d\d s a page$", line)
            for line in lines
        )
        assert any(
            re.match(r"^slowest OCR \d+\.\d\d s a page  \(goal <= 15 s\)", line)
            for line in lines
        )
