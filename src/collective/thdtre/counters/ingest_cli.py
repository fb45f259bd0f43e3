"""``thdtre-ingest``: the console script that counts from nginx's counting log.

    THDTRE_COUNTER_DSN='host=... dbname=... user=... password=...' \\
        thdtre-ingest --log var/cluster/nginx/logs/count.log

Runs until SIGTERM or SIGINT (it finishes the batch in hand, which is atomic
anyway); ``--once`` ingests what the log holds and exits. The DSN comes from the
environment (never the command line, which every user of the machine can read).
A database that does not answer (PostgreSQL restarting) is tried again every few
seconds; nothing is lost meanwhile: nginx keeps writing its log.
"""

from collective.thdtre.counters.ingest import BATCH_LINES
from collective.thdtre.counters.ingest import Ingester
from collective.thdtre.counters.moment import CounterError
from pathlib import Path

import argparse
import os
import signal
import sys
import time


DSN_VARIABLE = "THDTRE_COUNTER_DSN"
RETRY_SECONDS = 2.0
REPORT_SECONDS = 60.0
APPLICATION = "thdtre-ingest"


def say(message: str) -> None:
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    print(f"{stamp} thdtre-ingest: {message}", file=sys.stderr, flush=True)


def _named(dsn: str) -> str:
    """The DSN with ``application_name`` (who holds a lock, in pg_stat_activity)."""
    import psycopg2.extensions

    try:
        if "application_name" in psycopg2.extensions.parse_dsn(dsn):
            return dsn
        return psycopg2.extensions.make_dsn(dsn, application_name=APPLICATION)
    except psycopg2.ProgrammingError:
        return dsn  # PostgresStore says what is wrong with it


def parse_args(argv: list) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="thdtre-ingest", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--log", required=True, help="nginx's counting log")
    parser.add_argument(
        "--name", default="nginx", help="the log's name in the position table"
    )
    parser.add_argument(
        "--interval", type=float, default=0.5, help="seconds between polls"
    )
    parser.add_argument(
        "--once", action="store_true", help="ingest what is there, then exit"
    )
    parser.add_argument(
        "--batch-lines",
        type=int,
        default=BATCH_LINES,
        help=f"lines per transaction, at most {BATCH_LINES}",
    )
    parser.add_argument("--pidfile", help="write the process id here")
    options = parser.parse_args(argv)
    if not 1 <= options.batch_lines <= BATCH_LINES:
        parser.error(f"--batch-lines must be 1 to {BATCH_LINES}")
    if not 0.05 <= options.interval <= 60:
        parser.error("--interval must be 0.05 to 60 seconds")
    return options


def main(argv: list | None = None) -> int:
    options = parse_args(sys.argv[1:] if argv is None else argv)
    dsn = os.environ.get(DSN_VARIABLE, "").strip()
    if not dsn:
        say(f"set {DSN_VARIABLE} to the counters' PostgreSQL DSN")
        return 2
    from collective.thdtre.counters.postgres import PostgresStore

    stopping = []
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: stopping.append(True))
    if options.pidfile:
        Path(options.pidfile).write_text(f"{os.getpid()}\n")
    store = PostgresStore(_named(dsn))
    ingester = Ingester(
        store, Path(options.log), name=options.name, batch_lines=options.batch_lines
    )
    say(f"reading {options.log} into {store!r}")
    read = counted = 0
    reported = time.monotonic()
    try:
        while not stopping:
            try:
                lines, hits = ingester.step()
            except CounterError as error:
                if options.once:
                    say(f"{error}")
                    return 1
                say(f"{error}; trying again in {RETRY_SECONDS:g} s")
                time.sleep(RETRY_SECONDS)
                continue
            read, counted = read + lines, counted + hits
            if time.monotonic() - reported >= REPORT_SECONDS:
                reported = time.monotonic()
                say(f"{read} lines read, {counted} counted")
            if lines:
                continue
            if options.once and not ingester.behind():
                break
            time.sleep(options.interval)
    finally:
        store.close()
    say(f"stopped: {read} lines read, {counted} counted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
