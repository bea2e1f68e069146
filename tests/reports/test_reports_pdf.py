"""The PDF printed by Chromium reads back as Chinese text, numbered and on A4."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from reports.pdf import destination_pages
from reports.pdf_text import remap_cmap

HEADINGS = [
    "一、总体情况",
    "二、分类排名",
    "三、指标达标情况",
    "四、典型问题",
    "五、整改变化情况",
    "六、单位评分卡",
    "附录",
    "评估方法与说明",
]


@pytest.fixture(scope="module")
def pdf(written_reports) -> PdfReader:
    """The printed report."""
    return PdfReader(written_reports["report.pdf"])


@pytest.fixture(scope="module")
def page_texts(pdf) -> list[str]:
    """The extracted text of each page (extraction is slow: done once)."""
    return [page.extract_text() for page in pdf.pages]


def test_pdf_text_holds_the_chinese_headings(page_texts):
    text = "".join(page_texts)

    for heading in HEADINGS:
        assert heading in text


def test_pdf_text_names_ideographs_rather_than_look_alike_radicals(page_texts):
    text = "".join(page_texts)

    assert "金水区人民政府" in text
    assert not [char for char in text if 0x2E80 <= ord(char) <= 0x2FDF]


def test_pdf_pages_are_a4_with_numbered_footers(pdf, page_texts):
    total = len(pdf.pages)

    for number, page in enumerate(pdf.pages, start=1):
        assert round(float(page.mediabox.width)) == 596
        assert round(float(page.mediabox.height)) == 843
        assert f"第 {number} 页 / 共 {total} 页" in page_texts[number - 1]


def test_table_of_contents_gives_the_page_each_section_starts_on(pdf, page_texts):
    pages = {
        str(name).lstrip("/"): pdf.get_destination_page_number(destination) + 1
        for name, destination in pdf.named_destinations.items()
    }
    toc = page_texts[1]

    for section, heading in (
        ("summary", "总体情况"),
        ("methodology", "评估方法与说明"),
    ):
        page = pages[section]
        assert re.search(rf"{heading}\s*{page}\b", toc)
        assert heading in page_texts[page - 1]


def test_cover_page_reads_back_as_chinese_text(page_texts):
    first = page_texts[0]

    assert "评估机构" in first and "郑州市政务公开评估课题组" in first
    assert "\ufffd" not in first


def test_destination_pages_reads_nothing_from_a_broken_pdf():
    assert destination_pages(b"%PDF-1.4 not really") == {}


def test_text_map_rewrite_replaces_radicals_in_chars_and_ranges():
    cmap = (
        b"2 beginbfchar\n<43> <2F00>\n<44> <4E03>\nendbfchar\n"
        b"1 beginbfrange\n<0C> <0D> <2F08>\nendbfrange\nendcmap"
    )

    rewritten, count = remap_cmap(cmap, {0x2F00: 0x4E00, 0x2F08: 0x4EBA})

    assert count == 2
    assert b"<43> <4E00>" in rewritten and b"<44> <4E03>" in rewritten
    assert b"<0C> <4EBA>" in rewritten and b"<0D> <2F09>" in rewritten
    assert b"beginbfrange" not in rewritten


def test_pdf_keeps_a_bookmark_for_each_section(pdf):
    def titles(outline) -> list[str]:
        found = []
        for entry in outline:
            found += titles(entry) if isinstance(entry, list) else [entry.title]
        return found

    bookmarks = titles(pdf.outline)
    assert "一、总体情况" in bookmarks and "六、单位评分卡" in bookmarks
