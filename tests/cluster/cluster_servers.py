"""Servers of the cluster tests: a throwaway PostgreSQL and Zope instances on it.

The Zope instances are built from the operator's templates in ``cluster/``
(``zope.conf.in``, ``zope.ini.in``), so the tests prove those files work. Every
process is started in its own session and stopped by its PID (process group).
"""

from pathlib import Path

import glob
import importlib.util
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request


ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
TEMPLATES = ROOT / "cluster"
APT_TIMEOUT = 600
PG_TIMEOUT = 120
SITE_TIMEOUT = 240
START_TIMEOUT = 120


def _load_render():
    spec = importlib.util.spec_from_file_location(
        "cluster_render", TEMPLATES / "render.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.render


render = _load_render()


class Unavailable(Exception):
    """PostgreSQL cannot be found, installed or started here: the tests skip."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pg_bindir() -> Path | None:
    found = []
    for initdb in glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        bindir = Path(initdb).parent
        if (bindir / "pg_ctl").exists() and bindir.parent.name.isdigit():
            found.append((int(bindir.parent.name), bindir))
    return max(found)[1] if found else None


def install_postgresql() -> None:
    """Install Debian's postgresql, as root; Unavailable says why not."""
    install_debs("postgresql")


class Postgres:
    """A PostgreSQL server on 127.0.0.1 with its data in a temporary folder."""

    def __init__(self):
        self.bindir = pg_bindir()
        if self.bindir is None:
            install_postgresql()
            self.bindir = pg_bindir()
            if self.bindir is None:
                raise Unavailable("no initdb/pg_ctl under /usr/lib/postgresql")
        self.prefix, owner = [], None
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError:
                raise Unavailable(
                    "running as root and there is no 'postgres' user"
                ) from None
            if not shutil.which("runuser"):
                raise Unavailable("running as root and runuser is missing")
            self.prefix = ["runuser", "-u", "postgres", "--"]
        # Not pytest's tmp_path: its parents are mode 700, closed to 'postgres'.
        self.root = Path(tempfile.mkdtemp(prefix="thdtre-cluster-pg-"))
        if owner:
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
        self.data = self.root / "data"
        self.port = free_port()
        self.started = False
        self.dsn = (
            f"host=127.0.0.1 port={self.port} dbname=thdtre_cluster user=postgres"
        )

    def run(self, *command):
        return subprocess.run(
            self.prefix + [str(part) for part in command],
            check=True,
            capture_output=True,
            text=True,
            timeout=PG_TIMEOUT,
        )

    def start(self) -> None:
        sockets = self.root / "run"
        try:
            self.run("mkdir", sockets)
            self.run(
                self.bindir / "initdb", "-D", self.data, "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--no-sync",
            )  # fmt: skip
            options = (
                f"-c listen_addresses=127.0.0.1 -p {self.port} -k {sockets}"
                " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            )
            log = self.root / "server.log"
            self.run(
                self.bindir / "pg_ctl", "start", "-D", self.data, "-l", log,
                "-w", "-t", "60", "-o", options,
            )  # fmt: skip
            self.started = True
            self.run(
                self.bindir / "createdb", "-h", "127.0.0.1", "-p", self.port,
                "-U", "postgres", "thdtre_cluster",
            )  # fmt: skip
        except (OSError, subprocess.SubprocessError) as exc:
            detail = getattr(exc, "stderr", "") or ""
            self.stop()
            raise Unavailable(
                f"cannot start PostgreSQL from {self.bindir}: {exc} {detail}"
            ) from exc

    def stop(self) -> None:
        if self.started:
            subprocess.run(
                self.prefix
                + [str(self.bindir / "pg_ctl"), "stop", "-D", str(self.data)]
                + ["-m", "fast", "-w"],
                capture_output=True,
                timeout=PG_TIMEOUT,
            )
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)


class Instance:
    """A Zope instance on RelStorage, made from the cluster templates."""

    def __init__(self, home: Path, *, dsn: str):
        self.home = home
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/Plone"
        self.process = None
        for folder in ("etc", "var/log", "var/cache", "var/blobcache"):
            (home / folder).mkdir(parents=True, exist_ok=True)
        self.zope_conf = home / "etc" / "zope.conf"
        self.zope_ini = home / "etc" / "zope.ini"
        values = {"INSTANCE": str(home), "COUNTER_DSN": dsn, "RELSTORAGE_DSN": dsn}
        template = (TEMPLATES / "zope.conf.in").read_text(encoding="utf-8")
        self.zope_conf.write_text(render(template, values), encoding="utf-8")
        template = (TEMPLATES / "zope.ini.in").read_text(encoding="utf-8")
        ini = render(template, {"INSTANCE": str(home), "PORT": str(self.port)})
        self.zope_ini.write_text(ini, encoding="utf-8")
        self.log = home / "var" / "log" / "runwsgi.log"

    def create_site(self, **env) -> subprocess.CompletedProcess:
        """scripts/create_site.py through this instance's configuration."""
        return subprocess.run(
            [
                str(BIN / "zconsole"),
                "run",
                str(self.zope_conf),
                "scripts/create_site.py",
            ],
            cwd=ROOT,
            env=dict(os.environ, **env),
            capture_output=True,
            text=True,
            timeout=SITE_TIMEOUT,
        )

    def start(self) -> None:
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [str(BIN / "runwsgi"), str(self.zope_ini)],
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, stopped as one
            )

    def wait_until_ready(self, deadline: float) -> None:
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"Zope stopped while starting: {self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url, timeout=5) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.url} not ready: {self.log_tail()}")
            time.sleep(0.5)

    def log_tail(self, lines: int = 30) -> str:
        if not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def event_log(self) -> str:
        path = self.home / "var" / "log" / "event.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        pid = self.process.pid
        os.killpg(pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(pid, signal.SIGKILL)
            self.process.wait(timeout=10)


NGINX_MODULES = Path("/usr/lib/nginx/modules")
PURGE_MODULE = "ngx_http_cache_purge_module.so"


def install_debs(*packages: str) -> None:
    """apt-get install Debian packages, as root; Unavailable says why not."""
    what = " ".join(packages)
    if os.geteuid() != 0:
        raise Unavailable(f"{what} not installed and we are not root to apt-get it")
    if os.environ.get("THDTRE_INSTALL_DEBS") == "0":
        raise Unavailable(f"{what} not installed and THDTRE_INSTALL_DEBS=0")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (
        ["apt-get", "update"],
        ["apt-get", "install", "-y", "--no-install-recommends", *packages],
    ):
        try:
            subprocess.run(
                command, env=env, check=True, capture_output=True, timeout=APT_TIMEOUT
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise Unavailable(f"cannot install {what}: {exc}") from exc


class Nginx:
    """nginx from the cluster template (cache, purge, counting log) in front
    of the instances; its own configuration, folder and PID file."""

    def __init__(self, home: Path, *, port: int, instances):
        self.binary = shutil.which("nginx") or "/usr/sbin/nginx"
        missing = [] if os.path.exists(self.binary) else ["nginx"]
        if not (NGINX_MODULES / PURGE_MODULE).exists():
            missing.append("libnginx-mod-http-cache-purge")
        if missing:
            install_debs(*missing)
        self.home = home
        self.port = port
        self.url = f"http://127.0.0.1:{port}/Plone"
        for folder in ("logs", "tmp", "cache"):
            (home / folder).mkdir(parents=True, exist_ok=True)
        user = "# workers run as the current user"
        if os.geteuid() == 0:
            user = "user www-data;"
            home.chmod(0o755)  # mkdtemp's 700 would keep the workers out
            for folder in ("tmp", "cache"):
                shutil.chown(home / folder, "www-data", "www-data")
        values = {
            "CLUSTER_DIR": str(home),
            "NGINX_DIR": str(home),
            "NGINX_USER": user,
            "NGINX_MODULES_DIR": str(NGINX_MODULES),
            "HTTP_PORT": str(port),
            "ZOPE1_PORT": str(instances[0].port),
            "ZOPE2_PORT": str(instances[1].port),
            "SITE_PATH": "/Plone",
        }
        template = (TEMPLATES / "nginx.conf.in").read_text(encoding="utf-8")
        self.conf = home / "nginx.conf"
        self.conf.write_text(render(template, values), encoding="utf-8")
        self.pidfile = home / "nginx.pid"
        self.pid = None

    def start(self) -> None:
        subprocess.run(
            [self.binary, "-c", str(self.conf), "-p", f"{self.home}/"],
            check=True,
            capture_output=True,
            timeout=30,
        )
        deadline = time.monotonic() + 10
        while not self.pidfile.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        self.pid = int(self.pidfile.read_text())

    def error_log(self) -> str:
        path = self.home / "logs" / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        if self.pid is None:
            return
        os.kill(self.pid, signal.SIGQUIT)  # graceful: workers finish, then exit
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            os.kill(self.pid, signal.SIGKILL)
        self.pid = None


class Ingester:
    """The ingester (thdtre-ingest) reading nginx's counting log into ``dsn``."""

    def __init__(self, *, log: Path, dsn: str, home: Path):
        self.log = log
        self.dsn = dsn
        self.output = home / "ingest.log"
        self.process = None

    def start(self) -> None:
        command = [str(BIN / "python"), "-m", "collective.thdtre.counters.ingest_cli"]
        with open(self.output, "ab") as output:
            self.process = subprocess.Popen(
                [*command, "--log", str(self.log), "--interval", "0.2"],
                cwd=ROOT,
                env=dict(os.environ, THDTRE_COUNTER_DSN=self.dsn),
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def position(self) -> int:
        """The log's offset the counts include (0 before the first batch)."""
        from collective.thdtre.counters import get_store
        from collective.thdtre.counters.ingest import ensure_table
        from collective.thdtre.counters.ingest import read_position

        store = get_store(dsn=self.dsn, sqlite_path=os.devnull)
        ensure_table(store)
        return read_position(store, "nginx").offset

    def wait_caught_up(self, timeout: float = 30) -> None:
        """Until the counts include every line nginx has written (it flushes its
        buffer every second)."""
        time.sleep(1.2)
        deadline = time.monotonic() + timeout
        while True:
            size = self.log.stat().st_size if self.log.exists() else 0
            if self.position() >= size:
                return
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"the ingester is behind: {self.output.read_text()[-2000:]}"
                )
            time.sleep(0.2)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
