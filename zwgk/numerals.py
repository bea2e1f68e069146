"""Chinese numerals as dates and titles write them: 二〇一六年六月十七日.

Shared by the crawler (dates on pages) and the scoring (years in titles), so
both stages read 二O一六 and 二〇一六 alike.
"""

from __future__ import annotations

# Zero is written 〇, 零, ○, and by mistake with a full-width or Latin O.
CHINESE_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def chinese_digits(text: str) -> str | None:
    """Return a run of Chinese digits as ASCII digits (二〇一六 -> 2016), or None."""
    digits = [CHINESE_DIGITS.get(char) for char in text]
    if not digits or None in digits:
        return None
    return "".join(str(digit) for digit in digits)


def chinese_number(text: str) -> int | None:
    """Return the value of 六, 十, 十二, 二十八 or 二〇一六, or None if not a numeral."""
    if "十" not in text:
        digits = chinese_digits(text)
        return int(digits) if digits else None
    tens, _, units = text.partition("十")
    tens_value = CHINESE_DIGITS.get(tens) if tens else 1
    units_value = CHINESE_DIGITS.get(units) if units else 0
    if tens_value is None or units_value is None:
        return None
    return tens_value * 10 + units_value
