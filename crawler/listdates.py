"""Dates of list entries: which date a row shows, and the year of 06-17.

A list row shows its date as text beside the title link, sometimes inside the
link, often without the year. `DateContext` completes a year-less date from the
entry URL's stamp (t20160617_...), else from the year the page's other dates
show, else from today.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from crawler.dates import complete_year, find_dates, url_stamp_date, url_year

# Brackets and spaces around a date or a title in a list row.
BRACKETS = "[]【】()（）<>《》「」 "
# A date shown as a day and a year-month in separate boxes: "17 2016-06",
# "2016.06 17", "2016年06月 17日"; inline boxes leave no space between them.
_SPLIT_DATE = re.compile(
    r"^(?:(?P<d1>\d{1,2})日?\s*(?P<y1>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m1>\d{1,2})月?"
    r"|(?P<y2>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m2>\d{2}|\d)月?\s*(?P<d2>\d{1,2})日?)$"
)


@dataclass(frozen=True)
class DateContext:
    """What completes a year-less list date: the entry URL's stamp or a year."""

    year: int | None
    stamp: date | None

    @classmethod
    def for_url(cls, url: str, page_year: int | None) -> DateContext:
        """Return the context of an entry linking `url` on a page of `page_year`."""
        stamp = url_stamp_date(url)
        return cls(stamp.year if stamp else url_year(url) or page_year, stamp)

    def complete(self, found) -> date:
        """Return a found date, its year completed when the text left it out."""
        if found.has_year:
            return found.value
        if self.stamp:
            return complete_year(found.value, self.stamp)
        if self.year:
            return found.value
        return complete_year(found.value, today())


def last_date(text: str, context: DateContext) -> date | None:
    """Return the last date of `text`, preferring dates written with their year.

    A row that shows nothing but a date split in two (a large 17 over
    2016-06, or 2016-06 beside 17) gives that date too.
    """
    if not text:
        return None
    found = find_dates(text, default_year=context.year or today().year)
    full = [item for item in found if item.has_year]
    if full:
        return full[-1].value
    if found:
        return context.complete(found[-1])
    return split_date(text)


def split_date(text: str) -> date | None:
    """Return the date of a text that is only a day and a year-month, in either order."""
    match = _SPLIT_DATE.match(" ".join(text.split()).strip(BRACKETS))
    if not match:
        return None
    parts = match.groupdict()
    year, month, day = (
        int(parts[f"{name}1"] or parts[f"{name}2"]) for name in ("y", "m", "d")
    )
    try:
        return date(year, month, day)
    except ValueError:
        return None


def edge_date(text: str, context: DateContext) -> date | None:
    """Return the date `text` ends with (a title link that carries its date)."""
    found = find_dates(text, default_year=context.year or today().year)
    if not found or text[found[-1].end :].strip(BRACKETS):
        return None
    return context.complete(found[-1])


def strip_date(title: str) -> str:
    """Return `title` without the date it ends with."""
    found = find_dates(title, default_year=2000)
    if not found or title[found[-1].end :].strip(BRACKETS):
        return title
    return title[: found[-1].start].rstrip(BRACKETS + "-—·|")


def today() -> date:
    """Return today's date (a seam for tests of year-less dates)."""
    return date.today()
