"""Text helpers the rules share: normalising titles, matching keywords, dates.

Portals write the same thing many ways: full-width digits and letters, spaces
padding two-character names, years in Chinese numerals (二〇一六年), and
brackets of several shapes around a 文号. Rules compare normalised text so that
an indicator file lists each keyword once.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

from zwgk.numerals import chinese_digits, chinese_number

_SPACE = re.compile(r"\s+")
# Quotation marks around a term (“三公”经费) are dropped before matching.
_QUOTES = str.maketrans("", "", "“”‘’\"'「」『』")
_CHINESE_YEAR = re.compile("([〇○零一二三四五六七八九]{4})年")
_DOC_NO_BRACKETS = str.maketrans(
    {"[": "〔", "]": "〕", "［": "〔", "］": "〕", "【": "〔", "】": "〕"}
)
_DATE = re.compile(r"(\d{4})\s*[年/\-.]\s*(\d{1,2})\s*[月/\-.]\s*(\d{1,2})")
_CHINESE_DATE = re.compile(
    "([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月"
    "([一二三四五六七八九十]{1,3})日"
)


def normalize_text(text: str | None) -> str:
    """Return `text` with NFKC folding, no whitespace and Chinese-numeral years."""
    if not text:
        return ""
    if len(text) <= _CACHED_LENGTH:
        return _normalize_short(text)
    return _normalize(text)


# Titles, names and keywords are normalised again and again by every rule;
# long page texts are not kept.
_CACHED_LENGTH = 300


@lru_cache(maxsize=1 << 16)
def _normalize_short(text: str) -> str:
    return _normalize(text)


def _normalize(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    folded = _SPACE.sub("", folded).translate(_QUOTES)
    return _CHINESE_YEAR.sub(_chinese_year_to_digits, folded)


def _chinese_year_to_digits(match: re.Match) -> str:
    return f"{chinese_digits(match.group(1))}年"


def normalize_doc_no(doc_no: str | None) -> str:
    """Return a 文号 with one bracket shape, so 〔2016〕 and [2016] compare equal."""
    text = normalize_text(doc_no)
    return text.translate(_DOC_NO_BRACKETS).replace("(", "〔").replace(")", "〕")


def contains_any(text: str, keywords: list[str]) -> str | None:
    """Return the first keyword found in normalised `text`, or None."""
    for keyword in keywords:
        if normalize_text(keyword) in text:
            return keyword
    return None


def title_matches(
    title: str,
    all_of: list[str],
    any_of: list[str],
    none_of: list[str] | None = None,
) -> bool:
    """Return whether a normalised title holds every `all_of`, one `any_of`, no `none_of`.

    An empty `any_of` asks for nothing.
    """
    if any(normalize_text(word) not in title for word in all_of):
        return False
    if any_of and contains_any(title, any_of) is None:
        return False
    return not (none_of and contains_any(title, none_of) is not None)


def parse_date(text: str | None) -> date | None:
    """Return the first date written in `text` (2016-06-08, 2016年6月8日, ...)."""
    if not text:
        return None
    folded = unicodedata.normalize("NFKC", text)
    for match in _DATE.finditer(folded):
        found = _safe_date(*(int(part) for part in match.groups()))
        if found:
            return found
    match = _CHINESE_DATE.search(folded)
    if match:
        year, month, day = (chinese_number(part) for part in match.groups())
        return _safe_date(year, month, day)
    return None


def _safe_date(year: int | None, month: int | None, day: int | None) -> date | None:
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def normalize_label(label: str) -> str:
    """Return a field label without spaces, colons and trailing punctuation."""
    return normalize_text(label).strip(":：*＊ ")


def quote(text: str | None, limit: int = 120) -> str:
    """Return `text` on one line, cut to `limit` characters with an ellipsis."""
    if not text:
        return ""
    line = _SPACE.sub(" ", text).strip()
    return line if len(line) <= limit else line[: limit - 1] + "…"
