"""Helpers of the backup tests: real instances in temporary folders, no test layer.

The instances are made as ``make start`` makes ``instance/`` (``make_instance.sh``,
``create_site.py``) or as ``tests/cluster`` makes the cluster's, and the backups
are taken and restored by ``scripts/backup.py``, the script ``make backup`` and
``make restore`` run. The site is changed and read by ``site_state.py`` through
``zconsole``, as an operator's script would.
"""

import pytest


# No Plone test layer here: these names replace pytest-plone's autouse
# session fixtures, as in tests/cluster.
@pytest.fixture(scope="session")
def _keep_functional_session():
    return None


@pytest.fixture(scope="session")
def _keep_integration_session():
    return None
