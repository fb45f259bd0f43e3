"""Fixtures of the counter tests: a SQLite file, and a throwaway PostgreSQL server.

The server comes from Debian's packages (installed when missing, as root, unless
THDTRE_INSTALL_DEBS=0), runs on 127.0.0.1 on a free port with its data in a
temporary folder, and is stopped by its data directory at the end of the session.
"""

from pathlib import Path

import glob
import os
import pwd
import pytest
import shutil
import socket
import subprocess
import tempfile


APT_TIMEOUT = 600
PG_TIMEOUT = 120
TABLES = (
    "thdtre_views, thdtre_slots, thdtre_distinct, thdtre_sketch, thdtre_totals,"
    " thdtre_meta, thdtre_view_debounce, thdtre_visits"
)


def _pg_bindir() -> Path | None:
    found = []
    for initdb in glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        bindir = Path(initdb).parent
        if (bindir / "pg_ctl").exists() and bindir.parent.name.isdigit():
            found.append((int(bindir.parent.name), bindir))
    return max(found)[1] if found else None


def _install_postgresql() -> str | None:
    """Install Debian's postgresql; return why not, or None when done."""
    if os.geteuid() != 0:
        return "PostgreSQL is not installed and we are not root to apt-get it"
    if os.environ.get("THDTRE_INSTALL_DEBS") == "0":
        return "PostgreSQL is not installed and THDTRE_INSTALL_DEBS=0"
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (
        ["apt-get", "update"],
        ["apt-get", "install", "-y", "--no-install-recommends", "postgresql"],
    ):
        try:
            subprocess.run(
                command, env=env, check=True, capture_output=True, timeout=APT_TIMEOUT
            )
        except (OSError, subprocess.SubprocessError) as exc:
            return f"cannot install PostgreSQL with {' '.join(command)}: {exc}"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# The root conftest keeps the Plone layers up around every test (pytest-plone's
# autouse session fixtures). The counters need no Plone: these names, closer to
# the tests, replace those fixtures here and spare a Plone site setup.
@pytest.fixture(scope="session")
def _keep_functional_session():
    return None


@pytest.fixture(scope="session")
def _keep_integration_session():
    return None


@pytest.fixture(scope="session")
def postgres_dsn():
    """DSN of a database on a PostgreSQL server started for this test session."""
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        pytest.skip("psycopg2 not installed: PostgreSQL counter tests skipped")
    bindir = _pg_bindir()
    if bindir is None:
        reason = _install_postgresql()
        bindir = _pg_bindir()
        if bindir is None:
            pytest.skip(reason or "no initdb/pg_ctl under /usr/lib/postgresql")

    prefix = []
    owner = None
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user")
        if not shutil.which("runuser"):
            pytest.skip("running as root and runuser is missing")
        prefix = ["runuser", "-u", "postgres", "--"]

    # Not pytest's tmp_path: its parents are mode 700, closed to 'postgres'.
    root = Path(tempfile.mkdtemp(prefix="thdtre-pg-"))
    if owner:
        os.chown(root, owner.pw_uid, owner.pw_gid)
    data, sockets, log = root / "data", root / "run", root / "server.log"

    def run(*command):
        return subprocess.run(
            prefix + [str(part) for part in command],
            check=True,
            capture_output=True,
            text=True,
            timeout=PG_TIMEOUT,
        )

    port = _free_port()
    started = False
    try:
        run("mkdir", sockets)
        run(
            bindir / "initdb",
            "-D",
            data,
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -p {port} -k {sockets}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        run(
            bindir / "pg_ctl",
            "start",
            "-D",
            data,
            "-l",
            log,
            "-w",
            "-t",
            "60",
            "-o",
            options,
        )
        started = True
        run(
            bindir / "createdb",
            "-h",
            "127.0.0.1",
            "-p",
            port,
            "-U",
            "postgres",
            "thdtre_test",
        )
    except (OSError, subprocess.SubprocessError) as exc:
        detail = getattr(exc, "stderr", "") or ""
        if started:
            subprocess.run(
                prefix
                + [str(bindir / "pg_ctl"), "stop", "-D", str(data), "-m", "immediate"],
                timeout=PG_TIMEOUT,
            )
        shutil.rmtree(root, ignore_errors=True)
        pytest.skip(f"cannot start PostgreSQL from {bindir}: {exc} {detail}".strip())
    try:
        yield f"host=127.0.0.1 port={port} dbname=thdtre_test user=postgres"
    finally:
        run(bindir / "pg_ctl", "stop", "-D", data, "-m", "fast", "-w")
        shutil.rmtree(root, ignore_errors=True)


def _drop_tables(dsn: str) -> None:
    import psycopg2

    connection = psycopg2.connect(dsn)
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {TABLES}")
    finally:
        connection.close()


@pytest.fixture
def pg_dsn(postgres_dsn):
    """The session's DSN, with the counter tables dropped before and after."""
    _drop_tables(postgres_dsn)
    yield postgres_dsn
    _drop_tables(postgres_dsn)


@pytest.fixture
def sqlite_path(tmp_path) -> str:
    return str(tmp_path / "counters.sqlite")


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    """An empty store of each backend; the same behaviour tests run on both."""
    from collective.thdtre.counters import PostgresStore
    from collective.thdtre.counters import SQLiteStore

    if request.param == "sqlite":
        made = SQLiteStore(str(tmp_path / "counters.sqlite"))
    else:
        made = PostgresStore(request.getfixturevalue("pg_dsn"))
    yield made
    made.close()
