"""``scripts/bench_import.py --quick`` keeps working: it parses and imports every
document and prints the report summary's ratio. Timings are never asserted here."""

from pathlib import Path

import os
import re
import subprocess
import sys


BENCH = Path(__file__).resolve().parents[2] / "scripts" / "bench_import.py"
MS = r"\d+\.\d ms"
DOCUMENTS = [
    "000_90b970af89c5eac0.txt",
    "001_4d843b09b5669485.txt",
    "003_c6cfd6b9ad409e01.txt",
    "003.docx",
    "003.pdf",
]
ROWS = {
    **{
        f"parse {name}": rf"^parse  {re.escape(name)} +plan +\d+\.\d KB +{MS}$"
        for name in DOCUMENTS
    },
    **{
        f"import {name}": rf"^import {re.escape(name)} +1 plan, \d+ slogans, "
        rf"\d+ activities +dry run +{MS} +import +{MS}$"
        for name in DOCUMENTS
    },
    "parse news": rf"^parse  004_d0bdd134290c0cdd\.txt +news .*{MS}$",
    "import news": rf"^import 004_d0bdd134290c0cdd\.txt +1 news item +dry run .*{MS}$",
    "summary": rf"^report summary \(\d+ plans, \d+ reports\) +{MS} +catalog query "
    rf"\(\d+ brains\) +{MS} +ratio \d+\.\d\dx  \(goal <= 3\.0x\) (OK|SLOW)$",
    "states": r"^  rows: approved_on_time \d+, approved_late \d+, submitted \d+, "
    r"draft \d+, missing \d+$",
}


def test_quick_bench_prints_its_lines():
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,  # the site's setup alone takes 20-60 s on a busy machine
        cwd=BENCH.parents[1],
        # Nothing of this run's layer (its server's port) leaks into the child.
        env={
            k: v
            for k, v in os.environ.items()
            if k not in ("ZSERVER_PORT", "WSGI_SERVER_PORT")
        },
    )
    assert done.returncode == 0, done.stderr[-3000:]
    for row, pattern in ROWS.items():
        assert re.search(pattern, done.stdout, re.MULTILINE), (row, done.stdout)
