"""1009 -> 1010: Departments renamed and retired, indicators edited in a form.

- The per-year indicators keep their JSON record and format; each indicator gets
  the ``unit`` and ``target`` keys the control panel's rows edit, and entries
  that ``reports/metrics.py`` could not use (no id, a year that is no number)
  are dropped.
- Every department's folders and groups take its current title again and its
  folders remember whether it is retired (none is, before 1010), so renaming and
  retiring start from a consistent state.
"""

from collective.thdtre import logger
from collective.thdtre.departments import get_departments
from collective.thdtre.departments.api import _ensure_folder
from collective.thdtre.departments.api import _ensure_groups
from collective.thdtre.interfaces import IThdtreSettings
from collective.thdtre.reports.indicators import normalized
from plone import api

import json


def _indicators():
    raw = api.portal.get_registry_record(
        "metrics", interface=IThdtreSettings, default="{}"
    )
    try:
        value = json.loads(raw or "{}")
    except ValueError:
        logger.warning("Upgrade 1010: the indicators record is no JSON; left as is")
        return
    if not isinstance(value, dict):
        value = {}
    api.portal.set_registry_record(
        "metrics",
        json.dumps(normalized(value), ensure_ascii=False),
        interface=IThdtreSettings,
    )


def upgrade(context):
    """Indicators with unit and target; department folders and groups in step."""
    _indicators()
    departments = get_departments()
    for department in departments:
        _ensure_groups(department)
        _ensure_folder(department)
    logger.info(
        "Upgrade 1010: indicators normalised, %s departments' folders and groups "
        "in step",
        len(departments),
    )
