"""Disclosure metadata: title, dates, 索引号, 文号 and issuing body.

Government disclosure pages show a header table (信息公开 table) of labelled
values: 索引号, 发布机构 or 发文机关, 成文日期, 标题, 发文字号, 发布日期. It comes as
``<table>`` rows of label and value cells, as ``<li>`` items with the value in
``<font>`` or as plain text, or as label and value ``<span>``s. The steps:

1. Find every labelled value: a text that starts with a known label (spaces
   inside the label allowed, as in 索&ensp;引&ensp;号) followed by its value in
   the same element, in the following siblings, or in the next cell.
2. Keep as the *table* the labelled values that sit within a few levels of a
   second, different label: a lone "文号：" in a body paragraph is not a table.
   文号, 索引号, 发布机构 and 成文日期 are read from the table only; the 来源 line,
   the ContentSource and Author meta tags and the body's signature never
   count as the issuing body.
3. The publication date comes from the table, else the PubDate meta tag,
   else a labelled date line (发布时间：…) outside lists, else the 成文日期.
4. The title comes from the table, else the ArticleTitle meta tag, else the
   article heading. The HTML ``<title>`` is only used to pick among headings,
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
    FOOTER,
    HEADER,
    NAV,
    NAVIGATION,
    TEMPLATE,
    Page,
    clean,
    inline_text,
)

FIELD_LABELS = {
    "index_no": ("索引号", "索引码", "信息索引号"),
    "doc_no": ("发文字号", "文号", "发文文号", "文件编号", "发文号"),
    "publisher": (
        "发布机构",
        "发文机关",
        "发文单位",
        "发布单位",
        "发文机构",
        "制发机关",
        "发布部门",
    ),
    "written": ("成文日期", "成文时间", "生成日期", "形成日期", "印发日期", "签发日期"),
    "published": (
        "发布日期",
        "发布时间",
        "公开日期",
        "公开时间",
        "发表日期",
        "发表时间",
        "发稿时间",
        "上网时间",
        "公示日期",
        "公示时间",
    ),
    "title": ("标题", "名称", "信息名称", "文件名称", "题名", "文章标题"),
    # A bare 时间/日期 line beside the title: a publication date shown as text.
    "date": ("时间", "日期"),
    "other": (
        "主题分类",
        "有效性",
        "体裁分类",
        "公开方式",
        "公开范围",
        "公开形式",
        "组配分类",
        "主题词",
        "关键词",
        "效力状态",
        "时效性",
        "所属主题",
        "服务对象",
        "信息分类",
        "废止日期",
        "实施日期",
        "有效期",
        "所属机构",
        "内容概述",
    ),
}
# Labels that end a value written on the same line ("发布时间：… 来源：…").
_BOUNDARY_LABELS = (
    "来源",
    "信息来源",
    "文章来源",
    "作者",
    "浏览次数",
    "浏览量",
    "点击数",
    "点击量",
    "点击率",
    "阅读次数",
    "阅读数",
    "访问量",
    "访问次数",
    "字号",
    "字体",
    "打印",
    "关闭",
    "责任编辑",
    "编辑",
    "审核",
    "分享到",
)
_LABEL_FIELD = {
    label: name for name, labels in FIELD_LABELS.items() for label in labels
}
_MAX_VALUE_CHARS = 300
_TABLE_LEVELS = 4
# Share of a table block's text that its labels and values make up.
_TABLE_DENSITY = 0.4
_NONE_VALUES = {"无", "暂无", "空", "/", "-", "—", "--", "——", "null", "none", "n/a"}

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
_DOC_NO_SHAPE = re.compile(r"\d")
_INDEX_NO_SHAPE = re.compile(r"^[0-9A-Za-z\u4e00-\u9fff][0-9A-Za-z\-_/.·— ]{3,79}$")


def _label_pattern(labels) -> str:
    ordered = sorted(labels, key=len, reverse=True)
    return "|".join(r"\s*".join(re.escape(char) for char in label) for label in ordered)


_ALL_LABELS = tuple(_LABEL_FIELD) + _BOUNDARY_LABELS
_LEADING_LABEL = re.compile(rf"^\s*({_label_pattern(_LABEL_FIELD)})\s*([:：])?\s*")
_ANY_LEADING_LABEL = re.compile(rf"^\s*(?:{_label_pattern(_ALL_LABELS)})\s*[:：]")
_INLINE_BOUNDARY = re.compile(rf"\s*(?:{_label_pattern(_ALL_LABELS)})\s*[:：]")
_WHITESPACE = re.compile(r"\s+")
# Labels distinctive enough to start a new value even when written right
# after the previous one ("2016-06-20来源：…"); 时间, 名称 and the like are not.
KNOWN_LABEL = re.compile(
    rf"(?:{_label_pattern(label for label in _ALL_LABELS if len(label) > 2 or label in _BOUNDARY_LABELS)})\s*[:：]"
)
_TIME = re.compile(r"\d{1,2}\s*[:：时]\s*\d{1,2}(?:\s*[:：分]\s*\d{1,2}秒?)?分?")


@dataclass
class LabelledValue:
    """A value shown beside a label, and the element that holds the label."""

    field: str
    label: str
    value: str
    holder: object
    tabular: bool = False


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
    # The elements holding the table's labels (not part of the article body).
    table_elements: set = field(default_factory=set)


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


def find_labelled_values(page: Page, excluded_rows: set) -> list[LabelledValue]:
    """Return every labelled metadata value of the page, marking table ones."""
    skipped = NAV | FOOTER | HEADER | TEMPLATE
    found = []
    for element in page.elements:
        if page.flag(element) & skipped or element.tag in ("script", "style"):
            continue
        if excluded_rows and _inside(element, excluded_rows):
            continue
        found.extend(_values_in(element))
    _mark_tabular(found)
    return found


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
    table = [value for value in values if value.tabular]
    result = Metadata()

    # 1. Fields read from the table only.
    result.index_no = _first(table, "index_no", _valid_index_no)
    result.doc_no = _first(table, "doc_no", _valid_doc_no)
    result.publisher = _first(table, "publisher", _valid_publisher)
    written = _first(table, "written", parse_date)
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
        _first(table, "title", _valid_title)
        or _meta_value(meta, _META_TITLE_KEYS, _valid_title)
        or (inline_text(heading) if heading is not None else None)
    )
    below_heading = heading_date(heading) if heading is not None else None
    if result.published is None and below_heading:
        result.published, result.published_source = parse_date(below_heading), "text"
    evidence = {
        "table": bool(table),
        "meta": bool(meta_date or _meta_value(meta, _META_TITLE_KEYS, _valid_title)),
        "text": bool(text_date),
        "heading_date": bool(below_heading),
    }
    result.marks = {name for name, shown in evidence.items() if shown}
    result.table_elements = {value.holder for value in table}
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
        if not 4 <= len(text) <= 200 or not _valid_title(text):
            continue
        if excluded_rows and _inside(element, excluded_rows):
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


def _values_in(element) -> list[LabelledValue]:
    found = []
    segments = [(element.text, 0)] + [
        (child.tail, index + 1) for index, child in enumerate(element)
    ]
    for segment, start in segments:
        if not segment or not segment.strip():
            continue
        match = _LEADING_LABEL.match(segment)
        if not match:
            continue
        label = _WHITESPACE.sub("", match.group(1))
        rest = segment[match.end() :]
        value = _value_after(element, rest, start)
        if not match.group(2) and (rest.strip() or _has_text_after(element, start)):
            # Without a colon the label must stand alone ("标题" in a cell).
            continue
        if not value:
            if rest.strip() or start:
                continue
            value = _sibling_value(element)
        value = clean(value)
        if not value or len(value) > _MAX_VALUE_CHARS:
            continue
        field_name = _LABEL_FIELD[label]
        if field_name == "date" and not _is_date_only(value):
            continue
        if (
            _ANY_LEADING_LABEL.match(value)
            or _WHITESPACE.sub("", value) in _LABEL_FIELD
        ):
            continue
        found.append(LabelledValue(field_name, label, value, element))
    return found


def _value_after(element, rest: str, start: int) -> str:
    parts = [rest]
    children = list(element)
    for child in children[start:]:
        if not isinstance(child.tag, str):
            if child.tail:
                if _ANY_LEADING_LABEL.match(child.tail):
                    break
                parts.append(child.tail)
            continue
        text = inline_text(child)
        if _ANY_LEADING_LABEL.match(text):
            break
        parts.append(" " + text + " ")
        if child.tail:
            if _ANY_LEADING_LABEL.match(child.tail):
                break
            parts.append(child.tail)
    value = "".join(parts)
    boundary = _INLINE_BOUNDARY.search(value)
    if boundary:
        value = value[: boundary.start()]
    return value.strip()


def _has_text_after(element, start: int) -> bool:
    return any(inline_text(child) for child in list(element)[start:])


def _sibling_value(element) -> str:
    holder = element
    for _ in range(3):
        sibling = holder.getnext()
        while sibling is not None and not isinstance(sibling.tag, str):
            sibling = sibling.getnext()
        if sibling is not None:
            return inline_text(sibling)
        parent = holder.getparent()
        if parent is None or clean(parent.text_content()) != clean(
            holder.text_content()
        ):
            return ""
        holder = parent
    return ""


def _mark_tabular(values: list[LabelledValue]) -> None:
    """Mark the values that form a table: a block with two different labels
    whose text is mostly those labels and values (not an article that happens
    to hold a dated line and a labelled paragraph)."""
    labels_by_block: dict = {}
    covered: dict = {}
    chains = []
    for value in values:
        chain = []
        node = value.holder
        for _ in range(_TABLE_LEVELS + 1):
            if node is None:
                break
            chain.append(node)
            if value.field != "date":
                labels_by_block.setdefault(node, set()).add(value.label)
            covered[node] = covered.get(node, 0) + len(value.label) + len(value.value)
            node = node.getparent()
        chains.append(chain)
    dense: dict = {}
    for value, chain in zip(values, chains, strict=True):
        for node in chain:
            if len(labels_by_block.get(node, ())) < 2:
                continue
            if node not in dense:
                total = len(_WHITESPACE.sub("", node.text_content()))
                dense[node] = covered[node] >= _TABLE_DENSITY * total
            if dense[node]:
                value.tabular = True
                break


def _first(values, fields, check) -> str | None:
    fields = (fields,) if isinstance(fields, str) else fields
    for value in values:
        if value.field in fields and value.value.lower() not in _NONE_VALUES:
            if check(value.value):
                return value.value
    return None


def _meta_value(meta: dict[str, str], keys, check) -> str | None:
    for key in keys:
        value = meta.get(key)
        if value and check(value):
            return value
    return None


def _inside(element, rows: set) -> bool:
    node = element
    while node is not None:
        if node in rows:
            return True
        node = node.getparent()
    return False


def _is_date_only(value: str) -> bool:
    found = find_dates(value)
    if not found:
        return False
    rest = value[: found[0].start] + value[found[0].end :]
    return not _TIME.sub("", rest).strip()


def _valid_index_no(value: str) -> bool:
    return bool(_INDEX_NO_SHAPE.match(value)) and sum(c.isdigit() for c in value) >= 4


def _valid_doc_no(value: str) -> bool:
    if len(value) > 60 or not _DOC_NO_SHAPE.search(value):
        return False
    return "号" in value or bool(re.search(r"[〔\[［【(（]\s*(?:19|20)\d{2}", value))


def _valid_publisher(value: str) -> bool:
    if not 2 <= len(value) <= 60 or any(mark in value for mark in "。；;"):
        return False
    if parse_date(value):
        return False
    return any("\u4e00" <= char <= "\u9fff" for char in value)


def _valid_title(value: str) -> bool:
    value = value.strip()
    if not 2 <= len(value) <= _MAX_VALUE_CHARS:
        return False
    return _WHITESPACE.sub("", value) not in _LABEL_FIELD
