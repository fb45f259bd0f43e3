"""Interfaces of collective.thdtre."""

from collective.thdtre import _
from plone.app.contenttypes.interfaces import IPloneAppContenttypesLayer
from zope import schema
from zope.interface import Interface

import ipaddress


class IBrowserLayer(IPloneAppContenttypesLayer):
    """Marker interface of the add-on's browser layer.

    It extends plone.app.contenttypes' layer so that the add-on's News Item view
    wins over the stock one on sites where the add-on is installed.
    """


class IThdtreContent(Interface):
    """Marker for the add-on's own content (Plan, Activity, Slogan, Report)."""


class IDepartmentFolder(Interface):
    """Marker of a department's own folder, where its editors add plans."""


class NotAnAddress(schema.ValidationError):
    __doc__ = _(
        "Write an IP address or network, such as 127.0.0.1, ::1 or 10.0.0.0/24."
    )


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_network(value.strip(), strict=False)
    except ValueError:
        raise NotAnAddress(value) from None
    return True


class IThdtreSettings(Interface):
    """Site-wide settings stored in the registry."""

    four_eyes = schema.Bool(
        title=_("Four eyes"),
        description=_(
            "The person who submitted an item cannot approve it. Switch off only "
            "for a one-person office."
        ),
        required=False,
        default=True,
    )

    show_slogans = schema.Bool(
        title=_("Show slogans on public pages"),
        description=_("One slogan of the year at a time, above the content."),
        required=False,
        default=True,
    )

    import_max_mb = schema.Int(
        title=_("Largest document to import (MB)"),
        required=False,
        default=20,
        min=1,
        max=200,
    )

    import_url_allowlist = schema.List(
        title=_("Intranet addresses that imports may fetch"),
        description=_(
            "Imports from a web address never reach the intranet or this server "
            "(private, loopback and link-local addresses), except the hosts, "
            "addresses and networks listed here, one a line, such as "
            "vanban.intranet.gov.vn, 10.20.0.5 or 10.20.0.0/16."
        ),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )

    counting_proxies = schema.List(
        title=_("Addresses of the counting proxy"),
        description=_(
            "Only requests from these addresses (the caching proxy in front of "
            "the site, such as nginx) may name a visitor or ask for a view to be "
            "counted; from anywhere else such headers are ignored. One address "
            "or network a line."
        ),
        value_type=schema.TextLine(constraint=_is_address),
        required=False,
        default=["127.0.0.1", "::1"],
    )

    metrics = schema.SourceText(
        title=_("Indicators per year"),
        description=_(
            'The results indicators of each year as JSON: {"2025": [{"id": '
            '"children_supported", "title": "Trẻ em được hỗ trợ"}, ...]}. '
            "A year not listed uses the standard indicators."
        ),
        required=False,
        default="{}",
    )
    reminder_days = schema.Int(
        title=_("Remind this many days before the report deadline"),
        required=False,
        default=7,
        min=0,
        max=60,
    )

    departments = schema.SourceText(
        title=_("Departments"),
        description=_(
            "The departments that own plans, as a JSON list of objects with the "
            "keys id, title, abbreviation and parent_body."
        ),
        required=False,
        default="[]",
    )
