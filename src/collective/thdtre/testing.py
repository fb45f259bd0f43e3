"""Test layers of collective.thdtre."""

from plone.app.contenttypes.testing import PLONE_APP_CONTENTTYPES_FIXTURE
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.testing.zope import WSGI_SERVER_FIXTURE

import collective.thdtre


class Layer(PloneSandboxLayer):
    defaultBases = (PLONE_APP_CONTENTTYPES_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        import plone.restapi

        self.loadZCML(package=plone.restapi)
        self.loadZCML(package=collective.thdtre)

    def setUpPloneSite(self, portal):
        # What the demo site activates besides the add-on: the REST API and
        # caching (neither is forced by the add-on's own profile).
        applyProfile(portal, "plone.restapi:default")
        applyProfile(portal, "plone.app.caching:default")
        applyProfile(portal, "collective.thdtre:default")


FIXTURE = Layer()

INTEGRATION_TESTING = IntegrationTesting(
    bases=(FIXTURE,), name="CollectiveThdtreLayer:IntegrationTesting"
)

FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(FIXTURE, WSGI_SERVER_FIXTURE),
    name="CollectiveThdtreLayer:FunctionalTesting",
)
