"""Disclosure metadata: title, dates, 索引号, 文号 and issuing body.

The steps of `read_metadata`:

1. Find every labelled value (`crawler.labels`): 索引号, 发布机构 or 发文机关,
   成文日期, 标题, 发文字号, 发布日期 and their variants, in whatever shape the
   header table takes.
2. 文号, 索引号, 发布机构 and 成文日期 are read from the table, or from a short
   labelled line outside the article body ("发文字号：…" under the heading).
   The same words inside the body (a quoted 文号, a guide explaining the
   words) never count, and neither do the 来源 line, the ContentSource and
   Author meta tags or the body's signature.
3. The publication date comes from the table, else the PubDate meta tag,
   else a labelled date line (发布时间：…) outside lists, else an unlabelled
   date under the heading, else the 成文日期 (source "written").
4. The title comes from the table, else the ArticleTitle meta tag, else the
   article heading. The HTML ``<title>`` only helps to pick among headings,
   since it usually holds the column and site names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from crawler.dates import find_dates, parse_date
from crawler.dom import (
    ARTICLE,
    CONDITIONAL,
    NAVIGATION,
    TEMPLATE,
    Page,
    clean,
    find_content_root,
    inline_text,
)
from crawler.labels import (
    LabelledValue,
    find_labelled_values,
    is_inside,
    is_none_value,
    valid_doc_no,
    valid_index_no,
    valid_publisher,
    valid_title,
)

# A labelled line under the heading is short: a label, a value and perhaps
# one or two more labelled values.
_MAX_LINE_CHARS = 120
_WHITESPACE = re.compile(r"\s+")

_META_TITLE_KEYS = ("articletitle", "dc.title", "dcterms.title")
_META_DATE_KEYS = (
    "pubdate",
    "publishdate",
    "publish_date",
    "publishtime",
    "publish_time",
    "pubtime",
    "article:published_time",
    "firstpublishedtime",
    "releasedate",
    "dc.date",
    "dcterms.issued",
    "dc.date.issued",
)
_HEADING_TOKENS = {
    "title",
    "tit",
    "biaoti",
    "bt",
    "headline",
    "articletitle",
    "arttitle",
    "newstitle",
}
_HEADING_TAGS = {"h1": 3, "h2": 2, "h3": 1}
# Titles run longer than column names (通知公告, 政务公开).
_LONG_HEADING = 10
_TITLE_SEPARATOR = re.compile(r"\s*[_|｜—–]\s*|\s+-\s+")
_HEADING_DATE_LEVELS = 2
_HEADING_DATE_SIBLINGS = 3
_HEADING_DATE_CHARS = 120


@dataclass
class Metadata:
    """The disclosure metadata of one page."""

    title: str | None = None
    published: date | None = None
    published_source: str | None = None
    written: date | None = None
    index_no: str | None = None
    doc_no: str | None = None
    publisher: str | None = None
    # What shows the page is a disclosure: table, meta, text, heading_date.
    marks: set[str] = field(default_factory=set)
    # The article body (None when the page has no block of paragraphs).
    content: object = None


def read_meta_tags(page: Page) -> dict[str, str]:
    """Return the page's meta tags as lower-cased name → content."""
    meta = {}
    for element in page.root.iter("meta"):
        name = element.get("name") or element.get("property")
        name = name or element.get("http-equiv")
        content = element.get("content")
        if name and content is not None:
            meta.setdefault(name.strip().lower(), clean(content))
    return meta


