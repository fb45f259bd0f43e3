"""Fixtures of the results-report tests: a world of departments and people, a
recording MailHost, and a committed world on the functional layer for HTTP."""

from Acquisition import aq_base
from plone import api
from plone.app.testing.utils import MockMailHost
from plone.registry.interfaces import IRegistry
from Products.MailHost.interfaces import IMailHost
from reports_world import setup_world
from reports_world import sync
from zope.component import getUtility

import pytest
import transaction


@pytest.fixture(scope="class")
def iworld(portal_class):
    """Departments and people on the integration layer, once per test class."""
    setup_world()
    return portal_class


@pytest.fixture
def world(portal):
    """Departments and people on the integration layer, for one test."""
    setup_world()
    return portal


def _swap_mailhost(portal, mailhost):
    """Put ``mailhost`` in place of the portal's, as MockMailHostLayer does."""
    sm = portal.getSiteManager()
    original = aq_base(portal.MailHost)
    portal.MailHost = aq_base(mailhost)
    sm.unregisterUtility(provided=IMailHost)
    sm.registerUtility(aq_base(mailhost), provided=IMailHost)
    return original


@pytest.fixture
def mailhost(world):
    """plone.app.testing's MockMailHost, with a sender address; restored after."""
    records = ("plone.email_from_address", "plone.email_from_name")
    registry = getUtility(IRegistry)
    before = [registry[name] for name in records]
    api.portal.set_registry_record(records[0], "noreply@example.org")
    api.portal.set_registry_record(records[1], "Cổng thông tin")
    mock = MockMailHost("MailHost")
    original = _swap_mailhost(world, mock)
    yield mock
    _swap_mailhost(world, original)
    for name, value in zip(records, before, strict=True):
        registry[name] = value


@pytest.fixture(scope="class")
def fworld(functional_portal_class):
    """Departments and people on the functional layer, committed for HTTP."""
    setup_world()
    transaction.commit()
    return functional_portal_class


@pytest.fixture
def site(fworld):
    """The functional portal, up to date with what the server did."""
    sync(fworld)
    yield fworld
    transaction.abort()
