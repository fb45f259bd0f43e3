"""make loadtest: load and fault test, one Zope instance against the cluster.

Run with ``.venv/bin/python scripts/loadtest.py [--duration 60] [--connections 32]``.
Everything goes to 127.0.0.1 only, and nothing of ``make start`` or ``make cluster``
is touched:

1. Installs Debian's ``wrk`` when it is missing (as root, with apt-get).
2. Starts a throwaway cluster of its own with ``scripts/cluster.sh start`` under
   ``var/loadtest/`` (nginx 18080, zope1 18081, zope2 18082, PostgreSQL 55433; the
   first run creates the demo site there, later runs reuse it) and stops it at the
   end, also after an error or Ctrl-C.
3. Finds a published plan and the published news item through the REST API
   (anonymous); the archive is ``/Plone/@@thdtre-plans``.
4. Sends the three pages in turn with wrk and ``scripts/loadtest.lua`` (a browser
   User-Agent and a new visitor cookie on every request) to four targets, one after
   another: zope1 alone, the cluster through nginx, the cluster while zope2 is
   killed (``kill -9`` of its process group at 1/3 of the run) and started again
   (``cluster.sh start`` at 2/3), and the cluster while the ingester (which counts
   from nginx's log, issue 15) is killed with ``kill -9`` while a batch is open in
   PostgreSQL (at 1/3) and started again (at 2/3). During the zope2 run a writer
   adds a Document every 0.5 s through nginx (admin, REST); afterwards every
   Document acknowledged with 201 must be readable directly from both instances.
   Each run is ``--duration`` seconds of load, then ``--drain`` seconds in which no
   new request starts: wrk forgets the requests still in flight when it stops,
   though the servers answer (and count) them, so without the drain the counts of
   wrk and of the server could not be compared.
5. Per target: requests per second (answered during the load), latency p50 and
   p99, errors (socket errors and responses other than 2xx), ConflictErrors that
   appeared in the instances' logs during the run (Zope logs even a conflict it
   resolved by retrying the request: "ConflictError at ... will be retried"), the
   seconds the ingester took to catch up after the run, and the news item's view
   count (read from PostgreSQL before and after) against the news responses that
   were 2xx: every request carries a new visitor, so each must count once.

Prints a table, writes the figures and the goals to ``var/loadtest/results.json``
and exits with 0 when the goals hold (scripts/loadtest_ingest.py ``goals``: the
cluster at least 100 times one instance or 1,500 req/s, whichever is lower; p99 at
most 100 ms on the cached pages; view counts equal in every run, the ingester's
kill included; errors below 0.2 % with an instance killed; no lost write, no
ConflictError), 1 otherwise.
"""

from dataclasses import dataclass
from pathlib import Path

import argparse
import base64
import collections
import json
import os
import secrets
import shutil
import signal
import string
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request


sys.path.insert(0, str(Path(__file__).resolve().parent))
from loadtest_ingest import count_log  # noqa: E402
from loadtest_ingest import goals  # noqa: E402
from loadtest_ingest import IngesterFault  # noqa: E402
from loadtest_ingest import MAX_KILL_ERROR_RATE  # noqa: E402
from loadtest_ingest import Position  # noqa: E402


ROOT = Path(__file__).resolve().parent.parent
CLUSTER_SH = ROOT / "scripts" / "cluster.sh"
LUA_SCRIPT = ROOT / "scripts" / "loadtest.lua"
DEFAULT_DIR = ROOT / "var" / "loadtest"

JSON_PREFIX = "LOADTEST_JSON "
# A browser's User-Agent: counted as a visitor (collective.thdtre.counters.is_bot).
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) thdtre-loadtest"
# Our own REST calls and warm-up requests: a bot, never counted.
CLIENT_AGENT = "thdtre-loadtest-client bot/1.0"
ADMIN = ("admin", "admin")
VISITOR_LENGTH = 32  # counting.visitor_id accepts exactly 32 letters and digits
PREFIX_LENGTH = 8  # the run's part of a visitor id; the Lua script adds the rest
ALPHANUMERIC = string.ascii_letters + string.digits
SETTLE_SECONDS = 3.0  # after wrk, before reading the counters and the logs
WRITE_INTERVAL = 0.5

