"""The environment and buildout's versions.cfg follow constraints.txt exactly.

No Plone layer: these tests only read metadata and files.
"""

from importlib import metadata
from pathlib import Path

import importlib.util
import pytest
import subprocess
import sys


ROOT = Path(__file__).resolve().parents[2]
CONSTRAINTS = ROOT / "constraints.txt"
SCRIPT = ROOT / "scripts" / "sync_versions.py"

# Installers and the project itself are not pinned in constraints.txt.
UNPINNED = {"pip", "setuptools", "uv", "wheel", "collective-thdtre"}


def _load_sync_versions():
    spec = importlib.util.spec_from_file_location("sync_versions", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sync_versions = _load_sync_versions()
normalize = sync_versions.normalize


def _installed():
    """[(normalized name, version, location)] of every visible distribution."""
    found = []
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        location = getattr(dist, "_path", "?")
        found.append((normalize(name) if name else None, dist.version, str(location)))
    return found


def _expected_pins():
    constraints = sync_versions.parse_constraints(
        CONSTRAINTS.read_text(encoding="utf-8")
    )
    pins = {normalize(name): version for name, version in constraints.items()}
    installed_names = {name for name, _, _ in _installed()}
    if "zc-buildout" in installed_names:
        # Running under bin/pytest from buildout: the buildout tool lives in
        # the same environment and is pinned in versions.cfg only.
        pins = sync_versions.all_pins(constraints)
    return pins


def test_constraints_parse():
    pins = sync_versions.parse_constraints(CONSTRAINTS.read_text(encoding="utf-8"))
    assert pins, "constraints.txt pins nothing"
    assert normalize("Products.CMFPlone") in {normalize(n) for n in pins}


def test_every_installed_distribution_is_pinned_exactly():
    pins = _expected_pins()
    problems = []
    for name, version, location in sorted(_installed(), key=str):
        if name is None:
            problems.append(f"distribution without a name at {location}")
        elif name in UNPINNED:
            continue
        elif name not in pins:
            problems.append(
                f"{name}=={version} is installed but not pinned ({location})"
            )
        elif pins[name] != version:
            problems.append(
                f"{name}=={version} is installed but pinned to {pins[name]}"
                f" ({location})"
            )
    assert not problems, (
        "the environment does not match constraints.txt "
        "(install with: uv pip install -c constraints.txt -e '.[test]'):\n"
        + "\n".join(problems)
    )


def test_versions_cfg_matches_constraints():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, (
        "versions.cfg is out of date with constraints.txt; run "
        "`python scripts/sync_versions.py`:\n" + result.stdout + result.stderr
    )


def test_check_detects_a_stale_versions_cfg(tmp_path):
    constraints = tmp_path / "constraints.txt"
    versions = tmp_path / "versions.cfg"
    constraints.write_text("Foo.Bar==1.0\nbaz_qux==2.0\n", encoding="utf-8")
    argv = ["--constraints", str(constraints), "--versions", str(versions)]

    assert sync_versions.main(argv + ["--check"]) == 1  # missing
    assert sync_versions.main(argv) == 0  # writes it
    assert sync_versions.main(argv + ["--check"]) == 0
    text = versions.read_text(encoding="utf-8")
    assert "[versions]" in text
    assert "Foo.Bar" in text and "= 1.0" in text
    assert "zc.buildout" in text  # buildout-only pins are added

    constraints.write_text("Foo.Bar==1.1\nbaz_qux==2.0\n", encoding="utf-8")
    assert sync_versions.main(argv + ["--check"]) == 1


@pytest.mark.parametrize(
    "line",
    ["foo>=1.0", "-r other.txt", "foo==1.0\nFOO==1.1"],
)
def test_constraints_must_be_exact_unique_pins(line):
    with pytest.raises(sync_versions.PinError):
        sync_versions.parse_constraints(line)
