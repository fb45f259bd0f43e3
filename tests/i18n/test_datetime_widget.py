"""Dates with a time typed as 17/04/2024 08:30 on a Vietnamese site, stored on
the site's clock; Plone's native widget for other languages."""

from collective.thdtre.browser.datetimewidget import format_datetime
from collective.thdtre.browser.datetimewidget import parse_datetime
from collective.thdtre.browser.datetimewidget import TypedDatetimeConverter
from collective.thdtre.browser.datetimewidget import TypedDatetimeWidget
from collective.thdtre.browser.folderdates import FolderDatesViewlet
from collective.thdtre.interfaces import IBrowserLayer
from DateTime import DateTime
from datetime import datetime
from datetime import time
from plone import api
from plone.app.dexterity.behaviors.metadata import IPublication
from plone.app.z3cform.widgets.datetime import DatetimeWidget
from z3c.form.converter import FormatterValidationError
from z3c.form.interfaces import IDataConverter
from z3c.form.interfaces import IFieldWidget
from zoneinfo import ZoneInfo
from zope import schema
from zope.component import getMultiAdapter
from zope.i18n import translate
from zope.interface import alsoProvides

import pytest


VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17/04/2024 08:30", datetime(2024, 4, 17, 8, 30)),
        (" 1/6/2024   7:05 ", datetime(2024, 6, 1, 7, 5)),
        ("17/04/2024 8h30", datetime(2024, 4, 17, 8, 30)),
        ("17.04.2024 23:59:59", datetime(2024, 4, 17, 23, 59)),
        ("2024-04-17T08:30", datetime(2024, 4, 17, 8, 30)),  # the native input's
        ("17/04/2024", datetime(2024, 4, 17, 6, 0)),  # the default time
    ],
)
def test_vietnamese_date_and_time_is_day_month_year_hour_minute(text, expected):
    assert parse_datetime(text, "dd/mm/yy", default=time(6, 0)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "31/06/2024 10:00",
        "17/04/2024 24:00",
        "17/04/2024 08:60",
        "04/17/2024 08:30",
        "17/04/2024 08",
        "17/04/2024 08:30 PM",
        "hôm nay",
        "",
    ],
)
def test_what_is_no_date_and_time_is_refused(text):
    with pytest.raises(ValueError):
        parse_datetime(text, "dd/mm/yy")


def test_date_and_time_are_written_with_two_digits():
    assert format_datetime(datetime(2024, 6, 1, 7, 5), "dd/mm/yy") == (
        "01/06/2024 07:05"
    )


@pytest.fixture
def request_in(portal):
    """``request_in(language)``: the add-on's request, the site on Vietnam's clock."""
    api.portal.set_registry_record("plone.portal_timezone", "Asia/Ho_Chi_Minh")

    def request_in(language: str):
        request = portal.REQUEST
        alsoProvides(request, IBrowserLayer)
        # As Plone's language negotiation binds it for the request.
        request["LANGUAGE"] = language
        binding = request["LANGUAGE_TOOL"]
        binding.LANGUAGE = binding.DEFAULT_LANGUAGE = language
        binding.LANGUAGE_LIST = [language]
        return request

    with api.env.adopt_roles(["Manager"]):
        yield request_in


def _converter(field, request, context):
    widget = getMultiAdapter((field, request), IFieldWidget)
    widget.context = context
    return getMultiAdapter((field, widget), IDataConverter)


def test_vietnamese_gets_the_typed_widget_other_languages_plones(request_in):
    field = IPublication["effective"]
    typed = getMultiAdapter((field, request_in("vi")), IFieldWidget)
    assert isinstance(typed, TypedDatetimeWidget)
    native = getMultiAdapter((field, request_in("en")), IFieldWidget)
    assert type(native) is DatetimeWidget
    assert native.attributes["type"] == "datetime-local"


def test_publishing_date_is_stored_on_the_sites_clock(portal, request_in):
    news = api.content.create(container=portal, type="News Item", title="Tin")
    converter = _converter(IPublication["effective"], request_in("vi"), news)
    assert isinstance(converter, TypedDatetimeConverter)
    value = converter.toFieldValue("17/04/2024 08:30")
    # As IPublication keeps it (and plone.restapi hands it over): no zone, the
    # server's clock, whatever that is.
    assert value.tzinfo is None
    assert value.astimezone(VIETNAM).replace(tzinfo=None) == datetime(
        2024, 4, 17, 8, 30
    )
    IPublication(news).effective = value  # Plone's own storage
    assert news.effective_date.equalTo(DateTime("2024/04/17 08:30 GMT+7"))
    shown = IPublication(news).effective
    assert converter.toWidgetValue(shown) == "17/04/2024 08:30"
    assert converter.toFieldValue("  ") is None
    assert converter.toWidgetValue(None) == ""


def test_a_day_that_does_not_exist_is_refused_in_vietnamese(portal, request_in):
    converter = _converter(IPublication["effective"], request_in("vi"), portal)
    with pytest.raises(FormatterValidationError) as refused:
        converter.toFieldValue("31/06/2024 10:00")
    assert translate(refused.value.message, target_language="vi") == (
        "Nhập ngày giờ theo dạng dd/mm/yyyy HH:MM, ví dụ 17/04/2024 08:30."
    )


def test_other_datetime_fields_keep_plones_zone_rules(portal, request_in):
    field = schema.Datetime(__name__="when", title="When")
    converter = _converter(field, request_in("vi"), portal)
    # No zone named by the widget: the typed time, naive, as Plone keeps it.
    assert converter.toFieldValue("17/04/2024 08:30") == datetime(2024, 4, 17, 8, 30)
    converter.widget.default_timezone = "Asia/Ho_Chi_Minh"
    value = converter.toFieldValue("17/04/2024 08:30")
    assert value.utcoffset().total_seconds() == 7 * 3600
    assert converter.toWidgetValue(value) == "17/04/2024 08:30"


@pytest.mark.parametrize(("language", "script"), [("vi", True), ("en", False)])
def test_folder_contents_loads_the_dates_script_in_vietnamese(
    portal, request_in, language, script
):
    request = request_in(language)
    view = portal.restrictedTraverse("@@folder_contents")
    viewlet = FolderDatesViewlet(portal, request, view, None)
    viewlet.update()
    assert ("folderdates.js" in viewlet.render()) is script
