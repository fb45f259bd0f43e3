"""Backups of the demo site that restore: ``make backup`` and ``make restore``.

    .venv/bin/python scripts/backup.py backup|restore|list [--cluster]

``instance/``: Data.fs with repozo (full, then incremental), the blobs as a folder
per backup (unchanged files hard-linked to the previous one: blobs never change
once written), the counters' SQLite file through SQLite's backup API. The cluster
(``--cluster``): ``backup_cluster.py``. Each backup is a folder named by its UTC
time, renamed to that name only once complete; a restore builds everything aside,
then swaps it in, keeping what it replaced. README, "Backups", says more.

Environment: BACKUP_DIR (backups/), INSTANCE (instance), BACKUP (a backup's name
instead of the latest), FULL=1, KEEP=N (full backups to keep), CLUSTER=1,
THDTRE_CLUSTER_DIR, THDTRE_ZOPE_CONF, THDTRE_PG_ADMIN_DSN (backup_cluster.py).
"""

# A sibling module: Python puts the script's folder first on sys.path.
from backup_cluster import Cluster
from backup_cluster import Refused
from pathlib import Path

import argparse
import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time


ROOT = Path(__file__).resolve().parents[1]
REPOZO = ROOT / ".venv" / "bin" / "repozo"
COUNTERS = "thdtre-counters.sqlite"
MANIFEST = "backup.json"
FULLS = (".fs", ".fsz")  # repozo's full backups; incrementals are .deltafs(z)
# What the restore moves out of var/ (an old index or WAL must not meet new data).
REPLACED = ("Data.fs", "Data.fs.index", "Data.fs.tmp", "blobstorage", COUNTERS,
            f"{COUNTERS}-wal", f"{COUNTERS}-shm")  # fmt: skip


def say(message: str) -> None:
    print(f"backup: {message}", flush=True)


def run(command: list, **kwargs) -> None:
    done = subprocess.run([str(part) for part in command], **kwargs)
    if done.returncode:
        raise Refused(f"{Path(str(command[0])).name} failed (exit {done.returncode})")


def new_name(base: Path) -> str:
    """A UTC time, as repozo names its files, not yet taken under ``base``."""
    while True:
        name = time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime())
        if not (base / name).exists() and not (base / f"{name}.part").exists():
            return name
        time.sleep(0.5)


def backups(base: Path) -> list[str]:
    """Complete backups under ``base``, oldest first."""
    if not base.is_dir():
        return []
    return sorted(
        p.name for p in base.iterdir() if p.is_dir() and (p / MANIFEST).is_file()
    )


def chosen(base: Path, name: str | None) -> Path:
    names = backups(base)
    if not names:
        raise Refused(f"no backup in {base}: run make backup first")
    if name and name not in names:
        raise Refused(f"no backup {name!r} in {base}; there are: {', '.join(names)}")
    return base / (name or names[-1])


def write_manifest(folder: Path, **facts) -> None:
    facts["created"] = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    text = json.dumps(facts, indent=2, sort_keys=True)
    (folder / MANIFEST).write_text(text + "\n", encoding="utf-8")


def lock(path: Path, busy: str):
    """Hold zc.lockfile's lock on ``path`` (the one a running Zope holds)."""
    import zc.lockfile

    try:
        return zc.lockfile.LockFile(str(path))
    except zc.lockfile.LockError:
        holder = path.read_text().strip() if path.exists() else "?"
        raise Refused(f"{busy} (lock {path} held by pid {holder})") from None


# The single instance.


def copy_blobs(source: Path, target: Path, previous: Path | None) -> int:
    """Copy the blob folder; link files the previous snapshot has unchanged."""
    copied = 0
    target.mkdir()
    if not source.is_dir():
        return copied
    for folder, dirs, files in os.walk(source):
        here = Path(folder)
        relative = here.relative_to(source)
        if relative == Path("."):
            dirs[:] = [d for d in dirs if d != "tmp"]  # uncommitted uploads
        (target / relative).mkdir(exist_ok=True)
        for name in files:
            src, dst = here / name, target / relative / name
            old = previous / relative / name if previous else None
            if old and old.is_file() and old.stat().st_size == src.stat().st_size:
                try:
                    os.link(old, dst)
                    continue
                except OSError:
                    pass  # another file system: copy
            shutil.copy2(src, dst)
            copied += 1
    (target / "tmp").mkdir(exist_ok=True)
    return copied


def copy_counters(source: Path, target: Path) -> bool:
    """A consistent copy of the counters' SQLite file, even while Zope writes."""
    if not source.is_file():
        return False
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return True


def prune(base: Path, repository: Path, keep: int) -> None:
    """Keep the newest ``keep`` full backups and the snapshots that need them."""
    fulls = sorted({p.stem for p in repository.iterdir() if p.suffix in FULLS})
    if keep < 1 or len(fulls) <= keep:
        return
    cutoff = fulls[-keep]
    for path in repository.iterdir():
        if path.name.split(".")[0] < cutoff:
            path.unlink()
    for name in backups(base):
        if name < cutoff:
            shutil.rmtree(base / name)
    say(f"removed the backups older than {cutoff} (KEEP={keep})")