# The pages of the mix: name, the <body> class that tells a response's page.
PAGES = (
    ("plan", "portaltype-plan"),
    ("archive", "template-thdtre-plans"),
    ("news", "portaltype-news-item"),
)
ARCHIVE_PATH = "/Plone/@@thdtre-plans"


@dataclass(frozen=True)
class Ports:
    http: int = 18080
    zope1: int = 18081
    zope2: int = 18082
    pg: int = 55433


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    port: str  # "http" or "zope1": which of Ports wrk sends to
    kill: bool = False
    kill_ingester: bool = False


TARGETS = (
    Target("one", "one instance (zope1)", "zope1"),
    Target("cluster", "cluster (nginx)", "http"),
    Target("killed", "cluster, zope2 killed", "http", kill=True),
    Target("ingester", "cluster, ingester killed", "http", kill_ingester=True),
)


def say(message: str) -> None:
    print(f"loadtest: {message}", flush=True)


class LoadTestError(Exception):
    """The test could not run; the message says why."""


# -- pure helpers ---------------------------------------------------------------


def cluster_env(base: dict, ports: Ports, cluster_dir: Path) -> dict:
    """The environment for scripts/cluster.sh that selects our own cluster."""
    env = dict(base)
    env.update(
        THDTRE_CLUSTER_DIR=str(cluster_dir),
        THDTRE_HTTP_PORT=str(ports.http),
        THDTRE_ZOPE1_PORT=str(ports.zope1),
        THDTRE_ZOPE2_PORT=str(ports.zope2),
        THDTRE_PG_PORT=str(ports.pg),
    )
    return env


def make_prefix(length: int = PREFIX_LENGTH) -> str:
    """A random run prefix for the visitor ids, letters and digits."""
    return "".join(secrets.choice(ALPHANUMERIC) for _ in range(length))


def visitor_id(prefix: str, thread: int, number: int) -> str:
    """The visitor id loadtest.lua sends as request ``number`` of wrk thread ``thread``.

    The run's prefix, the thread as two digits, the request number zero-padded to
    32 characters: unique per run, thread and request, and accepted by
    ``collective.thdtre.counting.visitor_id`` (32 letters and digits).
    """
    width = VISITOR_LENGTH - len(prefix) - 2
    if not prefix.isalnum() or width < 6 or not 0 < thread < 100:
        raise ValueError(f"no visitor id for prefix {prefix!r}, thread {thread}")
    value = f"{prefix}{thread:02d}{number:0{width}d}"
    if len(value) != VISITOR_LENGTH:
        raise ValueError(f"request number {number} is too large")
    return value


def lua_args(prefix: str, user_agent: str, load_seconds: float, paths: dict) -> list:
    """The arguments after ``--`` for loadtest.lua: prefix, agent, load, pages."""
    args = [prefix, user_agent, f"{load_seconds:g}"]
    for name, css_class in PAGES:
        args += [name, paths[name], css_class]
    return args


def wrk_command(
    url: str,
    *,
    seconds: float,
    connections: int,
    threads: int,
    timeout: float,
    script: Path,
    args: list,
) -> list:
    """The wrk command line of one run."""
    return [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        f"--timeout={max(1, round(timeout))}s",
        "--latency",
        "-s",
        str(script),
        url,
        "--",
        *args,
    ]


