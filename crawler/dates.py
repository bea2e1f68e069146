"""Dates as Chinese government portals write them.

Portals write the same day as 2016-06-17, 2016/06/17 09:30, 2016.06.17,
2016年6月17日, 二〇一六年六月十七日, or, in lists, without the year (06-17,
6月17日). Full-width digits are common. `parse_date` reads the first date of a
text; `find_dates` returns every date with its position so that callers can
tell a list entry's date from one inside its title.

URL stamps such as ``t20241021_94506.htm`` record when the page file was made,
not when the disclosure was published; only `url_year` reads them, and only to
complete year-less list dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from zwgk.numerals import chinese_number

EARLIEST_YEAR = 1949
LATEST_YEAR = 2100

# Translates full-width digits and separators to ASCII without the cost of
# NFKC on every call.
_WIDTH_TABLE = str.maketrans(
    {
        **{chr(0xFF10 + digit): str(digit) for digit in range(10)},
        "／": "/",
        "－": "-",
        "—": "-",
        "–": "-",
        "．": ".",
        "：": ":",
        "\u3000": " ",
        "\xa0": " ",
    }
)

_FULL_DATE = re.compile(
    r"(?<![\d.])((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*"
    r"(\d{1,2})(?!\d)(?:\s*日)?"
)
# 06-17, 6/17, 06.17 (two digits each, so that 1.5 is not read) or 6月17日.
_YEARLESS_DATE = re.compile(
    r"(?<![\d\-/.:])(?:(\d{1,2})[-/](\d{1,2})|(\d{2})\.(\d{2})"
    r"|(\d{1,2})\s*月\s*(\d{1,2})\s*日)(?![\d\-/.:])"
)
_COMPACT_DATE = re.compile(r"^\s*((?:19|20)\d{2})(\d{2})(\d{2})\s*$")

_CN = "〇零○ＯO一二三四五六七八九十"
_CHINESE_DATE = re.compile(
    rf"([{_CN}]{{4}})\s*年\s*([{_CN}]{{1,3}})\s*月\s*([{_CN}]{{1,3}})\s*日"
)

_URL_STAMP = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:[01]\d)(?:[0-3]\d)?(?!\d)")
_URL_DAY_STAMP = re.compile(
    r"(?<!\d)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)"
)
_URL_DATE_FOLDERS = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/")
_URL_YEAR_SEGMENT = re.compile(r"/((?:19|20)\d{2})(?=[/_-])")

# Portals' JSON APIs give times as epoch milliseconds in Beijing time.
_BEIJING = timezone(timedelta(hours=8))


@dataclass(frozen=True)
class FoundDate:
    """A date found in a text, with where it stands and whether a year was shown."""

    value: date
    start: int
    end: int
    has_year: bool = True


def normalise_digits(text: str) -> str:
    """Return the text with full-width digits and date separators made ASCII."""
    return text.translate(_WIDTH_TABLE)


def parse_date(text: str, *, default_year: int | None = None) -> date | None:
    """Return the first date written in the text, or None.

    A date without a year (06-17, 6月17日) takes `default_year`; without one it
    is not read. A bare eight-digit text (20160617) is read as a date too.
    """
    if not text:
        return None
    found = find_dates(text, default_year=default_year)
    if found:
        return found[0].value
    compact = _COMPACT_DATE.match(normalise_digits(text))
    if compact:
        return _make_date(*compact.groups())
    return None


def find_dates(
    text: str, *, default_year: int | None = None, yearless: bool = True
) -> list[FoundDate]:
    """Return every date in the text in reading order.

    Year-less dates are returned only when `yearless` is true and a
    `default_year` is given; they never overlap a full date.
    """
    if not text:
        return []
    plain = normalise_digits(text)
    found: list[FoundDate] = []
    for match in _FULL_DATE.finditer(plain):
        value = _make_date(*match.groups())
        if value:
            found.append(FoundDate(value, match.start(), match.end()))
    for match in _CHINESE_DATE.finditer(plain):
        value = _chinese_date(*match.groups())
        if value:
            found.append(FoundDate(value, match.start(), match.end()))
    if yearless and default_year is not None:
        found.extend(_yearless_dates(plain, default_year, found))
    found.sort(key=lambda item: item.start)
    return found


def has_yearless_date(text: str) -> bool:
    """Tell whether the text shows a month and day without a year."""
    return bool(_yearless_dates(normalise_digits(text), 2000, []))


def parse_timestamp(value: int | float) -> date | None:
    """Return the Beijing date of an epoch timestamp in seconds or milliseconds."""
    seconds = value / 1000 if value > 10**11 else value
    try:
        moment = datetime.fromtimestamp(seconds, tz=_BEIJING)
    except (OverflowError, OSError, ValueError):
        return None
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        return None
    return moment.date()


def url_year(url: str) -> int | None:
    """Return the year a URL's date stamp or date folder shows, or None.

    Used only to complete year-less list dates: the stamp tells when the file
    was made, which is the publication year in all but a few days a year.
    """
    path = url.split("?", 1)[0]
    segment = _URL_YEAR_SEGMENT.findall(path)
    if segment:
        return int(segment[-1])
    stamps = _URL_STAMP.findall(path)
    if stamps:
        return int(stamps[-1])
    return None


def url_stamp_date(url: str) -> date | None:
    """Return the day a URL's stamp (t20160617_1, /art/2016/6/17/) shows, or None.

    The stamp is when the page file was made; it only completes year-less
    list dates and is never a publication date.
    """
    path = url.split("?", 1)[0]
    folders = _URL_DATE_FOLDERS.findall(path)
    if folders:
        return _make_date(*folders[-1])
    stamps = _URL_DAY_STAMP.findall(path)
    if stamps:
        return _make_date(*stamps[-1])
    return None


def complete_year(month_day: date, reference: date) -> date:
    """Move a year-less date into the year that puts it at or before `reference`.

    A list entry dated 12-30 whose page was stamped on 2025-01-02 belongs to
    2024; one dated 01-02 stamped on 2025-01-05 belongs to 2025.
    """
    candidate = _replace_year(month_day, reference.year)
    if candidate and candidate > reference + timedelta(days=31):
        earlier = _replace_year(month_day, reference.year - 1)
        if earlier:
            return earlier
    return candidate or month_day


def _yearless_dates(
    plain: str, default_year: int, full: list[FoundDate]
) -> list[FoundDate]:
    taken = [(item.start, item.end) for item in full]
    found = []
    for match in _YEARLESS_DATE.finditer(plain):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        groups = [group for group in match.groups() if group is not None]
        value = _make_date(default_year, groups[0], groups[1])
        if value:
            found.append(FoundDate(value, match.start(), match.end(), has_year=False))
    return found


def _make_date(year, month, day) -> date | None:
    try:
        year, month, day = int(year), int(month), int(day)
    except (TypeError, ValueError):
        return None
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _replace_year(value: date, year: int) -> date | None:
    try:
        return value.replace(year=year)
    except ValueError:
        return None


def _chinese_date(year: str, month: str, day: str) -> date | None:
    values = [chinese_number(part) for part in (year, month, day)]
    if None in values:
        return None
    return _make_date(*values)