def read_metadata(
    page: Page,
    meta: dict[str, str],
    excluded_rows: set,
    html_title: str,
    column_names: set[str] = frozenset(),
) -> Metadata:
    """Return the disclosure metadata the page shows (see the module docstring).

    `column_names` (the breadcrumb's names, the ColumnName meta tag) are never
    taken for the article heading.
    """
    values = find_labelled_values(page, excluded_rows)
    result = Metadata(content=find_content_root(page, {v.holder for v in values}))
    table = [value for value in values if value.tabular]
    lines = table + [
        value
        for value in values
        if not value.tabular and _is_metadata_line(value, result.content)
    ]

    # 1. Fields read from the table (or labelled lines outside the body) only.
    result.index_no = _first(lines, "index_no", valid_index_no)
    result.doc_no = _first(lines, "doc_no", valid_doc_no)
    result.publisher = _first(lines, "publisher", valid_publisher)
    written = _first(lines, "written", parse_date)
    result.written = parse_date(written) if written else None

    # 2. The publication date and where it came from.
    published = _first(table, "published", parse_date)
    text_date = _first(
        [value for value in values if not value.tabular],
        ("published", "date"),
        parse_date,
    )
    meta_date = _meta_value(meta, _META_DATE_KEYS, parse_date)
    if published:
        result.published, result.published_source = parse_date(published), "table"
    elif meta_date:
        result.published, result.published_source = parse_date(meta_date), "meta"
    elif text_date:
        result.published, result.published_source = parse_date(text_date), "text"
    elif result.written:
        result.published, result.published_source = result.written, "written"

    # 3. The title, and a date shown under the heading when nothing else gave one.
    heading = find_heading(page, excluded_rows, html_title, column_names)
    result.title = (
        _first(table, "title", valid_title)
        or _meta_value(meta, _META_TITLE_KEYS, valid_title)
        or (inline_text(heading) if heading is not None else None)
    )
    below_heading = heading_date(heading) if heading is not None else None
    if result.published is None and below_heading:
        result.published, result.published_source = parse_date(below_heading), "text"
    evidence = {
        "table": bool(table),
        "meta": bool(meta_date or _meta_value(meta, _META_TITLE_KEYS, valid_title)),
        "text": bool(text_date),
        "heading_date": bool(below_heading),
    }
    result.marks = {name for name, shown in evidence.items() if shown}
    return result


def find_heading(
    page: Page,
    excluded_rows: set,
    html_title: str,
    column_names: set[str] = frozenset(),
):
    """Return the article heading element: the best-placed heading-like element.

    Headings score by tag (h1 over h3), class (title, biaoti), place (inside
    the article) and length; one that opens the HTML title scores most, since
    TRS-style titles read "heading_column_site". Column names never count.
    """
    skipped = NAVIGATION | TEMPLATE | CONDITIONAL
    html_title_plain = _WHITESPACE.sub("", html_title)
    html_title_head = _WHITESPACE.sub("", _TITLE_SEPARATOR.split(html_title)[0])
    columns = {_WHITESPACE.sub("", name) for name in column_names}
    best, best_score = None, 0
    for element in page.elements:
        if page.flag(element) & skipped:
            continue
        score = _HEADING_TAGS.get(element.tag, 0)
        if page.tokens(element) & _HEADING_TOKENS:
            score += 2
        if not score or element.find(".//a") is not None:
            continue
        text = page.text_of(element)
        if not 4 <= len(text) <= 200 or not valid_title(text):
            continue
        if excluded_rows and is_inside(element, excluded_rows):
            continue
        plain = _WHITESPACE.sub("", text)
        if plain in columns:
            continue
        if html_title_head and plain == html_title_head:
            score += 3
        elif html_title_plain and plain in html_title_plain:
            score += 1
        if len(plain) >= _LONG_HEADING:
            score += 1
        if page.flag(element) & ARTICLE:
            score += 1
        if score > best_score:
            best, best_score = element, score
    return best


def heading_date(heading) -> str | None:
    """Return the text of an unlabelled date shown just below or beside a heading."""
    node = heading
    for _ in range(_HEADING_DATE_LEVELS):
        sibling = node.getnext()
        steps = 0
        while sibling is not None and steps < _HEADING_DATE_SIBLINGS:
            if isinstance(sibling.tag, str) and sibling.find(".//a") is None:
                text = inline_text(sibling)
                if text and len(text) <= _HEADING_DATE_CHARS:
                    found = find_dates(text)
                    if found:
                        return text[found[0].start : found[0].end]
            sibling = sibling.getnext()
            steps += 1
        node = node.getparent()
        if node is None:
            break
    return None


def _is_metadata_line(value: LabelledValue, content) -> bool:
    """Tell whether a lone labelled value is a line under the heading, not body.

    "发文字号：…" on its own line beside the 发布时间 line is metadata; the same
    words inside the article body (a quoted 文号, a guide explaining the
    words) are not.
    """
    if value.field in ("date", "other"):
        return False
    if len(_WHITESPACE.sub("", value.holder.text_content())) > _MAX_LINE_CHARS:
        return False
    return content is None or not is_inside(value.holder, {content})


def _first(values, fields, check) -> str | None:
    fields = (fields,) if isinstance(fields, str) else fields
    for value in values:
        if value.field in fields and not is_none_value(value.value):
            if check(value.value):
                return value.value
    return None


def _meta_value(meta: dict[str, str], keys, check) -> str | None:
    for key in keys:
        value = meta.get(key)
        if value and check(value):
            return value
    return None