def parse_wrk_output(text: str) -> dict:
    """The figures of a run from wrk's output (the LOADTEST_JSON line of done()).

    Requests per second are those answered during the load phase, over its length;
    latency and errors are those of every request, the drained ones included.
    """
    for line in text.splitlines():
        if line.startswith(JSON_PREFIX):
            raw = json.loads(line[len(JSON_PREFIX) :])
            break
    else:
        raise ValueError("wrk printed no LOADTEST_JSON line (did loadtest.lua run?)")
    seconds = raw["duration_us"] / 1e6
    load = raw["load_s"]
    latency = raw["latency_us"]
    socket_errors = raw["socket_errors"]
    non2xx = sum(raw["failed"].values())
    socket_total = sum(socket_errors.values())
    return {
        "requests": raw["requests"],
        "duration_s": round(seconds, 3),
        "load_s": load,
        "rps": round(raw["loaded"] / load, 1) if load else 0.0,
        # Sent but never answered: still in flight when wrk stopped, or cut off.
        # wrk calls request() once more than it sends, to check the request.
        "unanswered": sum(raw["sent"].values()) - 1 - raw["requests"],
        "p50_ms": round(latency["p50"] / 1000, 1),
        "p90_ms": round(latency["p90"] / 1000, 1),
        "p99_ms": round(latency["p99"] / 1000, 1),
        "max_ms": round(latency["max"] / 1000, 1),
        "socket_errors": socket_errors,
        "non2xx": non2xx,
        "errors": socket_total + non2xx,
        "sent": raw["sent"],
        "ok": raw["ok"],
        "failed": raw["failed"],
        "bytes": raw["bytes"],
    }


def conflict_lines(text: str) -> collections.Counter:
    """The lines of ``text`` that mention a ConflictError, with their number."""
    return collections.Counter(
        line for line in text.splitlines() if "ConflictError" in line
    )


def count_conflicts(texts: list) -> int:
    """ConflictError lines in the logs of one instance, each logged event once.

    An instance writes the same lines to two files (event.log, and runwsgi.log
    through the console handler): a line counts as often as the file that has it
    most often, not once per file.
    """
    most = collections.Counter()
    for text in texts:
        most |= conflict_lines(text)
    return sum(most.values())


def parse_proc_state(stat: str) -> str:
    """The state letter (R, S, Z...) of a /proc/PID/stat line."""
    return stat.rpartition(")")[2].split()[0]


