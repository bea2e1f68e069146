"""Working days follow the 2016 holiday schedule, make-up days included."""

from datetime import date

import pytest

from scoring.calendar import (
    add_working_days,
    calendar_years,
    is_working_day,
    within_working_days,
)
from zwgk.errors import CalendarError


def test_dragon_boat_holiday_is_off_and_its_sunday_make_up_day_is_on():
    assert not is_working_day(date(2016, 6, 9))
    assert not is_working_day(date(2016, 6, 10))
    assert not is_working_day(date(2016, 6, 11))
    assert is_working_day(date(2016, 6, 12))


def test_third_working_day_after_june_8_2016_is_june_14():
    assert add_working_days(date(2016, 6, 8), 3) == date(2016, 6, 14)


def test_mid_autumn_make_up_sunday_is_the_first_working_day_after_the_eve():
    assert add_working_days(date(2016, 9, 14), 1) == date(2016, 9, 18)
    assert not is_working_day(date(2016, 9, 15))
    assert not is_working_day(date(2016, 9, 17))


def test_national_day_week_is_skipped_and_both_weekend_make_up_days_count():
    assert add_working_days(date(2016, 9, 30), 1) == date(2016, 10, 8)
    assert add_working_days(date(2016, 9, 30), 2) == date(2016, 10, 9)
    assert add_working_days(date(2016, 9, 30), 3) == date(2016, 10, 10)


def test_seven_working_days_span_the_national_day_holiday():
    assert add_working_days(date(2016, 9, 28), 7) == date(2016, 10, 12)


def test_zero_working_days_means_the_same_day():
    assert add_working_days(date(2016, 6, 11), 0) == date(2016, 6, 11)


def test_within_working_days_includes_the_last_day_and_excludes_the_next():
    assert within_working_days(date(2016, 6, 14), date(2016, 6, 8), 3)
    assert not within_working_days(date(2016, 6, 15), date(2016, 6, 8), 3)


def test_date_after_the_calendar_data_raises_calendar_error_naming_the_range():
    first, last = calendar_years()
    with pytest.raises(CalendarError) as raised:
        add_working_days(date(last + 1, 1, 2), 1)
    assert f"{last + 1}-01-03" in str(raised.value)
    assert f"{first} to {last}" in str(raised.value)


def test_date_before_the_calendar_data_raises_calendar_error():
    first, _ = calendar_years()
    with pytest.raises(CalendarError):
        is_working_day(date(first - 1, 6, 1))
