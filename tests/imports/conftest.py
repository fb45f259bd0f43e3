"""Fixtures of the import tests: a site that speaks the language the request asks
for, with an empty folder to import into, committed for HTTP."""

from pathlib import Path
from plone import api

import pytest
import sys
import transaction


# The parser tests' document builders (Word and PDF versions of the seeds).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "importer"))

FOLDER = "imports"


@pytest.fixture
def site(functional_portal):
    """English by default, Vietnamese for a request that asks; a folder to import
    into. Each test gets a fresh database (the functional layer)."""
    api.portal.set_registry_record("plone.available_languages", ["en", "vi"])
    api.portal.set_registry_record("plone.use_request_negotiation", True)
    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=functional_portal, type="Folder", id=FOLDER, title="Nhập"
        )
    transaction.commit()
    yield functional_portal
    transaction.abort()


@pytest.fixture
def folder(site):
    return site[FOLDER]