def rewrite_port(url: str, port: int) -> str:
    """``url`` on 127.0.0.1:``port``: an @id read directly from an instance."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(netloc=f"127.0.0.1:{port}"))


def views_check(before: int, after: int, expected: int) -> dict:
    counted = after - before
    return {
        "before": before,
        "after": after,
        "counted": counted,
        "expected": expected,
        "ok": counted == expected,
    }


def failures(results: list) -> list:
    """Why the goals do not hold (empty when they all hold)."""
    reasons = []
    for result in results:
        label, run = result["label"], result["wrk"]
        if result["conflicts"]:
            reasons.append(f"{label}: {result['conflicts']} ConflictError log lines")
        views = result["views"]
        if not views["ok"]:
            unanswered = f" ({run['unanswered']} requests unanswered)"
            reasons.append(
                f"{label}: the view counter counted {views['counted']} views,"
                f" {views['expected']} news responses were 2xx"
                + (unanswered if run["unanswered"] else "")
            )
        unknown = run["ok"].get("unknown", 0)
        if unknown:
            reasons.append(f"{label}: {unknown} 2xx responses matched no page")
        if not run["requests"]:
            reasons.append(f"{label}: no request completed")
        if "fault" in result and "writes" in result:
            rate = run["errors"] / run["requests"] if run["requests"] else 1.0
            if rate >= MAX_KILL_ERROR_RATE:
                reasons.append(
                    f"{label}: {run['errors']} errors in {run['requests']} requests"
                    f" ({rate:.2%}, goal below {MAX_KILL_ERROR_RATE:.1%})"
                )
            if not result["fault"].get("back"):
                reasons.append(f"{label}: zope2 did not come back")
            writes = result["writes"]
            if not writes["acknowledged"]:
                reasons.append(f"{label}: no write was acknowledged")
            if writes["lost"]:
                reasons.append(f"{label}: {writes['lost']} acknowledged writes lost")
    reasons += [
        f"{goal['goal']}: {goal['value']}" for goal in goals(results) if not goal["met"]
    ]
    return list(dict.fromkeys(reasons))


def format_table(results: list) -> str:
    """The figures of every target as a text table."""
    header = (
        f"{'target':<26} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}"
        f" {'conflicts':>10} {'catch-up s':>10}  views counted/expected"
    )
    lines = [header]
    for result in results:
        run, views = result["wrk"], result["views"]
        verdict = "OK" if views["ok"] else "MISMATCH"
        lines.append(
            f"{result['label']:<26} {run['rps']:>7.1f} {run['p50_ms']:>8.1f}"
            f" {run['p99_ms']:>8.1f} {run['errors']:>7d} {result['conflicts']:>10d}"
            f" {result.get('catch_up_s', '-'):>10}"
            f"  {views['counted']}/{views['expected']} {verdict}"
        )
    return "\n".join(lines)


# -- processes, HTTP ------------------------------------------------------------

# urllib without the environment's proxies: everything here is on 127.0.0.1.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def http(
    method: str,
    url: str,
    *,
    body: dict | None = None,
    auth: bool = False,
    accept: str = "application/json",
    timeout: float = 30.0,
) -> tuple:
    """``(status, body bytes)``; a refused connection raises OSError."""
    headers = {"Accept": accept, "User-Agent": CLIENT_AGENT}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if auth:
        token = base64.b64encode(":".join(ADMIN).encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def status_of(url: str, **kwargs) -> int:
    """The HTTP status of a GET of ``url``, 0 when nothing answers."""
    try:
        return http("GET", url, **kwargs)[0]
    except OSError:
        return 0


def ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    if os.geteuid() != 0:
        raise LoadTestError(
            "wrk is not installed and we are not root: apt-get install wrk"
        )
    say("installing Debian's wrk (apt-get)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (
        ["apt-get", "update", "-q"],
        ["apt-get", "install", "-y", "-q", "--no-install-recommends", "wrk"],
    ):
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        if done.returncode:
            sys.stderr.write(done.stdout[-2000:] + done.stderr[-2000:])
            raise LoadTestError(f"{' '.join(command)} failed: cannot install wrk")
    if not shutil.which("wrk"):
        raise LoadTestError("apt-get installed wrk but there is no wrk on PATH")


class Cluster:
    """Our own cluster under ``cluster_dir``, driven by scripts/cluster.sh."""

    def __init__(self, ports: Ports, cluster_dir: Path):
        self.ports = ports
        self.dir = cluster_dir
        self.env = cluster_env(os.environ, ports, cluster_dir)

    def run(self, command: str, log: Path | None = None) -> None:
        done = subprocess.run(
            [str(CLUSTER_SH), command],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        output = done.stdout + done.stderr
        if log is not None:
            with log.open("a") as file:
                file.write(output)
        else:
            for line in output.splitlines():
                print(f"  {line}", flush=True)
        if done.returncode:
            if log is not None:
                sys.stderr.write(output[-3000:])
            raise LoadTestError(f"scripts/cluster.sh {command} failed")

    def url(self, port: str) -> str:
        return f"http://127.0.0.1:{getattr(self.ports, port)}"

    def pidfile(self, instance: str) -> Path:
        return self.dir / instance / "var" / "zope.pid"

    def log_files(self) -> dict:
        """{instance: [its log files]}."""
        return {
            name: sorted(p for p in (self.dir / name / "var" / "log").glob("*"))
            for name in ("zope1", "zope2")
        }

    def dsn(self) -> str:
        password = (self.dir / "pg-password").read_text().strip()
        return (
            f"host=127.0.0.1 port={self.ports.pg} dbname=thdtre user=thdtre"
            f" password={password}"
        )


def log_sizes(cluster: Cluster) -> dict:
    return {
        path: path.stat().st_size
        for paths in cluster.log_files().values()
        for path in paths
        if path.is_file()
    }


def conflicts_since(cluster: Cluster, sizes: dict) -> int:
    """ConflictError lines the instances logged since ``sizes`` (log_sizes)."""
    total = 0
    for paths in cluster.log_files().values():
        texts = []
        for path in paths:
            if not path.is_file():
                continue
            with path.open("rb") as file:
                start = sizes.get(path, 0)
                if start <= path.stat().st_size:
                    file.seek(start)
                texts.append(file.read().decode("utf-8", "replace"))
        total += count_conflicts(texts)
    return total


class Views:
    """The news item's view count, read from the cluster's counter database."""

    def __init__(self, dsn: str, uid: str, cluster_dir: Path):
        from collective.thdtre.counters import get_store

        # The SQLite path is only a key here: with a DSN the store is PostgreSQL.
        self.store = get_store(dsn=dsn, sqlite_path=str(cluster_dir / "unused"))
        self.uid = uid

    def read(self) -> int:
        return self.store.views(key=self.uid)

    def position(self, cluster_dir: Path) -> Position:
        return Position(self.store, count_log(cluster_dir))

    def close(self) -> None:
        self.store.close()


def find_pages(base: str) -> dict:
    """The paths of a published plan, the archive and the published news item."""

    def first(portal_type: str) -> dict:
        query = urllib.parse.urlencode(
            {
                "portal_type": portal_type,
                "review_state": "published",
                "sort_on": "path",
                "metadata_fields": "UID",
            }
        )
        status, body = http("GET", f"{base}/Plone/++api++/@search?{query}")
        items = json.loads(body).get("items", []) if status == 200 else []
        if not items:
            raise LoadTestError(f"no published {portal_type} found (status {status})")
        return items[0]

    plan, news = first("Plan"), first("News Item")
    return {
        "plan": urllib.parse.urlsplit(plan["@id"]).path,
        "archive": ARCHIVE_PATH,
        "news": urllib.parse.urlsplit(news["@id"]).path,
        "news_uid": news["UID"],
    }


def warm_up(cluster: Cluster, paths: dict) -> None:
    """Fill each instance's caches first (as a bot: not counted)."""
    for port in ("zope1", "zope2"):
        for name, _class in PAGES:
            for _ in range(2):
                status = status_of(cluster.url(port) + paths[name], accept="text/html")
                if status != 200:
                    raise LoadTestError(f"{port}{paths[name]} answers {status}")


