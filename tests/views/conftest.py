"""Fixtures of the view tests: the counters' store in a folder of each test."""

from App.config import getConfiguration

import pytest


@pytest.fixture(autouse=True)
def counter_home(tmp_path, monkeypatch) -> str:
    """Every page counts visits (the footer's box) in ``clienthome``'s SQLite file.

    The layers' ``clienthome`` does not exist, and the counters would fall back
    to the shared temporary folder: a folder of each test's own keeps earlier
    tests' and runs' counts out of the numbers.
    """
    home = tmp_path / "var"
    home.mkdir()
    monkeypatch.setattr(getConfiguration(), "clienthome", str(home))
    return str(home)
