"""Run the whole test suite as two pytest processes side by side (`make test`).

The suite has two kinds of tests: the in-process ones (Plone layers in this
process: content, workflow, views, services, importer, fuzz...) and the
out-of-process ones, which spend most of their time waiting on other
processes (building and installing the wheel, backups of running instances,
the cluster with PostgreSQL and nginx, benchmark smokes, the real browser, the
upgrade from the last release). Run one after the other they take two cores
about 14 minutes; side by side each gets a core and the suite takes about
half. Each process picks its own free ports and temporary folders (the layers'
WSGI server, PostgreSQL, nginx), so they do not meet.

Output: each process's lines as they come, prefixed ``[inproc]`` or
``[servers]``, then both summaries. Exit status: 0 only when both pass.
Arguments are passed to both pytest processes (e.g. ``-x``, ``-k name``).
Run one group alone with ``--only inproc`` or ``--only servers``.
"""

from pathlib import Path

import os
import subprocess
import sys
import threading


ROOT = Path(__file__).resolve().parents[1]
PYTEST = ROOT / ".venv" / "bin" / "pytest"
# Tests that mostly wait on other processes, and the browser tests.
SERVERS = [
    "tests/packaging",
    "tests/backup",
    "tests/cluster",
    "tests/bench",
    "tests/browser",
    "tests/setup/test_upgrade_from_release.py",
]


def commands(extra: list[str]) -> dict[str, list[str]]:
    servers = [path for path in SERVERS if (ROOT / path).exists()]
    ignore = [f"--ignore={path}" for path in servers]
    return {
        "inproc": [str(PYTEST), "tests", *ignore, *extra],
        "servers": [str(PYTEST), *servers, *extra],
    }


def _pump(name: str, process: subprocess.Popen, tail: list[str], lock) -> None:
    for raw in process.stdout:
        line = raw.decode("utf-8", "replace").rstrip("\n")
        tail.append(line)
        del tail[:-40]
        with lock:
            print(f"[{name}] {line}", flush=True)


def main(argv: list[str]) -> int:
    only = None
    if argv[:1] == ["--only"]:
        only, argv = argv[1], argv[2:]
    runs = commands(argv)
    if only:
        runs = {only: runs[only]}
    lock = threading.Lock()
    started = {}
    for name, command in runs.items():
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        tail: list[str] = []
        pump = threading.Thread(target=_pump, args=(name, process, tail, lock))
        pump.start()
        started[name] = (process, pump, tail)
    status = 0
    summaries = []
    for name, (process, pump, tail) in started.items():
        code = process.wait()
        pump.join()
        last = next((line for line in reversed(tail) if line.strip()), "")
        summaries.append(f"{name}: exit {code}: {last}")
        status = status or code
    print("\n".join(["", "== both runs =="] + summaries), flush=True)
    return 1 if status else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