# -- the fault: zope2 killed and started again ------------------------------------


def process_state(pid: int) -> str | None:
    """The state letter of ``pid``, None when there is no such process."""
    try:
        return parse_proc_state(Path(f"/proc/{pid}/stat").read_text())
    except OSError:
        return None


class Fault(threading.Thread):
    """Kill zope2's process group at ``kill_at`` s, start it again at ``restart_at``."""

    def __init__(self, cluster: Cluster, kill_at: float, restart_at: float, stop):
        super().__init__(name="fault", daemon=True)
        self.cluster = cluster
        self.kill_at = kill_at
        self.restart_at = restart_at
        self.stop = stop
        self.report = {}
        self.error = None

    def run(self):
        try:
            self._run()
        except Exception as error:  # reported by the main thread
            self.error = error

    def _sleep_until(self, moment: float) -> bool:
        return not self.stop.wait(max(0.0, moment - time.monotonic()))

    def _run(self):
        start = time.monotonic()
        if not self._sleep_until(start + self.kill_at):
            return
        pidfile = self.cluster.pidfile("zope2")
        pid = int(pidfile.read_text().strip())
        os.killpg(pid, signal.SIGKILL)
        self.report["killed_at_s"] = round(time.monotonic() - start, 1)
        self.report["killed_pid"] = pid
        say(f"  {self.report['killed_at_s']:.1f} s: zope2 killed (kill -9 -- -{pid})")
        # Until init reaps it, the dead process is a zombie that cluster.sh (kill -0)
        # takes for a running instance.
        deadline = time.monotonic() + 15
        while process_state(pid) is not None and time.monotonic() < deadline:
            time.sleep(0.2)
        if process_state(pid) is not None:
            say(f"  zope2 (pid {pid}) not reaped: removing its stale pid file")
            pidfile.unlink(missing_ok=True)
        if not self._sleep_until(start + self.restart_at):
            return
        self.report["restart_at_s"] = round(time.monotonic() - start, 1)
        say(f"  {self.report['restart_at_s']:.1f} s: scripts/cluster.sh start")
        self.cluster.run("start", log=self.cluster.dir / "loadtest-restart.log")
        self.report["restarted_after_s"] = round(
            time.monotonic() - start - self.report["restart_at_s"], 1
        )
        say(f"  zope2 answers again after {self.report['restarted_after_s']:.1f} s")


