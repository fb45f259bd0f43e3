"""collective.thdtre: the Action Month for Children in a Plone site."""

from zope.i18nmessageid import MessageFactory

import logging


__version__ = "1.0.0.dev0"

PACKAGE_NAME = "collective.thdtre"

_ = MessageFactory(PACKAGE_NAME)

logger = logging.getLogger(PACKAGE_NAME)
