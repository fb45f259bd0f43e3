"""make backup / make restore bring the site back as it was: content, numbers, counts.

Single instance: an instance made as ``make start`` makes ``instance/``, backed
up twice (a full repozo backup, then an incremental one) with changes before
each, restored to the first backup, then to the latest. Cluster: the cluster
tests' PostgreSQL and a RelStorage instance from ``cluster/zope.conf.in``, backed
up while it runs, changed, restored once it is stopped. A restore refuses while
the site runs and then changes nothing.
"""

from backup_helpers import backup_script
from backup_helpers import BIN
from backup_helpers import ok
from backup_helpers import run
from backup_helpers import site_state
from pathlib import Path

import hashlib
import pytest
import sys
import zc.lockfile


sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cluster"))


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_changed(before: dict, after: dict, round_: int) -> None:
    """The change of ``round_`` shows: a restore that did nothing would fail."""
    added = set(after["items"]) - set(before["items"])
    removed = set(before["items"]) - set(after["items"])
    plan = f"ke-hoach/so-tu-phap/backup-round-{round_}"
    assert {plan, f"{plan}/report-{round_}", f"backup-file-{round_}"} <= added
    assert "Plan" in {before["items"][path]["type"] for path in removed}
    assert after["numbers"] != before["numbers"]
    assert after["views"] != before["views"]
    assert after["visits"] != before["visits"]


def test_instance_restores_latest_and_first_backup(tmp_path):
    instance = tmp_path / "instance"
    conf = instance / "etc" / "zope.conf"
    ok(run(["scripts/make_instance.sh"], INSTANCE=instance))
    ok(run([BIN / "zconsole", "run", conf, "scripts/create_site.py"]))
    env = {"INSTANCE": instance, "BACKUP_DIR": tmp_path / "backups"}
    base = tmp_path / "backups" / "instance"

    first = site_state(conf, tmp_path / "1.json", change=1)
    ok(backup_script("backup", **env))
    second = site_state(conf, tmp_path / "2.json", change=2)
    assert_changed(first, second, 2)
    ok(backup_script("backup", **env))
    ok(backup_script("backup", **env))  # unchanged since: a backup all the same
    repozo = sorted(p.suffix for p in (base / "repozo").iterdir())
    assert repozo.count(".fsz") == 1  # one full backup ...
    assert repozo.count(".deltafsz") == 1  # ... and one incremental
    names = ok(backup_script("list", **env)).stdout.split()
    assert len(names) == 3

    # A running Zope holds this lock; the restore refuses and changes nothing.
    var = instance / "var"
    files = ("Data.fs", "thdtre-counters.sqlite")
    before = {name: checksum(var / name) for name in files}
    running = zc.lockfile.LockFile(str(var / "Data.fs.lock"))
    try:
        refused = backup_script("restore", BACKUP=names[0], **env)
    finally:
        running.close()
    assert refused.returncode == 1
    assert "is running: stop it" in refused.stderr
    assert "nothing was changed" in refused.stderr
    assert {name: checksum(var / name) for name in files} == before
    assert not (var / "before-restore").exists()

    # The first backup: the full repozo backup alone.
    ok(backup_script("restore", BACKUP=names[0], **env))
    assert site_state(conf, tmp_path / "r1.json") == first
    assert (var / "before-restore" / "Data.fs").is_file()  # what it replaced
    # The latest: the full and the incremental backup.
    ok(backup_script("restore", **env))
    assert site_state(conf, tmp_path / "r2.json") == second

    unknown = backup_script("restore", BACKUP="1999-01-01-00-00-00", **env)
    assert unknown.returncode == 1
    assert "no backup '1999-01-01-00-00-00'" in unknown.stderr


@pytest.fixture
def postgres():
    from cluster_servers import Postgres
    from cluster_servers import Unavailable

    pytest.importorskip("relstorage")
    pytest.importorskip("psycopg2")
    try:
        server = Postgres()
        server.start()
    except Unavailable as exc:
        pytest.skip(str(exc))
    try:
        yield server
    finally:
        server.stop()


def databases(postgres) -> dict:
    """{database: the latest transaction in it}, for the cluster's databases."""
    import psycopg2

    found = {}
    admin = psycopg2.connect(postgres.dsn.replace("thdtre_cluster", "postgres"))
    try:
        with admin.cursor() as cursor:
            cursor.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE 'thdtre%'"
            )
            names = [row[0] for row in cursor.fetchall()]
    finally:
        admin.close()
    for name in names:
        connection = psycopg2.connect(postgres.dsn.replace("thdtre_cluster", name))
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT max(tid) FROM object_state")
                found[name] = cursor.fetchone()[0]
        finally:
            connection.close()
    return found


def test_cluster_restores_its_database(tmp_path, postgres):
    from cluster_servers import Instance
    from cluster_servers import START_TIMEOUT

    import time

    home = tmp_path / "cluster"
    zope = Instance(home=home / "zope1", dsn=postgres.dsn)
    conf = zope.zope_conf
    env = {
        "THDTRE_ZOPE_CONF": conf,
        "THDTRE_CLUSTER_DIR": home,
        "BACKUP_DIR": tmp_path / "backups",
        "CLUSTER": "1",
    }
    made = zope.create_site()
    assert made.returncode == 0, made.stdout[-2000:] + made.stderr[-3000:]
    try:
        zope.start()
        zope.wait_until_ready(time.monotonic() + START_TIMEOUT)
        first = site_state(conf, tmp_path / "1.json", change=1)
        ok(backup_script("backup", **env))  # while the site runs
        second = site_state(conf, tmp_path / "2.json", change=2)
        assert_changed(first, second, 2)

        before = databases(postgres)
        refused = backup_script("restore", **env)
        assert refused.returncode == 1
        assert "stop the Zope instances first" in refused.stderr
        assert "nothing was changed" in refused.stderr
        assert (
            databases(postgres)
            == before
            == {"thdtre_cluster": before["thdtre_cluster"]}
        )
    finally:
        zope.stop()

    ok(backup_script("restore", **env))
    assert site_state(conf, tmp_path / "r1.json") == first
    assert set(databases(postgres)) == {
        "thdtre_cluster",
        "thdtre_cluster_before_restore",
    }
