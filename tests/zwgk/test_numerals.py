import pytest

from zwgk.numerals import chinese_digits, chinese_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("六", 6),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("三十一", 31),
        ("二〇一六", 2016),
        ("二O一六", 2016),
        ("二零一六", 2016),
    ],
)
def test_chinese_numerals_read_as_numbers(text, value):
    assert chinese_number(text) == value


@pytest.mark.parametrize("text", ["", "十十", "二十X", "年"])
def test_text_that_is_not_a_numeral_reads_as_none(text):
    assert chinese_number(text) is None


def test_a_run_of_digits_keeps_its_leading_zeros():
    assert chinese_digits("〇一") == "01"
    assert chinese_digits("一a") is None
