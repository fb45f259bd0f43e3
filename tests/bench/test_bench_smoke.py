"""`make bench` keeps working: the quick run builds its site and prints its four
ratios. Timings are the bench's business, never asserted here."""

from pathlib import Path

import os
import re
import subprocess
import sys


BENCH = Path(__file__).resolve().parents[2] / "scripts" / "bench.py"
RATIO = r"ratio \d+\.\d\dx"
ROWS = {
    "plan view": rf"^plan view \(12 slogans, 30 activities\) .*document view.* {RATIO}"
    r"  \(goal <= 1\.2x\) (OK|SLOW)$",
    "long plan view": r"^plan view \(40 pages, 60 activities, appendix\) "
    rf".*document view.* {RATIO}  \(goal <= 1\.2x\) (OK|SLOW)$",
    "archive": rf"^@@thdtre-plans \(\d+ plans, 50 a page\) .*@@tabular_view.* {RATIO}"
    r"  \(goal <= 1\.0x\) (OK|SLOW)$",
    "requests": rf"^anonymous GET plan \(\d+ threads\) .*GET document.* {RATIO}$",
}


def test_quick_bench_prints_its_four_ratios():
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,  # the site's setup alone takes 20-60 s on a busy machine
        cwd=BENCH.parents[1],
        # The bench's own server picks a free port, not the one of this run's layer.
        env={
            k: v
            for k, v in os.environ.items()
            if k not in ("ZSERVER_PORT", "WSGI_SERVER_PORT")
        },
    )
    assert done.returncode == 0, done.stderr[-3000:]
    for row, pattern in ROWS.items():
        assert re.search(pattern, done.stdout, re.MULTILINE), (row, done.stdout)
