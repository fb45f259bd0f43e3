"""The parser needs no Plone: the two names below replace the root conftest's
autouse session fixtures here, so no Plone site is set up for these tests."""

import pytest


@pytest.fixture(scope="session")
def _keep_functional_session():
    return None


@pytest.fixture(scope="session")
def _keep_integration_session():
    return None
