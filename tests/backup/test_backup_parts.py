"""The parts of scripts/backup.py that need no instance: blobs, counters, KEEP.

Seconds, where test_backup_restore.py takes minutes: what each part must get
right on its own (a counter still in SQLite's WAL, a blob unchanged since the
last backup, the backups an incremental one depends on).
"""

from backup_helpers import ROOT

import importlib.util
import os
import sqlite3
import sys


sys.path.insert(0, str(ROOT / "scripts"))
_spec = importlib.util.spec_from_file_location("backup", ROOT / "scripts/backup.py")
backup = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(backup)


def test_counters_still_in_the_wal_are_in_the_copy(tmp_path):
    live = tmp_path / "thdtre-counters.sqlite"
    zope = sqlite3.connect(live, isolation_level=None)
    zope.execute("PRAGMA journal_mode=WAL")
    zope.execute("PRAGMA wal_autocheckpoint=0")  # as between two checkpoints
    zope.execute("CREATE TABLE thdtre_views (uid TEXT PRIMARY KEY, hits INTEGER)")
    zope.execute("INSERT INTO thdtre_views VALUES ('a', 41), ('b', 7)")
    assert (tmp_path / "thdtre-counters.sqlite-wal").stat().st_size > 0

    copy = tmp_path / "copy.sqlite"
    assert backup.copy_counters(live, copy) is True
    zope.close()
    saved = sqlite3.connect(copy)
    try:
        assert dict(saved.execute("SELECT uid, hits FROM thdtre_views")) == {
            "a": 41,
            "b": 7,
        }
    finally:
        saved.close()
    assert backup.copy_counters(tmp_path / "none.sqlite", tmp_path / "x") is False


def test_unchanged_blobs_are_links_to_the_previous_snapshot(tmp_path):
    blobs = tmp_path / "blobstorage"
    (blobs / "0x00" / "0x01").mkdir(parents=True)
    (blobs / "tmp").mkdir()
    (blobs / ".layout").write_text("bushy")
    (blobs / "0x00" / "0x01" / "0x03a1.blob").write_bytes(b"plan.docx" * 100)
    (blobs / "tmp" / "upload.part").write_bytes(b"not committed")

    first = tmp_path / "first"
    assert backup.copy_blobs(blobs, first, None) == 2
    (blobs / "0x00" / "0x02").mkdir()
    (blobs / "0x00" / "0x02" / "0x03a2.blob").write_bytes(b"report.pdf")
    second = tmp_path / "second"
    assert backup.copy_blobs(blobs, second, first) == 1  # only the new blob

    old = second / "0x00" / "0x01" / "0x03a1.blob"
    assert os.path.samefile(old, first / "0x00" / "0x01" / "0x03a1.blob")
    assert (second / "0x00" / "0x02" / "0x03a2.blob").read_bytes() == b"report.pdf"
    assert (second / ".layout").read_text() == "bushy"
    assert list((second / "tmp").iterdir()) == []  # uploads in flight stay out


def test_keep_removes_old_full_backups_with_what_depends_on_them(tmp_path):
    base = tmp_path / "instance"
    repository = base / "repozo"
    repository.mkdir(parents=True)
    files = {
        "2026-06-01-02-30-00": (".fsz", ".dat", ".index"),
        "2026-06-01-03-00-00": (".deltafsz", ".index"),
        "2026-06-02-02-30-00": (".fsz", ".dat", ".index"),
        "2026-06-02-03-00-00": (".deltafsz", ".index"),
        "2026-06-03-02-30-00": (".fsz", ".dat", ".index"),
    }
    for stamp, suffixes in files.items():
        for suffix in suffixes:
            (repository / f"{stamp}{suffix}").write_text("x")
        snapshot = base / f"{stamp[:-2]}05"  # named just after repozo ran
        snapshot.mkdir()
        (snapshot / "backup.json").write_text("{}")

    backup.prune(base, repository, 2)

    left = {p.name.split(".")[0] for p in repository.iterdir()}
    assert left == set(list(files)[2:])
    assert backup.backups(base) == [
        "2026-06-02-02-30-05",
        "2026-06-02-03-00-05",
        "2026-06-03-02-30-05",
    ]
