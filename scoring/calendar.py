"""Working days by the State Council holiday schedule.

Statutory holidays are off and make-up days (调休) are on, as `chinese_calendar`
records them. "Within N working days after D" means on or before the N-th
working day after D, D itself not counted: for 2016-06-08 the 3rd working day
after is 2016-06-14, since 06-09 to 06-11 are the Dragon Boat holiday and
Sunday 06-12 is a make-up working day.

The holiday data covers a fixed range of years; a date outside it raises
`CalendarError` instead of guessing from weekdays.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar

from zwgk.errors import CalendarError


def calendar_years() -> tuple[int, int]:
    """Return the first and last year the holiday data covers."""
    known = list(chinese_calendar.holidays) + list(chinese_calendar.workdays)
    return min(known).year, max(known).year


@lru_cache(maxsize=8192)
def is_working_day(day: date) -> bool:
    """Return whether `day` is a working day (make-up days count, holidays don't)."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError as exc:
        first, last = calendar_years()
        raise CalendarError(
            f"Cannot tell whether {day.isoformat()} is a working day: the holiday "
            f"calendar covers {first} to {last} only; upgrade the chinesecalendar "
            f"package or check the date"
        ) from exc


@lru_cache(maxsize=8192)
def add_working_days(start: date, count: int) -> date:
    """Return the `count`-th working day after `start` (`start` not counted).

    With `count` 0 the answer is `start` itself, so a same-day rule reads as
    "on or before D".
    """
    if count < 0:
        raise ValueError(f"count must be 0 or more, got {count}")
    day = start
    remaining = count
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def within_working_days(published: date, start: date, count: int) -> bool:
    """Return whether `published` is on or before the `count`-th working day after."""
    return published <= add_working_days(start, count)
