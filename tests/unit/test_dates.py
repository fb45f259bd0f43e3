"""Vietnamese dates as Decree 30/2020 writes them: one helper for every page."""

from collective.thdtre import dates
from DateTime import DateTime
from datetime import date
from datetime import datetime

import pytest
import re


@pytest.mark.parametrize(
    "value,expected",
    [
        # day < 10 and month < 3 carry a leading zero
        (date(2024, 1, 5), "ngày 05 tháng 01 năm 2024"),
        (date(2024, 2, 11), "ngày 11 tháng 02 năm 2024"),
        (date(2020, 4, 14), "ngày 14 tháng 4 năm 2020"),
        (date(2024, 4, 17), "ngày 17 tháng 4 năm 2024"),
        (date(2024, 6, 1), "ngày 01 tháng 6 năm 2024"),
        (date(2024, 12, 1), "ngày 01 tháng 12 năm 2024"),
        (date(2024, 10, 31), "ngày 31 tháng 10 năm 2024"),
    ],
)
def test_long_date(value, expected):
    assert dates.long_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        datetime(2024, 1, 5, 23, 30),
        "2024-01-05",
        "2024-01-05T08:00:00",
        DateTime("2024/01/05 08:00:00 GMT+7"),
    ],
)
def test_long_date_accepts_datetimes_strings_and_zope_datetime(value):
    assert dates.long_date(value) == "ngày 05 tháng 01 năm 2024"


@pytest.mark.parametrize(
    "value,expected",
    [
        (date(2024, 6, 1), "01/6/2024"),
        (date(2024, 6, 30), "30/6/2024"),
        (date(2020, 2, 27), "27/02/2020"),
        (date(2024, 1, 9), "09/01/2024"),
        (date(2024, 4, 11), "11/4/2024"),
        (date(2024, 11, 2), "02/11/2024"),
        (None, ""),
        ("", ""),
    ],
)
def test_short_date(value, expected):
    assert dates.short_date(value) == expected


def test_place_and_date():
    assert (
        dates.place_and_date("Bắc Giang", date(2024, 4, 17))
        == "Bắc Giang, ngày 17 tháng 4 năm 2024"
    )
    assert (
        dates.place_and_date("Hà Nội", date(2024, 1, 5))
        == "Hà Nội, ngày 05 tháng 01 năm 2024"
    )


def test_place_and_date_without_place_starts_with_a_capital():
    assert dates.place_and_date("", date(2020, 4, 14)) == "Ngày 14 tháng 4 năm 2020"
    assert dates.place_and_date(None, date(2020, 4, 14)) == "Ngày 14 tháng 4 năm 2020"


def test_place_and_date_of_a_draft_leaves_day_and_month_blank():
    text = dates.place_and_date("Bắc Giang", None, year=2022)
    assert re.fullmatch(r"Bắc Giang, ngày\s{2,}tháng\s{2,}năm 2022", text), text


def test_period():
    assert (
        dates.period(date(2024, 6, 1), date(2024, 6, 30))
        == "Từ ngày 01/6/2024 đến ngày 30/6/2024"
    )
    assert (
        dates.period(date(2020, 2, 27), date(2020, 3, 5))
        == "Từ ngày 27/02/2020 đến ngày 05/3/2020"
    )


@pytest.mark.parametrize(
    "start,end", [(None, date(2024, 6, 30)), (date(2024, 6, 1), None), (None, None)]
)
def test_period_is_empty_without_both_ends(start, end):
    assert dates.period(start, end) == ""


def test_blank_day_draft_with_month_and_year():
    # seed 000: "ngày   tháng 5 năm 2022" while the plan waits for signature
    text = dates.long_date(None, month=5, year=2022)
    assert re.fullmatch(r"ngày\s{2,}tháng 5 năm 2022", text), text


def test_blank_day_draft_keeps_the_leading_zero_of_the_month():
    text = dates.long_date(None, month=1, year=2025)
    assert re.fullmatch(r"ngày\s{2,}tháng 01 năm 2025", text), text


def test_blank_day_and_month_draft_with_year_only():
    text = dates.long_date(None, year=2024)
    assert re.fullmatch(r"ngày\s{2,}tháng\s{2,}năm 2024", text), text


def test_fully_blank_draft():
    text = dates.long_date(None)
    assert re.fullmatch(r"ngày\s{2,}tháng\s{2,}năm\s*", text), text


def test_not_a_date_is_refused():
    with pytest.raises(TypeError):
        dates.long_date(20240105)
