"""Control panel @@thdtre-settings and the POST targets of its forms."""

from collective.thdtre.browser.controlpanel.actions import AddDepartment
from collective.thdtre.browser.controlpanel.actions import RetireDepartment
from collective.thdtre.browser.controlpanel.actions import SaveIndicators
from collective.thdtre.browser.controlpanel.actions import UpdateDepartment
from collective.thdtre.browser.controlpanel.settings import SettingsForm
from collective.thdtre.browser.controlpanel.settings import SettingsView


__all__ = [
    "AddDepartment",
    "RetireDepartment",
    "SaveIndicators",
    "SettingsForm",
    "SettingsView",
    "UpdateDepartment",
]
