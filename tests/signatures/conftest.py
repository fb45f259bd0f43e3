"""Fixtures of the signature tests: the visit counters in a folder of each test."""

from App.config import getConfiguration

import pytest


@pytest.fixture(autouse=True)
def counter_home(tmp_path, monkeypatch) -> str:
    """Pages count visits in ``clienthome``: one folder per test, as in tests/views."""
    home = tmp_path / "var"
    home.mkdir()
    monkeypatch.setattr(getConfiguration(), "clienthome", str(home))
    return str(home)
