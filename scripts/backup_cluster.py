"""The cluster's part of scripts/backup.py: pg_dump and pg_restore of its databases.

Which databases: those named by a cluster instance's zope.conf (RelStorage's
``dsn``, the counters' ``THDTRE_COUNTER_DSN``; one database in
``cluster/zope.conf.in``). RelStorage keeps the blobs in PostgreSQL
(``shared-blob-dir false``): each instance's ``var/blobcache`` is a cache and is
not backed up. Dumps are taken as the site's own role; a restore needs a
superuser (it creates and renames databases): by default ``postgres`` through
the cluster's socket folder (``scripts/cluster.sh`` allows it locally), else
``THDTRE_PG_ADMIN_DSN``. The cluster's folder is ``THDTRE_CLUSTER_DIR``
(``var/cluster``), the zope.conf read ``THDTRE_ZOPE_CONF`` (its zope1's).
"""

from pathlib import Path

import contextlib
import glob
import json
import os
import re
import subprocess
import time


MANIFEST = "backup.json"
ROLES = (
    ("relstorage", r"^\s*dsn\s+(.+)$"),
    ("counters", r"THDTRE_COUNTER_DSN\s+(.+)$"),
)


class Refused(Exception):
    """The backup or restore cannot go on; the message says what to do."""


def pg_tool(name: str, major: int) -> str:
    """Debian's ``name`` for the server's major version, else the newest one."""
    exact = Path(f"/usr/lib/postgresql/{major}/bin/{name}")
    if exact.exists():
        return str(exact)
    found = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: int(Path(p).parts[-3]),
    )
    if not found:
        raise Refused(f"no {name}: apt-get install postgresql-client-{major}")
    return found[-1]


