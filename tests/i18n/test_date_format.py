"""The typed date widget's format: what date_format_short_datepicker allows."""

from collective.thdtre.browser.datewidget import format_date
from collective.thdtre.browser.datewidget import parse_date
from collective.thdtre.browser.datewidget import shown_format
from datetime import date

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17/04/2024", date(2024, 4, 17)),
        ("1/6/2024", date(2024, 6, 1)),
        ("01.06.2024", date(2024, 6, 1)),
        (" 30-06-2024 ", date(2024, 6, 30)),
        ("2024-04-17", date(2024, 4, 17)),  # ISO, as the native input sends it
    ],
)
def test_vietnamese_dates_are_day_month_year(text, expected):
    assert parse_date(text, "dd/mm/yy") == expected


@pytest.mark.parametrize(
    "text", ["31/06/2024", "17/13/2024", "04/17/24", "17 4 2024", ""]
)
def test_what_is_no_date_is_refused(text):
    with pytest.raises(ValueError):
        parse_date(text, "dd/mm/yy")


def test_english_format_is_month_day_year():
    assert parse_date("04/17/2024", "mm/dd/yy") == date(2024, 4, 17)
    assert format_date(date(2024, 6, 1), "mm/dd/yy") == "06/01/2024"


def test_dates_are_written_with_two_digit_day_and_month():
    assert format_date(date(2024, 6, 1), "dd/mm/yy") == "01/06/2024"
    assert shown_format("dd/mm/yy") == "dd/mm/yyyy"
