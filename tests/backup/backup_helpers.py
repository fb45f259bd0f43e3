"""Running the backup script and the site-state script in real instances."""

from pathlib import Path

import json
import os
import subprocess


ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
STATE_SCRIPT = Path(__file__).with_name("site_state.py")
TIMEOUT = 300


def run(command: list, **env) -> subprocess.CompletedProcess:
    """Run ``command`` in the repository with ``env`` added; never raises."""
    return subprocess.run(
        [str(part) for part in command],
        cwd=ROOT,
        env=dict(os.environ, **{k: str(v) for k, v in env.items()}),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


def ok(done: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


def backup_script(action: str, **env) -> subprocess.CompletedProcess:
    """What ``make backup`` / ``make restore`` run."""
    return run([BIN / "python", "scripts/backup.py", action], **env)


def site_state(zope_conf: Path, out: Path, *, change: int = 0, **env) -> dict:
    """The site's state (after changing it, for round ``change`` > 0)."""
    action = "change" if change else "state"
    ok(run([BIN / "zconsole", "run", zope_conf, STATE_SCRIPT, action, change, out],
           **env))  # fmt: skip
    return json.loads(out.read_text(encoding="utf-8"))
