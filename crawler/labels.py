"""Labelled values: a label such as 索引号 or 发布日期 and the value beside it.

Disclosure pages show their metadata as labelled values in many shapes:
``<table>`` rows of label and value cells, ``<li>`` items with the value in
``<font>`` or as plain text, label and value ``<span>``s, ``<dt>``/``<dd>``
pairs, or one line holding several values ("发布时间：… 来源：…"). A label may
have spaces inside it (索&ensp;引&ensp;号). `find_labelled_values` finds them
all and marks those that form a table: a block with two different labels
whose text is mostly those labels and values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.dates import find_dates, parse_date
from crawler.dom import FOOTER, HEADER, NAV, TEMPLATE, Page, clean, inline_text

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
LABEL_FIELD = {label: name for name, labels in FIELD_LABELS.items() for label in labels}
MAX_VALUE_CHARS = 300
_TABLE_LEVELS = 4
# Share of a table block's text that its labels and values make up.
_TABLE_DENSITY = 0.4


def _label_pattern(labels) -> str:
    ordered = sorted(labels, key=len, reverse=True)
    return "|".join(r"\s*".join(re.escape(char) for char in label) for label in ordered)


_ALL_LABELS = tuple(LABEL_FIELD) + _BOUNDARY_LABELS
_LEADING_LABEL = re.compile(rf"^\s*({_label_pattern(LABEL_FIELD)})\s*([:：])?\s*")
_ANY_LEADING_LABEL = re.compile(rf"^\s*(?:{_label_pattern(_ALL_LABELS)})\s*[:：]")
_INLINE_BOUNDARY = re.compile(rf"\s*(?:{_label_pattern(_ALL_LABELS)})\s*[:：]")
_NONE_VALUES = {"无", "暂无", "空", "/", "-", "—", "--", "——", "null", "none", "n/a"}
_DOC_NO_SHAPE = re.compile(r"\d")
_INDEX_NO_SHAPE = re.compile(r"^[0-9A-Za-z\u4e00-\u9fff][0-9A-Za-z\-_/.·— ]{3,79}$")
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


def find_labelled_values(page: Page, excluded_rows: set) -> list[LabelledValue]:
    """Return every labelled metadata value of the page, marking table ones."""
    skipped = NAV | FOOTER | HEADER | TEMPLATE
    found = []
    for element in page.elements:
        if page.flag(element) & skipped or element.tag in ("script", "style"):
            continue
        if excluded_rows and is_inside(element, excluded_rows):
            continue
        found.extend(_values_in(element))
    _mark_tabular(found)
    return found


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
        if not value or len(value) > MAX_VALUE_CHARS:
            continue
        field_name = LABEL_FIELD[label]
        if not valid_value(field_name, value):
            continue
        if _ANY_LEADING_LABEL.match(value) or _WHITESPACE.sub("", value) in LABEL_FIELD:
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
        parent = holder.getparent()
        if holder.tail and holder.tail.strip() and parent is not None:
            # <span>发文字号：</span>郑政〔2016〕1号: the value is the label's tail.
            return _value_after(parent, holder.tail, parent.index(holder) + 1)
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


def is_inside(element, rows: set) -> bool:
    """Tell whether an element is one of `rows` or inside one."""
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


def is_none_value(value: str) -> bool:
    """Tell whether a value says there is none (无, /, —)."""
    return value.strip().lower() in _NONE_VALUES


def valid_value(field_name: str, value: str) -> bool:
    """Tell whether a value fits its field: a 文号 shape, a date, a name."""
    if field_name == "doc_no":
        return is_none_value(value) or valid_doc_no(value)
    if field_name == "index_no":
        return is_none_value(value) or valid_index_no(value)
    if field_name == "publisher":
        return is_none_value(value) or valid_publisher(value)
    if field_name in ("written", "published"):
        return parse_date(value) is not None
    if field_name == "date":
        return _is_date_only(value)
    if field_name == "title":
        return valid_title(value)
    return True


def valid_index_no(value: str) -> bool:
    """Tell whether a value has the shape of a 索引号."""
    return bool(_INDEX_NO_SHAPE.match(value)) and sum(c.isdigit() for c in value) >= 4


def valid_doc_no(value: str) -> bool:
    """Tell whether a value has the shape of a 文号 (…〔2016〕41号)."""
    if len(value) > 60 or not _DOC_NO_SHAPE.search(value):
        return False
    return "号" in value or bool(re.search(r"[〔\[［【(（]\s*(?:19|20)\d{2}", value))


def valid_publisher(value: str) -> bool:
    """Tell whether a value reads as the name of an issuing body."""
    if not 2 <= len(value) <= 60 or any(mark in value for mark in "。；;"):
        return False
    if parse_date(value):
        return False
    return any("\u4e00" <= char <= "\u9fff" for char in value)


def valid_title(value: str) -> bool:
    """Tell whether a value reads as a title (not a label, not a paragraph)."""
    value = value.strip()
    if not 2 <= len(value) <= MAX_VALUE_CHARS:
        return False
    return _WHITESPACE.sub("", value) not in LABEL_FIELD