class Writer(threading.Thread):
    """Add a Document every WRITE_INTERVAL s through nginx; keep the acknowledged."""

    def __init__(self, folder: str, prefix: str, stop):
        super().__init__(name="writer", daemon=True)
        self.folder = folder
        self.prefix = prefix
        self.stop = stop
        self.acknowledged = []  # @id of every Document answered with 201
        self.refused = collections.Counter()  # other answers: status or error

    def run(self):
        number = 0
        while not self.stop.is_set():
            started = time.monotonic()
            number += 1
            title = f"loadtest {self.prefix} {number:05d}"
            try:
                status, body = http(
                    "POST",
                    self.folder,
                    body={"@type": "Document", "title": title},
                    auth=True,
                )
            except OSError as error:
                self.refused[type(error).__name__] += 1
            else:
                if status == 201:
                    self.acknowledged.append(json.loads(body)["@id"])
                else:
                    self.refused[str(status)] += 1
            self.stop.wait(max(0.0, WRITE_INTERVAL - (time.monotonic() - started)))


def verify_writes(cluster: Cluster, ids: list) -> dict:
    """Which acknowledged Documents both instances serve (read directly, as admin)."""
    missing = {"zope1": [], "zope2": []}
    for url in ids:
        for instance in missing:
            port = getattr(cluster.ports, instance)
            if status_of(rewrite_port(url, port), auth=True) != 200:
                missing[instance].append(url)
    lost = {url for urls in missing.values() for url in urls}
    return {
        "acknowledged": len(ids),
        "found": len(ids) - len(lost),
        "lost": len(lost),
        "missing": missing,
    }


# -- one run ----------------------------------------------------------------------


def run_wrk(command: list, output: Path) -> dict:
    done = subprocess.run(command, capture_output=True, text=True)
    output.write_text(done.stdout + done.stderr)
    if done.returncode:
        raise LoadTestError(f"wrk failed ({done.returncode}), see {output}")
    return parse_wrk_output(done.stdout)


