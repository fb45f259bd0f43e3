"""The workflow tests' world (two departments, their people, REST sessions) for the
content tests of issue 14: loaded from tests/workflow/conftest.py, not copied."""

from pathlib import Path

import importlib.util
import pytest
import transaction


_path = Path(__file__).parent.parent / "workflow" / "conftest.py"
_spec = importlib.util.spec_from_file_location("thdtre_workflow_world", _path)
world_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(world_module)

DEPT_A = world_module.DEPT_A
DEPT_B = world_module.DEPT_B
api_url = world_module.api_url
make_plan = world_module.make_plan
add_child = world_module.add_child
session = world_module.session
state_of = world_module.state_of
sync = world_module.sync
transition_as = world_module.transition_as


@pytest.fixture(scope="class", name="world")
def world_fixture(functional_portal_class):
    """Departments and people, committed for HTTP, once per test class."""
    world_module.setup_world(functional_portal_class)
    transaction.commit()
    return functional_portal_class


@pytest.fixture(name="site")
def site_fixture(world):
    """The functional portal of ``world``, up to date with what the server did."""
    sync(world)
    yield world
    transaction.abort()