def backup_instance(instance: Path, base: Path, *, full: bool, keep: int) -> Path:
    var = instance / "var"
    if not (var / "Data.fs").is_file():
        raise Refused(f"no {var / 'Data.fs'}: create the site first (make site)")
    repository = base / "repozo"
    repository.mkdir(parents=True, exist_ok=True)
    held = lock(base / ".lock", f"another backup or restore uses {base}")
    try:
        run([REPOZO, "-B", "-z", "-r", repository, "-f", var / "Data.fs"]
            + (["-F"] if full else []))  # fmt: skip
        previous = backups(base)
        name = new_name(base)
        part = base / f"{name}.part"
        part.mkdir()
        last = base / previous[-1] / "blobstorage" if previous else None
        try:
            copied = copy_blobs(var / "blobstorage", part / "blobstorage", last)
            counters = copy_counters(var / COUNTERS, part / COUNTERS)
        except BaseException:
            shutil.rmtree(part)  # never a half backup that looks whole
            raise
        write_manifest(part, kind="instance", instance=str(instance),
                       blobs_copied=copied, counters=counters)  # fmt: skip
        part.rename(base / name)
        run([REPOZO, "-V", "-r", repository])
        if keep:
            prune(base, repository, keep)
    finally:
        held.close()
    say(f"{base / name}: Data.fs (repozo, {repository}), blobs ({copied} new"
        f" files), counters ({'copied' if counters else 'none yet'})")  # fmt: skip
    return base / name


def restore_instance(instance: Path, base: Path, *, name: str | None) -> Path:
    var = instance / "var"
    if not var.is_dir():
        raise Refused(f"no {var}: create the instance first (make instance)")
    source = chosen(base, name)
    running = lock(
        var / "Data.fs.lock",
        f"the instance {instance} is running: stop it (Ctrl-C where make start"
        " runs) and run make restore again; nothing was changed",
    )
    staging = var / ".restoring"
    try:
        held = lock(base / ".lock", f"another backup or restore uses {base}")
    except Refused:
        running.close()
        raise
    try:
        shutil.rmtree(staging, ignore_errors=True)  # a restore that was cut off
        staging.mkdir()
        run([REPOZO, "-R", "-w", "-r", base / "repozo", "-D", source.name,
             "-o", staging / "Data.fs"])  # fmt: skip
        shutil.copytree(source / "blobstorage", staging / "blobstorage")
        if (source / COUNTERS).is_file():
            copy_counters(source / COUNTERS, staging / COUNTERS)
        if os.geteuid() == 0:  # files for the user Zope runs as, not root
            owner = var.stat()
            for path in [staging, *staging.rglob("*")]:
                os.chown(path, owner.st_uid, owner.st_gid)
        swap(var, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        held.close()
        running.close()
    say(f"restored {source.name} into {var}; what it replaced is in"
        f" {var / 'before-restore'} (delete it once the site is checked)")  # fmt: skip
    return source


def swap(var: Path, staging: Path) -> None:
    """Move the live files aside and the staged ones in; undo on any error."""
    aside = var / "before-restore"
    shutil.rmtree(aside, ignore_errors=True)
    aside.mkdir()
    moves = [(var / n, aside / n) for n in REPLACED if (var / n).exists()]
    moves += [(path, var / path.name) for path in staging.iterdir()]
    done = []
    try:
        for old, new in moves:
            os.rename(old, new)
            done.append((old, new))
    except OSError:
        for old, new in reversed(done):
            os.rename(new, old)
        raise


def backup_cluster_databases(cluster, base: Path, *, keep: int) -> Path:
    base.mkdir(parents=True, exist_ok=True)
    name = new_name(base)
    part = base / f"{name}.part"
    part.mkdir()
    try:
        write_manifest(part, **cluster.dump(part))
    except BaseException:
        shutil.rmtree(part)  # never a half backup that looks whole
        raise
    part.rename(base / name)
    if keep:
        for old in backups(base)[:-keep]:
            shutil.rmtree(base / old)
    say(
        f"{base / name}: "
        + ", ".join(p.name for p in sorted(base.glob(f"{name}/*.dump")))
    )
    return base / name


def flag(name: str) -> bool:
    return os.environ.get(name, "").strip() not in ("", "0", "no", "false")


def keep_count() -> int:
    value = os.environ.get("KEEP", "").strip() or "0"
    if not value.isdigit():
        raise Refused(f"KEEP={value}: give a number of full backups to keep")
    return int(value)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=("backup", "restore", "list"))
    parser.add_argument("--cluster", action="store_true",
                        default=flag("CLUSTER"))  # fmt: skip
    args = parser.parse_args(argv)
    env = os.environ
    backup_dir = Path(env.get("BACKUP_DIR") or ROOT / "backups")
    base = backup_dir.resolve() / ("cluster" if args.cluster else "instance")
    try:
        if args.action == "list":
            print("\n".join(backups(base)) or f"no backup in {base}")
        elif args.cluster:
            cluster = Cluster.from_environment(ROOT, say=say)
            if args.action == "backup":
                backup_cluster_databases(cluster, base, keep=keep_count())
            else:
                cluster.restore(chosen(base, env.get("BACKUP")))
        else:
            instance = (ROOT / env.get("INSTANCE", "instance")).resolve()
            if args.action == "backup":
                backup_instance(instance, base, full=flag("FULL"), keep=keep_count())
            else:
                restore_instance(instance, base, name=env.get("BACKUP"))
    except Refused as exc:
        print(f"{args.action}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