class Cluster:
    """The databases of one cluster and how to reach them."""

    def __init__(self, *, home: Path, dsns: dict, admin_dsn: str, say):
        import psycopg2
        import psycopg2.extensions

        self.pg = psycopg2
        self.dsns = {role: psycopg2.extensions.parse_dsn(d) for role, d in dsns.items()}
        self.admin = psycopg2.extensions.parse_dsn(admin_dsn)
        self.home = home
        self.pidfiles = [home / f"zope{n}" / "var" / "zope.pid" for n in (1, 2)]
        self.say = say

    @classmethod
    def from_environment(cls, root: Path, *, say):
        env = os.environ
        home = Path(env.get("THDTRE_CLUSTER_DIR") or root / "var" / "cluster")
        conf = Path(env.get("THDTRE_ZOPE_CONF") or home / "zope1/etc/zope.conf")
        if not conf.is_file():
            raise Refused(f"no {conf}: start the cluster once (make cluster)")
        text = conf.read_text(encoding="utf-8")
        dsns = {}
        for role, pattern in ROLES:
            match = re.search(pattern, text, re.MULTILINE)
            if match:
                dsns[role] = match.group(1).strip()
        if "relstorage" not in dsns:
            raise Refused(f"{conf} names no RelStorage dsn: is it a cluster instance?")
        admin = env.get("THDTRE_PG_ADMIN_DSN")
        if not admin:
            import psycopg2.extensions

            params = psycopg2.extensions.parse_dsn(dsns["relstorage"])
            params.pop("password", None)
            params.update(user="postgres", dbname="postgres")
            if (home / "pg" / "run").is_dir():
                params["host"] = str(home / "pg" / "run")
            admin = " ".join(f"{k}={v}" for k, v in params.items())
        return cls(home=home, dsns=dsns, admin_dsn=admin, say=say)

    def databases(self) -> dict:
        """{database name: the roles it serves}, each database once."""
        found = {}
        for role, params in self.dsns.items():
            found.setdefault(params["dbname"], []).append(role)
        return found

    def connect(self, params: dict, **extra):
        try:
            connection = self.pg.connect(**dict(params, **extra))
        except self.pg.OperationalError as exc:
            where = f"{params.get('host')}:{params.get('port')}"
            raise Refused(
                f"cannot reach PostgreSQL at {where} ({str(exc).strip()}): is the"
                " cluster's PostgreSQL running? (make cluster-status)"
            ) from None
        connection.autocommit = True
        return connection

    @contextlib.contextmanager
    def postgres(self):
        """PostgreSQL up for the work: if make cluster-stop stopped it, started
        for the work and stopped after."""
        data = self.home / "pg" / "data"
        try:
            self.connect(self.admin).close()
            started = None
        except Refused:
            if not (data / "PG_VERSION").is_file():
                raise
            major = int((data / "PG_VERSION").read_text().strip())
            root = os.geteuid() == 0  # PostgreSQL refuses to run as root
            started = [*(["runuser", "-u", "postgres", "--"] if root else []),
                       pg_tool("pg_ctl", major), "-D", str(data)]  # fmt: skip
            self.say(f"starting the cluster's PostgreSQL ({data}) for the work")
            log = str(self.home / "pg" / "server.log")
            subprocess.run(
                [*started, "start", "-s", "-l", log, "-w", "-t", "60"], check=True
            )
        try:
            yield
        finally:
            if started:
                subprocess.run([*started, "stop", "-s", "-m", "fast", "-w"], check=True)
                self.say("the cluster's PostgreSQL is stopped again")

    def tool(self, name: str, params: dict) -> tuple[list, dict]:
        """The command's start and environment; the password not on its argv."""
        connection = self.connect(params)
        major = connection.server_version // 10000
        connection.close()
        env = dict(os.environ, PGCONNECT_TIMEOUT="10")
        shown = dict(params)
        if "password" in shown:
            env["PGPASSWORD"] = shown.pop("password")
        dsn = " ".join(f"{k}={v}" for k, v in shown.items())
        return [pg_tool(name, major), "--no-password", "-d", dsn], env

    def dump(self, folder: Path) -> dict:
        """pg_dump each database into ``folder``; the manifest's facts."""
        files = {}
        with self.postgres():
            self._dump(folder, files)
        return {"kind": "cluster", "databases": files}

    def _dump(self, folder: Path, files: dict) -> None:
        for database, roles in self.databases().items():
            command, env = self.tool("pg_dump", self.dsns[roles[0]])
            target = folder / f"{database}.dump"
            done = subprocess.run([*command, "-Fc", "-f", str(target)], env=env)
            if done.returncode:
                raise Refused(f"pg_dump of {database} failed; {folder} is incomplete")
            files[database] = {"file": target.name, "roles": roles}

    def refuse_if_running(self, admin, database: str) -> None:
        for pidfile in self.pidfiles:
            pid = pidfile.read_text().strip() if pidfile.is_file() else ""
            if pid.isdigit() and Path(f"/proc/{pid}").exists():
                raise Refused(
                    f"{pidfile.parent.parent.name} runs (pid {pid}): stop the"
                    " cluster (make cluster-stop) and run make restore CLUSTER=1"
                    " again; nothing was changed"
                )
        for _ in range(20):  # a Zope just stopped: its sessions end in a moment
            with admin.cursor() as cursor:
                cursor.execute(
                    "SELECT pid, coalesce(client_addr::text, 'socket'),"
                    " application_name FROM pg_stat_activity"
                    " WHERE datname = %s AND pid <> pg_backend_pid()",
                    (database,),
                )
                sessions = cursor.fetchall()
            if not sessions:
                return
            time.sleep(0.25)
        who = "; ".join(f"pid {p} from {a} {n}".strip() for p, a, n in sessions)
        raise Refused(
            f"{len(sessions)} session(s) use the database {database} ({who}):"
            " stop the Zope instances first; nothing was changed"
        )

    def restore(self, source: Path) -> None:
        with self.postgres():
            self._restore(source)

    def _restore(self, source: Path) -> None:
        manifest = json.loads((source / MANIFEST).read_text())
        current = self.databases()
        admin = self.connect(self.admin)
        plan = []  # (live database, its restored copy, dump file)
        try:
            for saved, facts in manifest["databases"].items():
                live = next(
                    (
                        d
                        for d, roles in current.items()
                        if set(roles) & set(facts["roles"])
                    ),
                    saved,
                )
                self.refuse_if_running(admin, live)
                plan.append((live, f"{live}_restoring", source / facts["file"]))
            for live, staged, dump in plan:
                self.stage(admin, live, staged, dump)
            with admin.cursor() as cursor:
                for live, _staged, _dump in plan:
                    self.refuse_if_running(admin, live)
                    cursor.execute(f'DROP DATABASE IF EXISTS "{live}_before_restore"')
                admin.autocommit = False  # the renames: all or none
                for live, staged, _dump in plan:
                    cursor.execute(
                        f'ALTER DATABASE "{live}" RENAME TO "{live}_before_restore"'
                    )
                    cursor.execute(f'ALTER DATABASE "{staged}" RENAME TO "{live}"')
                admin.commit()
        finally:
            admin.close()
        names = ", ".join(live for live, _s, _d in plan)
        self.say(
            f"restored {source.name} into {names}; the databases as they were are"
            " kept as <name>_before_restore (drop them once the site is checked)"
        )

    def stage(self, admin, live: str, staged: str, dump: Path) -> None:
        """Restore ``dump`` into a new database ``staged`` owned as ``live`` is."""
        with admin.cursor() as cursor:
            cursor.execute(
                "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = %s",
                (live,),
            )
            row = cursor.fetchone()
            if row is None:
                raise Refused(
                    f"no database {live}: start the cluster once (make cluster)"
                )
            cursor.execute(f'DROP DATABASE IF EXISTS "{staged}"')
            cursor.execute(
                f'CREATE DATABASE "{staged}" OWNER "{row[0]}" TEMPLATE template0'
                " ENCODING 'UTF8'"
            )
        command, env = self.tool("pg_restore", dict(self.admin, dbname=staged))
        done = subprocess.run([*command, "--exit-on-error", str(dump)], env=env)
        if done.returncode:
            with admin.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{staged}"')
            raise Refused(f"pg_restore of {dump} failed; nothing was changed")