def run_target(target: Target, cluster: Cluster, paths: dict, views, options) -> dict:
    prefix = make_prefix()
    command = wrk_command(
        cluster.url(target.port) + "/",
        seconds=options.duration + options.drain,
        connections=options.connections,
        threads=options.threads,
        timeout=options.timeout,
        script=LUA_SCRIPT,
        args=lua_args(prefix, USER_AGENT, options.duration, paths),
    )
    say(
        f"{target.label}: {options.duration:g} s of load and {options.drain:g} s to"
        f" finish, {options.connections} connections"
    )
    result = {"key": target.key, "label": target.label, "url": cluster.url(target.port)}
    sizes = log_sizes(cluster)
    # What nginx logged before (warm-up, an earlier run cut short) is counted
    # first: the count before the run must not grow with it.
    views.position(cluster.dir).catch_up()
    before = views.read()
    writing, faulting = threading.Event(), threading.Event()  # set: stop
    fault = writer = None
    try:
        if target.kill_ingester:
            third = options.duration / 3
            fault = IngesterFault(cluster, third, 2 * third, faulting, say)
            fault.start()
        if target.kill:
            result["folder"] = create_folder(cluster, prefix)
            writer = Writer(result["folder"], prefix, writing)
            third = options.duration / 3
            fault = Fault(cluster, third, 2 * third, faulting)
            writer.start()
            fault.start()
        result["wrk"] = run_wrk(command, cluster.dir / f"wrk-{target.key}.txt")
    except BaseException:
        faulting.set()  # no restart to wait for: the run failed
        if "folder" in result:
            delete_folder(result["folder"])
        raise
    finally:
        writing.set()
        if writer is not None:
            writer.join()
        if fault is not None:
            fault.join(timeout=300)  # it ends once zope2 answers again
    time.sleep(SETTLE_SECONDS)
    if target.port == "http":  # counted from nginx's log: wait for the ingester
        result["catch_up_s"] = views.position(cluster.dir).catch_up()
        say(f"  the ingester caught up {result['catch_up_s']:.1f} s after the run")
    if target.kill_ingester:
        if fault.error is not None:
            raise LoadTestError(
                f"killing or restarting the ingester failed: {fault.error}"
            )
        result["ingester_fault"] = fault.report
    expected = result["wrk"]["ok"].get("news", 0)
    result["views"] = views_check(before, views.read(), expected)
    result["conflicts"] = conflicts_since(cluster, sizes)
    if target.kill:
        try:
            if fault.error is not None:
                raise LoadTestError(
                    f"killing or restarting zope2 failed: {fault.error}"
                )
            fault.report["back"] = status_of(cluster.url("zope2") + "/Plone") == 200
            result["fault"] = fault.report
            result["writes"] = verify_writes(cluster, writer.acknowledged)
            result["writes"]["refused"] = dict(writer.refused)
        finally:
            delete_folder(result["folder"])
    print_run(result)
    return result


def create_folder(cluster: Cluster, prefix: str) -> str:
    status, body = http(
        "POST",
        cluster.url("http") + "/Plone",
        body={"@type": "Folder", "id": f"loadtest-{prefix.lower()}", "title": prefix},
        auth=True,
    )
    if status != 201:
        raise LoadTestError(f"creating the scratch folder answered {status}")
    return json.loads(body)["@id"]


def delete_folder(url: str) -> None:
    try:
        status = http("DELETE", url, auth=True)[0]
    except OSError as error:
        status = error
    if status != 204:
        say(f"deleting the scratch folder {url} answered {status}")


def print_run(result: dict) -> None:
    run, views = result["wrk"], result["views"]
    sockets = ", ".join(f"{k} {v}" for k, v in run["socket_errors"].items())
    say(
        f"  {run['requests']} requests answered in {run['duration_s']:.1f} s"
        f" ({run['unanswered']} sent but unanswered); {run['rps']:.1f} req/s during"
        f" the load, p50 {run['p50_ms']:.1f} ms, p99 {run['p99_ms']:.1f} ms,"
        f" max {run['max_ms']:.1f} ms"
    )
    say(f"  non-2xx {run['non2xx']}; socket errors: {sockets}")
    say(f"  2xx per page {run['ok']}; non-2xx per page {run['failed']}")
    say(
        f"  ConflictError log lines {result['conflicts']}; news views"
        f" {views['before']} -> {views['after']}: counted {views['counted']},"
        f" 2xx news responses {views['expected']}"
        f" {'OK' if views['ok'] else 'MISMATCH'}"
    )
    if "fault" in result:
        fault, writes = result["fault"], result["writes"]
        rate = run["errors"] / run["requests"] if run["requests"] else 0.0
        say(
            f"  errors during the kill: {run['errors']} of {run['requests']}"
            f" requests ({rate:.2%}); zope2 back: {'yes' if fault['back'] else 'NO'}"
        )
        say(
            f"  writes: {writes['acknowledged']} acknowledged (201),"
            f" {writes['found']} found on zope1 and zope2, lost {writes['lost']};"
            f" not acknowledged: {writes['refused'] or 'none'}"
        )


