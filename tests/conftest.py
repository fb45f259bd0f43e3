"""pytest fixtures: the add-on's layers as pytest-plone fixtures."""

from collective.thdtre.testing import FUNCTIONAL_TESTING
from collective.thdtre.testing import INTEGRATION_TESTING
from pytest_plone import fixtures_factory

import pytest


pytest_plugins = ["pytest_plone"]

globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)


@pytest.fixture
def package_name() -> str:
    return "collective.thdtre"
