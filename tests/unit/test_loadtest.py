"""scripts/loadtest.py (make loadtest): its pure parts, and its Lua script under wrk.

No Plone site is needed: the figures are parsed from a line wrk printed in a real
run, and the Lua script is run by wrk against a small HTTP server in this process
(skipped when wrk is not installed).
"""

from collective.thdtre.counters import is_bot
from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from pathlib import Path

import collections
import importlib.util
import pytest
import shutil
import subprocess
import threading


SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "loadtest.py"


def _load():
    spec = importlib.util.spec_from_file_location("thdtre_loadtest", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


loadtest = _load()

# What wrk printed in a run of make loadtest against the cluster with zope2 killed:
# 60 s of load, then 15 s for the requests in flight to finish.
REAL_OUTPUT = """\
Running 1m test @ http://127.0.0.1:18080/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   430.43ms  174.12ms 952.36ms   65.95%
    Req/Sec    37.50     19.65   170.00     70.43%
  Latency Distribution
     50%  456.20ms
     75%  551.81ms
     90%  638.35ms
     99%  774.79ms
  4482 requests in 1.25m, 113.24MB read
Requests/sec:     59.68
Transfer/sec:      1.51MB
LOADTEST_JSON {"requests":4482,"loaded":4450,"load_s":60,"duration_us":75096973,\
"bytes":118735650,"latency_us":{"p50":456198,"p90":638347,"p99":774790,\
"max":952358,"mean":430433},"socket_errors":{"connect":0,"read":0,"write":0,\
"timeout":0},"status_errors":0,"sent":{"archive":1494,"news":1494,"plan":1495},\
"ok":{"archive":1494,"news":1494,"plan":1494,"unknown":0},\
"failed":{"archive":0,"news":0,"plan":0,"unknown":0}}
"""


def test_parse_real_wrk_output():
    run = loadtest.parse_wrk_output(REAL_OUTPUT)
    assert run["requests"] == 4482
    assert run["duration_s"] == 75.097
    # Per second of load: the 4450 answered within the 60 s of load.
    assert run["rps"] == 74.2
    assert run["p50_ms"] == 456.2
    assert run["p90_ms"] == 638.3
    assert run["p99_ms"] == 774.8
    assert run["max_ms"] == 952.4
    assert run["errors"] == 0
    assert run["non2xx"] == 0
    assert run["unanswered"] == 0  # 4483 request() calls, one only to check
    assert run["ok"]["news"] == 1494
    assert run["sent"] == {"archive": 1494, "news": 1494, "plan": 1495}


def test_parse_counts_socket_errors_and_non_2xx():
    text = REAL_OUTPUT.replace(
        '"socket_errors":{"connect":0,"read":0,"write":0,"timeout":0}',
        '"socket_errors":{"connect":2,"read":3,"write":0,"timeout":1}',
    ).replace(
        '"failed":{"archive":0,"news":0,"plan":0,"unknown":0}',
        '"failed":{"archive":4,"news":0,"plan":1,"unknown":2}',
    )
    run = loadtest.parse_wrk_output(text)
    assert run["socket_errors"] == {"connect": 2, "read": 3, "write": 0, "timeout": 1}
    assert run["non2xx"] == 7
    assert run["errors"] == 13


def test_parse_without_the_json_line():
    plain = "\n".join(
        line for line in REAL_OUTPUT.splitlines() if "LOADTEST_JSON" not in line
    )
    with pytest.raises(ValueError, match="LOADTEST_JSON"):
        loadtest.parse_wrk_output(plain)


EVENT_LOG = """\
2026-11-23 18:53:27 INFO [Zope:42][MainThread] Ready to handle requests
2026-11-23 18:54:01 INFO [Zope.SiteErrorLog:348][waitress-1] ConflictError at \
/Plone/f/@@edit: database conflict error (oid 0x1f). Request will be retried.
2026-11-23 18:54:01 WARNING [waitress.queue:113][MainThread] Task queue depth is 3
2026-11-23 18:54:02 INFO [Zope.SiteErrorLog:348][waitress-2] ConflictError at \
/Plone/f/@@edit: database conflict error (oid 0x2a). Request will be retried.
2026-11-23 18:54:03 ERROR [relstorage:10][waitress-3] a conflict, in lower case
"""


def test_conflict_lines_only_conflict_errors():
    lines = loadtest.conflict_lines(EVENT_LOG)
    assert sum(lines.values()) == 2
    assert all("ConflictError at /Plone/f/@@edit" in line for line in lines)


def test_conflicts_logged_to_two_files_count_once():
    # event.log and runwsgi.log (the console handler) hold the same lines.
    console = "Starting server in PID 1.\n" + EVENT_LOG
    assert loadtest.count_conflicts([EVENT_LOG, console]) == 2
    assert loadtest.count_conflicts([EVENT_LOG]) == 2
    assert loadtest.count_conflicts(["no conflict here\n", ""]) == 0


def test_the_same_line_twice_counts_twice():
    line = EVENT_LOG.splitlines()[1] + "\n"
    assert loadtest.count_conflicts([line * 2, line]) == 2


def test_visitor_ids_are_what_counting_accepts():
    prefix = loadtest.make_prefix()
    assert len(prefix) == 8 and prefix.isalnum()
    ids = {
        loadtest.visitor_id(prefix, thread, number)
        for thread in (1, 2, 99)
        for number in range(1, 2000)
    }
    assert len(ids) == 3 * 1999
    # collective.thdtre.counting.visitor_id keeps a cookie of 32 letters and digits.
    assert all(len(value) == 32 and value.isalnum() for value in ids)
    assert loadtest.visitor_id("abcdEFGH", 2, 17) == "abcdEFGH02" + "0" * 20 + "17"


@pytest.mark.parametrize(
    "prefix,thread,number",
    [("abc-defg", 1, 1), ("abcdEFGH", 0, 1), ("abcdEFGH", 100, 1), ("a" * 30, 1, 1)],
)
def test_visitor_id_refuses(prefix, thread, number):
    with pytest.raises(ValueError):
        loadtest.visitor_id(prefix, thread, number)


def test_visitor_id_refuses_a_number_too_long():
    with pytest.raises(ValueError, match="too large"):
        loadtest.visitor_id("abcdEFGH", 1, 10**22)


def test_user_agents():
    # The load is counted as a browser's; the script's own requests are not.
    assert not is_bot(loadtest.USER_AGENT)
    assert loadtest.USER_AGENT.startswith("Mozilla/5.0")
    assert is_bot(loadtest.CLIENT_AGENT)


def test_wrk_command_and_lua_args():
    paths = {"plan": "/Plone/p", "archive": "/Plone/@@thdtre-plans", "news": "/n"}
    args = loadtest.lua_args("abcdEFGH", "Mozilla/5.0 x", 60.0, paths)
    assert args == [
        "abcdEFGH",
        "Mozilla/5.0 x",
        "60",
        "plan",
        "/Plone/p",
        "portaltype-plan",
        "archive",
        "/Plone/@@thdtre-plans",
        "template-thdtre-plans",
        "news",
        "/n",
        "portaltype-news-item",
    ]
    command = loadtest.wrk_command(
        "http://127.0.0.1:18080/",
        seconds=75,
        connections=32,
        threads=2,
        timeout=30,
        script=Path("scripts/loadtest.lua"),
        args=args,
    )
    assert command[:7] == [
        "wrk",
        "-t2",
        "-c32",
        "-d75s",
        "--timeout=30s",
        "--latency",
        "-s",
    ]
    assert command[8:10] == ["http://127.0.0.1:18080/", "--"]
    assert command[10:] == args


def test_cluster_env_selects_our_cluster():
    env = loadtest.cluster_env(
        {"PATH": "/bin", "THDTRE_HTTP_PORT": "8080"},
        loadtest.Ports(),
        Path("/r/var/loadtest"),
    )
    assert env == {
        "PATH": "/bin",
        "THDTRE_CLUSTER_DIR": "/r/var/loadtest",
        "THDTRE_HTTP_PORT": "18080",
        "THDTRE_ZOPE1_PORT": "18081",
        "THDTRE_ZOPE2_PORT": "18082",
        "THDTRE_PG_PORT": "55433",
    }


def test_rewrite_port():
    url = "http://127.0.0.1:18080/Plone/loadtest-x/loadtest-x-00001"
    assert loadtest.rewrite_port(url, 18082) == (
        "http://127.0.0.1:18082/Plone/loadtest-x/loadtest-x-00001"
    )


def test_parse_proc_state():
    assert loadtest.parse_proc_state("11670 (python) S 1 11670 11670 0 -1") == "S"
    # The command name may hold spaces and parentheses.
    assert loadtest.parse_proc_state("12 (a (b) c) Z 1 12 12 0") == "Z"


def _result(label="cluster (nginx)", *, key="cluster", counted=58, expected=58, **wrk):
    run = {
        "requests": 174,
        "rps": 14.2,
        "p50_ms": 1832.4,
        "p99_ms": 3767.4,
        "errors": 0,
        "unanswered": 0,
        "ok": {"news": expected, "unknown": 0},
    }
    run.update(wrk)
    return {
        "key": key,
        "label": label,
        "wrk": run,
        "conflicts": 0,
        "views": loadtest.views_check(443, 443 + counted, expected),
    }


def _one(**wrk):
    return _result("one instance (zope1)", key="one", **{"rps": 14.8, **wrk})


def _cluster(**wrk):
    return _result(**{"rps": 2100.0, "p99_ms": 40.0, "p50_ms": 9.0, **wrk})


def _killed(errors=1, requests=1000, lost=0, back=True):
    result = _result(
        "cluster, zope2 killed", key="killed", errors=errors, requests=requests
    )
    result["fault"] = {"back": back}
    result["writes"] = {"acknowledged": 20, "found": 20 - lost, "lost": lost}
    return result


def _ingester(mid_batch=True, restarted=True, counted=58):
    result = _result("cluster, ingester killed", key="ingester", counted=counted)
    fault = {"mid_batch": mid_batch, "killed_at_s": 10.0}
    if restarted:
        fault["restarted_at_s"] = 13.0
    result["ingester_fault"] = fault
    return result


def test_format_table():
    one = _result("one instance (zope1)", counted=43, expected=43, rps=9.74)
    one["conflicts"] = 2
    cluster = _result(counted=57, expected=58)
    cluster["catch_up_s"] = 1.5
    table = loadtest.format_table([one, cluster])
    assert table.splitlines() == [
        "target                       req/s   p50 ms   p99 ms  errors  conflicts"
        " catch-up s  views counted/expected",
        "one instance (zope1)           9.7   1832.4   3767.4       0          2"
        "          -  43/43 OK",
        "cluster (nginx)               14.2   1832.4   3767.4       0          0"
        "        1.5  57/58 MISMATCH",
    ]


def test_goals_hold():
    results = [_one(), _cluster(), _killed(errors=1, requests=1000), _ingester()]
    assert loadtest.failures(results) == []


def test_goals_not_met():
    conflicts = _one()
    conflicts["conflicts"] = 4
    slow = _cluster(rps=900.0, p99_ms=250.0, counted=57, expected=58, unanswered=3)
    reasons = loadtest.failures(
        [
            conflicts,
            slow,
            _killed(errors=3, requests=1000, lost=1, back=False),
            _ingester(mid_batch=False, counted=55),
        ]
    )
    assert reasons == [
        "one instance (zope1): 4 ConflictError log lines",
        "cluster (nginx): the view counter counted 57 views, 58 news responses"
        " were 2xx (3 requests unanswered)",
        "cluster, zope2 killed: 3 errors in 1000 requests (0.30%, goal below 0.2%)",
        "cluster, zope2 killed: zope2 did not come back",
        "cluster, zope2 killed: 1 acknowledged writes lost",
        "cluster, ingester killed: the view counter counted 55 views,"
        " 58 news responses were 2xx",
        "cluster >= 1480 req/s (min of 100x one instance, 1500): 900.0",
        "p99 <= 100 ms on cached pages: 250.0",
        "an instance killed: errors < 0.2%: 0.3",
        "cluster (nginx): views counted = 2xx news responses: 57/58",
        "cluster, ingester killed: views counted = 2xx news responses: 55/58",
        "ingester killed mid-batch and restarted: 0 counts lost: 3",
    ]


def test_the_ingester_fault_must_hit_a_batch_and_restart():
    for fault in (_ingester(mid_batch=False), _ingester(restarted=False)):
        reasons = loadtest.failures([_one(), _cluster(), fault])
        assert reasons == ["ingester killed mid-batch and restarted: 0 counts lost: 0"]


# -- the Lua script under wrk ------------------------------------------------------

PAGES = {"/p": "portaltype-plan", "/a": "template-thdtre-plans", "/n": "x"}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    seen = []
    lock = threading.Lock()

    def do_GET(self):
        # The archive fails; the news page's class is in the middle of others.
        status = 503 if self.path == "/a" else 200
        classes = {"/n": "col-content portaltype-news-item section-news"}
        body = (
            '<html><head><title>portaltype-plan</title></head><body id="w"'
            f' class="{classes.get(self.path, PAGES[self.path])}" dir="ltr">'
            "<p>template-thdtre-plans</p></body></html>"
        ).encode()
        with self.lock:
            self.seen.append(
                (
                    self.path,
                    status,
                    self.headers["Cookie"],
                    self.headers["User-Agent"],
                    self.headers["Accept"],
                )
            )
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.mark.skipif(not shutil.which("wrk"), reason="wrk is not installed")
def test_lua_script_under_wrk():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    prefix = "Test1234"
    paths = {"plan": "/p", "archive": "/a", "news": "/n"}
    try:
        command = loadtest.wrk_command(
            f"http://127.0.0.1:{server.server_address[1]}/",
            seconds=3,
            connections=6,
            threads=2,
            timeout=5,
            script=loadtest.LUA_SCRIPT,
            args=loadtest.lua_args(prefix, loadtest.USER_AGENT, 1.5, paths),
        )
        done = subprocess.run(command, capture_output=True, text=True, timeout=30)
    finally:
        server.shutdown()
        server.server_close()
    assert done.returncode == 0, done.stderr
    run = loadtest.parse_wrk_output(done.stdout)
    seen = _Handler.seen
    # Every request sent was answered before wrk stopped (1.5 s of load, then 1.5 s).
    assert run["requests"] == len(seen) > 30
    assert run["unanswered"] == 0
    assert 0 < run["rps"]
    by_page = collections.Counter((path, status) for path, status, *_ in seen)
    assert run["ok"] == {
        "plan": by_page["/p", 200],
        "archive": 0,
        "news": by_page["/n", 200],
        "unknown": 0,
    }
    assert run["failed"]["archive"] == by_page["/a", 503] > 0
    assert run["non2xx"] == run["errors"] == by_page["/a", 503]
    # The pages in turn.
    assert abs(by_page["/p", 200] - by_page["/n", 200]) <= 2
    # A new visitor on every request, as counting.visitor_id accepts it.
    cookies = [cookie for _, _, cookie, _, _ in seen]
    assert len(set(cookies)) == len(cookies)
    for cookie in cookies:
        name, _, value = cookie.partition("=")
        assert name == "thdtre_visitor"
        assert len(value) == 32 and value.isalnum() and value.startswith(prefix)
        thread, number = int(value[8:10]), int(value[10:])
        assert value == loadtest.visitor_id(prefix, thread, number)
    assert {agent for *_, agent, _ in seen} == {loadtest.USER_AGENT}
    assert {accept for *_, accept in seen} == {"text/html"}
