"""make loadtest (scripts/loadtest.py): the ingester's part, and the goals.

The cluster counts from nginx's counting log (issue 15): after a run, the news
item's view count is compared with the 2xx news responses once the ingester has
caught up (how long that took is reported). One run kills the ingester with
``kill -9`` while a batch is open in PostgreSQL and starts it again: no count may
be lost nor doubled.
"""

from pathlib import Path

import os
import signal
import threading
import time


FLUSH_SECONDS = 1.5  # nginx writes its counting log buffer every second
CATCH_UP_TIMEOUT = 900.0
# The goals (issue 15).
SPEEDUP = 100.0  # the cluster against one instance, on the same pages ...
RPS_FLOOR = 1500.0  # ... or this many requests per second, whichever is lower
MAX_P99_MS = 100.0  # on cached pages (the cluster's run)
MAX_KILL_ERROR_RATE = 0.002
APPLICATION = "thdtre-ingest"  # the ingester's application_name in PostgreSQL


def count_log(cluster_dir: Path) -> Path:
    return cluster_dir / "nginx" / "logs" / "count.log"


def ingester_pidfile(cluster_dir: Path) -> Path:
    return cluster_dir / "ingest.pid"


class Position:
    """How far the ingester has counted nginx's counting log."""

    def __init__(self, store, log: Path):
        from collective.thdtre.counters.ingest import ensure_table

        self.store = store
        self.log = log
        ensure_table(store)

    def offset(self) -> int:
        from collective.thdtre.counters.ingest import read_position

        return read_position(self.store, "nginx").offset

    def behind(self) -> int:
        size = self.log.stat().st_size if self.log.exists() else 0
        return max(0, size - self.offset())

    def catch_up(self) -> float:
        """Wait until every line nginx wrote is counted; the seconds it took."""
        started = time.monotonic()
        time.sleep(FLUSH_SECONDS)
        while self.behind():
            if time.monotonic() - started > CATCH_UP_TIMEOUT:
                raise TimeoutError(
                    f"the ingester is still {self.behind()} bytes behind after"
                    f" {CATCH_UP_TIMEOUT:.0f} s"
                )
            time.sleep(0.2)
        return round(time.monotonic() - started, 1)


def waiting_ingesters(cursor) -> int:
    """How many ingester connections wait for a lock, inside their batch."""
    cursor.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s"
        " AND wait_event_type = 'Lock'",
        (APPLICATION,),
    )
    return cursor.fetchone()[0]


class IngesterFault(threading.Thread):
    """At ``kill_at`` s, kill -9 the ingester mid-batch; start it at ``restart_at``.

    The batch is open for sure: the fault holds the row of the ingester's
    position, so the batch has written its counts and waits to move it.
    """

    def __init__(self, cluster, kill_at: float, restart_at: float, stop, say):
        super().__init__(name="ingester-fault", daemon=True)
        self.cluster = cluster
        self.kill_at = kill_at
        self.restart_at = restart_at
        self.stop = stop
        self.say = say
        self.report = {}
        self.error = None

    def run(self):
        try:
            self._run()
        except Exception as error:  # reported by the main thread
            self.error = error

    def _run(self):
        start = time.monotonic()
        if self.stop.wait(self.kill_at):
            return
        # Caught in the middle of a batch for sure: the position row is held, so
        # the ingester's next batch writes its counts and then waits to move
        # the position, its transaction open. Killed there, then let go.
        import psycopg2

        holder = psycopg2.connect(self.cluster.dsn())
        # Another connection looks: a transaction sees pg_stat_activity frozen.
        watcher = psycopg2.connect(self.cluster.dsn())
        watcher.autocommit = True
        try:
            with holder.cursor() as cursor, watcher.cursor() as watch:
                cursor.execute(
                    "SELECT 1 FROM thdtre_ingest WHERE name = 'nginx' FOR UPDATE"
                )
                deadline = time.monotonic() + 30
                while not waiting_ingesters(watch) and time.monotonic() < deadline:
                    time.sleep(0.05)
                self.report["mid_batch"] = waiting_ingesters(watch) > 0
                pid = int(ingester_pidfile(self.cluster.dir).read_text().strip())
                os.killpg(pid, signal.SIGKILL)
        finally:
            holder.rollback()
            holder.close()
            watcher.close()
        self.report["killed_at_s"] = round(time.monotonic() - start, 1)
        batch = "in a batch" if self.report["mid_batch"] else "between batches"
        self.say(f"  {self.report['killed_at_s']:.1f} s: ingester killed ({batch})")
        deadline = time.monotonic() + 15
        while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        if self.stop.wait(max(0.0, start + self.restart_at - time.monotonic())):
            return
        # Only the ingester: "start" would reload nginx, cutting connections.
        self.cluster.run(
            "start-ingester", log=self.cluster.dir / "loadtest-restart.log"
        )
        self.report["restarted_at_s"] = round(time.monotonic() - start, 1)
        self.say(f"  {self.report['restarted_at_s']:.1f} s: ingester started again")


def goals(results: list) -> list:
    """The raised goals of issue 15: [{goal, value, met}] over every run."""
    runs = {result["key"]: result for result in results}
    found = []
    one, cluster = runs.get("one"), runs.get("cluster")
    if one and cluster:
        wanted = min(SPEEDUP * one["wrk"]["rps"], RPS_FLOOR)
        found.append(
            {
                "goal": f"cluster >= {wanted:.0f} req/s (min of {SPEEDUP:.0f}x one"
                f" instance, {RPS_FLOOR:.0f})",
                "value": cluster["wrk"]["rps"],
                "met": cluster["wrk"]["rps"] >= wanted,
            }
        )
        p99 = cluster["wrk"]["p99_ms"]
        found.append(
            {
                "goal": f"p99 <= {MAX_P99_MS:.0f} ms on cached pages",
                "value": p99,
                "met": p99 <= MAX_P99_MS,
            }
        )
    killed = runs.get("killed")
    if killed:
        run = killed["wrk"]
        rate = run["errors"] / run["requests"] if run["requests"] else 1.0
        found.append(
            {
                "goal": f"an instance killed: errors < {MAX_KILL_ERROR_RATE:.1%}",
                "value": round(rate * 100, 3),
                "met": rate < MAX_KILL_ERROR_RATE,
            }
        )
    for result in results:
        views = result["views"]
        found.append(
            {
                "goal": f"{result['label']}: views counted = 2xx news responses",
                "value": f"{views['counted']}/{views['expected']}",
                "met": views["ok"],
            }
        )
    ingester = runs.get("ingester")
    if ingester:
        fault = ingester.get("ingester_fault", {})
        found.append(
            {
                "goal": "ingester killed mid-batch and restarted: 0 counts lost",
                "value": ingester["views"]["expected"] - ingester["views"]["counted"],
                "met": ingester["views"]["ok"]
                and bool(fault.get("mid_batch"))
                and "restarted_at_s" in fault,
            }
        )
    return found
