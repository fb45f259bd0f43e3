"""README's buildout section, run for real: bin/buildout, bin/instance fg, bin/pytest.

Buildout builds eggs of its own for about 300 distributions. To stay offline it
gets them from a wheelhouse packed from this virtualenv's installed
distributions (wheelhouse.py); only the buildout tool and its recipes, which
the virtualenv does not hold, are installed with pip. Even so the first run
takes many minutes (eggs are then kept in ~/.cache/collective.thdtre), so
``make test`` (CI, under 20 minutes on 2 cores) skips it and ``make
test-buildout`` runs it: set THDTRE_BUILDOUT_TEST=1.
"""

from pathlib import Path

import os
import pytest
import requests
import signal
import socket
import subprocess
import sys
import sysconfig
import time


ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent

pytestmark = pytest.mark.skipif(
    os.environ.get("THDTRE_BUILDOUT_TEST") != "1",
    reason="several minutes: run by `make test-buildout` (THDTRE_BUILDOUT_TEST=1)",
)


def run(*args, cwd, timeout=1800, env=None):
    result = subprocess.run(  # noqa: S603
        args, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def buildout(tmp_path_factory):
    """A copy of the repository after README's buildout commands, offline."""
    base = tmp_path_factory.mktemp("buildout")
    sys.path.insert(0, str(HERE))
    from wheelhouse import pack

    wheels = base / "wheels"
    pack(
        Path(sysconfig.get_paths()["purelib"]),
        wheels,
        skip={"collective.thdtre", "pip", "uv"},
    )
    repo = base / "repo"
    files = run("git", "ls-files", cwd=ROOT).stdout.split()
    for name in files:
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((ROOT / name).read_bytes())
    sync = [sys.executable, str(ROOT / "scripts" / "sync_versions.py")]
    bootstrap = run(*sync, "--bootstrap-requirements", cwd=ROOT).stdout.split()
    run(sys.executable, "-m", "venv", str(base / "venv"), cwd=base)
    pip = str(base / "venv" / "bin" / "pip")
    run(pip, "install", "-q", *bootstrap, cwd=base)
    recipes = [
        f"{name}=={version}"
        for name, version in _buildout_only_pins().items()
        if name not in {"zc.buildout", "setuptools", "pip", "wheel", "platformdirs"}
    ]
    run(pip, "download", "-q", "--no-deps", "-d", str(wheels), *recipes, cwd=base)
    # Eggs are kept between runs (buildout's own way to share them).
    eggs = Path(
        os.environ.get(
            "THDTRE_BUILDOUT_EGGS",
            Path.home() / ".cache" / "collective.thdtre" / "buildout-eggs",
        )
    )
    eggs.mkdir(parents=True, exist_ok=True)
    (repo / "offline.cfg").write_text(
        "[buildout]\n"
        "extends = buildout.cfg\n"
        f"find-links = {wheels}\n"
        "index = file:///nonexistent\n"
        f"eggs-directory = {eggs}\n"
    )
    port = free_port()
    run(
        str(base / "venv" / "bin" / "buildout"),
        "-c",
        "offline.cfg",
        f"instance:http-address=127.0.0.1:{port}",
        cwd=repo,
    )
    return repo, port


def _buildout_only_pins() -> dict:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "sync_versions", ROOT / "scripts" / "sync_versions.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.BUILDOUT_ONLY_PINS


def test_instance_serves_on_the_configured_address_and_ctrl_c_stops_everything(
    buildout,
):
    repo, port = buildout
    process = subprocess.Popen(  # noqa: S603
        [str(repo / "bin" / "instance"), "fg"],
        cwd=repo,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, as in a terminal
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                answer = requests.get(f"http://127.0.0.1:{port}/", timeout=30)
                break
            except requests.RequestException:  # not listening, or still loading
                assert process.poll() is None, process.stdout.read()[-3000:]
                assert time.monotonic() < deadline, "Zope did not start"
                time.sleep(0.5)
        assert answer.status_code == 200
        assert _only_loopback(port)  # buildout.cfg's http-address: 127.0.0.1
    finally:
        # Ctrl-C in a terminal: SIGINT to the whole foreground process group.
        os.killpg(process.pid, signal.SIGINT)
        process.wait(60)
    # The child (serve.py) finishes its own shutdown a moment after its parent.
    deadline = time.monotonic() + 30
    while True:
        left = subprocess.run(  # noqa: S603
            ["pgrep", "-g", str(process.pid)], capture_output=True, text=True
        ).stdout.split()
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert left == [], f"processes left behind 30 s after Ctrl-C: {left}"
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0


def _only_loopback(port: int) -> bool:
    listening = subprocess.run(  # noqa: S603
        ["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True
    ).stdout
    lines = [line for line in listening.splitlines() if line.strip()]
    return bool(lines) and all("127.0.0.1:" in line for line in lines)


def test_bin_pytest_runs_the_addons_tests(buildout):
    repo, _port = buildout
    env = dict(os.environ, ZSERVER_PORT=str(free_port()))
    result = run(
        str(repo / "bin" / "pytest"),
        "tests/setup/test_install.py",
        "-q",
        "-p",
        "no:cacheprovider",
        cwd=repo,
        env=env,
        timeout=600,
    )
    assert " passed" in result.stdout