# -- main -------------------------------------------------------------------------


def parse_args(argv: list) -> argparse.Namespace:
    env = os.environ.get
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--duration", type=float, default=60, help="seconds of load per target"
    )
    parser.add_argument(
        "--drain",
        type=float,
        default=15,
        help="seconds after the load for the requests in flight to finish",
    )
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument(
        "--timeout", type=float, default=30, help="wrk's request timeout (s)"
    )
    for name, default in (("http", 18080), ("zope1", 18081), ("zope2", 18082)):
        variable = f"THDTRE_LOADTEST_{name.upper()}_PORT"
        parser.add_argument(
            f"--{name}-port", type=int, default=int(env(variable, default))
        )
    parser.add_argument(
        "--pg-port", type=int, default=int(env("THDTRE_LOADTEST_PG_PORT", 55433))
    )
    parser.add_argument(
        "--keep-cluster",
        action="store_true",
        help="leave the cluster running at the end (stop it with scripts/cluster.sh"
        " stop and the same THDTRE_* environment)",
    )
    options = parser.parse_args(argv)
    if options.duration < 3 or options.connections < options.threads:
        parser.error("--duration must be 3 s or more, --connections >= --threads")
    return options


def main(argv: list | None = None) -> int:
    from collective.thdtre.counters import is_bot

    options = parse_args(sys.argv[1:] if argv is None else argv)
    if is_bot(USER_AGENT) or not is_bot(CLIENT_AGENT):
        raise SystemExit("USER_AGENT must be a visitor's, CLIENT_AGENT a bot's")
    started = time.monotonic()
    ports = Ports(
        options.http_port, options.zope1_port, options.zope2_port, options.pg_port
    )
    cluster = Cluster(ports, DEFAULT_DIR)
    results, views = [], None
    try:
        ensure_wrk()
        DEFAULT_DIR.mkdir(parents=True, exist_ok=True)
        say(f"starting the cluster in {DEFAULT_DIR} (nginx {ports.http})")
        cluster.run("start")
        paths = find_pages(cluster.url("http"))
        say(f"pages: plan {paths['plan']}, archive {paths['archive']},")
        say(f"       news {paths['news']} (UID {paths['news_uid']})")
        warm_up(cluster, paths)
        views = Views(cluster.dsn(), paths["news_uid"], DEFAULT_DIR)
        for target in TARGETS:
            results.append(run_target(target, cluster, paths, views, options))
    except LoadTestError as error:
        say(f"FAILED: {error}")
        return 1
    except KeyboardInterrupt:
        say("interrupted")
        return 1
    finally:
        if views is not None:
            views.close()
        if options.keep_cluster:
            say("the cluster keeps running (--keep-cluster)")
        else:
            say("stopping the cluster")
            try:
                cluster.run("stop")
            except LoadTestError as error:
                say(f"{error}")
    print()
    print(format_table(results))
    print()
    reasons = failures(results)
    summary = {
        "options": {
            "duration_s": options.duration,
            "drain_s": options.drain,
            "connections": options.connections,
            "threads": options.threads,
            "timeout_s": options.timeout,
        },
        "pages": paths,
        "targets": results,
        "goals": goals(results),
        "failures": reasons,
    }
    (DEFAULT_DIR / "results.json").write_text(json.dumps(summary, indent=2) + "\n")
    say(f"figures in {DEFAULT_DIR / 'results.json'}")
    for reason in reasons:
        say(f"GOAL NOT MET: {reason}")
    if not reasons:
        say("all goals met")
    say(f"took {time.monotonic() - started:.0f} s")
    return 1 if reasons else 0


if __name__ == "__main__":
    sys.exit(main())
