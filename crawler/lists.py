"""List entries: the dated links of a column's list.

An entry is a link with a title and a date shown beside it. Starting from each
content link, the search climbs at most a few levels to the smallest block
that holds a date but no second title link: that block is the entry's row
(``<li>``, ``<tr>``, ``<dl>``). Rows whose position in the tree is spelled the
same (tags and classes of their ancestors) form one list; the longest list is
the page's main list. Links in navigation, breadcrumbs, the header and footer,
and unfilled script templates never count.

Hanweb's datastore lists keep their records as HTML inside CDATA sections of a
``<script type="text/xml">``; they are read from the raw text. JSON list
endpoints are read by `extract_json_list` (in `crawler.jsonlists`, offered
here too).
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass

from crawler.blocks import side_by_side_entries
from crawler.dates import url_year
from crawler.dom import (
    CONDITIONAL,
    NAVIGATION,
    TEMPLATE,
    Page,
    absolute_url,
    clean,
    inline_text,
    parse_fragment,
    render_text,
)
from crawler.facts import ListItem
from crawler.jsonlists import extract_json_list
from crawler.listdates import (
    BRACKETS,
    DateContext,
    edge_date,
    last_date,
    strip_date,
)

__all__ = [
    "Entry",
    "anchor_title",
    "datastore_entries",
    "extract_json_list",
    "find_empty_notice",
    "find_entries",
    "has_undated_list",
    "list_group_rows",
    "list_items",
    "main_list",
    "title_links",
]

logger = logging.getLogger(__name__)

MAX_ROW_CLIMB = 5
# A row holds a title, a date and perhaps a summary; a block with more text
# beside its one link is an article, not a list row.
MAX_ROW_CHARS = 300
# Minor links (department, tag) a row may carry beside its title link.
MAX_MINOR_LINKS = 2
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_ROW_TAGS = {"li", "tr", "dd", "dt", "p"}
# Document titles run longer than column names and menu entries; a list with
# no dates counts only when its titles (median) are at least this long.
_DOCUMENT_TITLE_MIN_CHARS = 10
_HEADING_WORDS = {"title", "tit", "lm", "lmname", "hd", "head", "bt", "column"}
_MAX_HEADING_CHARS = 30
_ELLIPSIS = ("…", "...", "..", "．．．", "。。。")
# Link texts that are controls, not titles.
_NON_TITLES = {
    "更多",
    "more",
    "详情",
    "详细",
    "查看",
    "查看详情",
    "下载",
    "原文",
    "解读",
    "图解",
    "附件",
    "pdf",
    "下一页",
    "上一页",
    "首页",
    "尾页",
    "末页",
    "下页",
    "上页",
}
_VOLATILE_CLASS = re.compile(
    r"^(odd|even|alt|on|active|current|cur|first|last|hover|selected|"
    r"clearfix|clear|fl|fr)$|\d"
)
_EMPTY_NOTICE = re.compile(
    r"暂无(?:相关)?(?:信息|数据|内容|记录|文章|资料|公告|文件)|没有(?:相关|找到)?"
    r"(?:记录|信息|数据|内容)|无(?:相关)?记录|查询结果为空"
)
_EMPTY_NOTICE_MAX_CHARS = 40
_DATASTORE_RECORD = re.compile(
    r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S | re.I
)


@dataclass
class Entry:
    """A list entry with the row it was read from and that row's list signature."""

    item: ListItem
    row: object
    signature: tuple


def find_entries(page: Page, default_year: int | None = None) -> list[Entry]:
    """Return every dated link of the page outside navigation and templates.

    A year-less list date takes the year of the entry's URL stamp, else
    `default_year` (the year the page's other dates show), else this year.
    """
    titled = title_links(page)
    counts = _title_link_counts(titled)
    page_year = url_year(page.url) or default_year
    # A row may link its page twice (picture and title): keep the longer title.
    by_row: dict = {}
    for anchor, (title, url) in titled.items():
        context = DateContext.for_url(url, page_year)
        entry = _entry_for(anchor, page.text_of(anchor), title, url, counts, context)
        if entry is None:
            continue
        known = by_row.get((entry.row, url))
        if known is None or len(entry.item.title) > len(known.item.title):
            by_row[(entry.row, url)] = entry
    found = {entry.item.url for entry in by_row.values()}
    for node, item in side_by_side_entries(titled, counts, page_year, found):
        entry = Entry(item=item, row=node, signature=_signature(node))
        by_row.setdefault((node, item.url), entry)
    return list(by_row.values())


def title_links(page: Page) -> dict:
    """Return the page's content links that show a title: {anchor: (title, url)}."""
    if "title_links" not in page.cache:
        titled = {}
        for anchor in page.root.iter("a"):
            if page.flag(anchor) & (NAVIGATION | TEMPLATE):
                continue
            title = anchor_title(anchor, page.text_of(anchor))
            url = page.absolute(anchor.get("href"))
            if title and url:
                titled[anchor] = (title, url)
        page.cache["title_links"] = titled
    return page.cache["title_links"]


def has_undated_list(page: Page) -> bool:
    """Tell whether the static page lists titled links in rows, dated or not."""
    rows: dict[tuple, int] = {}
    for anchor in title_links(page):
        row = anchor.getparent()
        while row is not None and row.tag not in _ROW_TAGS:
            row = row.getparent()
        if row is None:
            continue
        signature = _signature(row)
        rows[signature] = rows.get(signature, 0) + 1
        if rows[signature] > 1:
            return True
    return False


def main_list(entries: list[Entry], page: Page | None = None) -> list[Entry]:
    """Return the entries of the longest list (rows spelled the same way).

    Rows spelled the same way but separated by a heading (a homepage's boxes
    of 通知公告 and 工作动态) are different lists.
    """
    groups: dict[tuple, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(entry.signature, []).append(entry)
    runs = []
    headings = _heading_positions(page) if page is not None else []
    for group in groups.values():
        runs.extend(_split_at_headings(group, page, headings))
    if not runs:
        return []
    return max(runs, key=lambda run: (len(run), sum(len(e.item.title) for e in run)))


def list_items(page: Page, main: list[Entry]) -> list[ListItem]:
    """Return the main list's items in page order, undated rows included.

    A portal sometimes leaves an entry's date out; the entry is still listed
    in its column (undated, it satisfies no deadline). Undated rows count when
    they are shaped like the dated rows of the main list, or, in a list where
    no row shows a date, when at least two same-shaped rows carry titles as
    long as documents' titles.
    """
    if not main:
        return _undated_list(page)
    signature = main[0].signature
    dated_rows = {entry.row for entry in main}
    # Only rows beside the main list's own rows: a same-shaped box under
    # another heading is another list.
    containers = {entry.row.getparent() for entry in main}
    dated = {entry.item.url: entry.item for entry in main}
    undated: dict = {}
    order: list[str] = []
    for anchor, (title, url) in title_links(page).items():
        if url in dated:
            order.append(url)
            continue
        row = _ancestor_with_signature(anchor, signature)
        if row is None or row in dated_rows or row.getparent() not in containers:
            continue
        known = undated.get(row)
        if known is None or len(title) > len(known.title):
            undated[row] = ListItem(title=strip_date(title), url=url, date=None)
            order.append(url)
    chosen = dated | {item.url: item for item in undated.values()}
    items, seen = [], set()
    for url in order:
        if url in chosen and url not in seen:
            seen.add(url)
            items.append(chosen[url])
    return items


def _ancestor_with_signature(anchor, signature: tuple):
    row = anchor
    for _ in range(MAX_ROW_CLIMB + 1):
        if row is None or row.tag in ("body", "html"):
            return None
        if _signature(row) == signature:
            return row
        row = row.getparent()
    return None


def _undated_list(page: Page) -> list[ListItem]:
    groups: dict[tuple, dict] = {}
    for anchor, (title, url) in title_links(page).items():
        row = anchor.getparent()
        while row is not None and row.tag not in _ROW_TAGS:
            row = row.getparent()
        if row is None:
            continue
        rows = groups.setdefault(_signature(row), {})
        known = rows.get(row)
        if known is None or len(title) > len(known.title):
            rows[row] = ListItem(title=title, url=url, date=None)
    candidates = [
        list(rows.values())
        for rows in groups.values()
        if len(rows) >= 2
        and sorted(len(item.title) for item in rows.values())[len(rows) // 2]
        >= _DOCUMENT_TITLE_MIN_CHARS
    ]
    return max(candidates, key=len) if candidates else []


def list_group_rows(entries: list[Entry]) -> set:
    """Return the rows of lists with at least two entries (not one-off dated links)."""
    counts: dict[tuple, int] = {}
    for entry in entries:
        counts[entry.signature] = counts.get(entry.signature, 0) + 1
    return {entry.row for entry in entries if counts[entry.signature] > 1}


def anchor_title(anchor, text: str | None = None) -> str:
    """Return the title a list link shows, from its title attribute if truncated.

    `text` is the link's text when the caller already has it.
    """
    text = inline_text(anchor) if text is None else text
    attribute = clean(anchor.get("title"))
    core = text.rstrip("".join(_ELLIPSIS)).rstrip()
    if attribute and (
        not text
        or text.endswith(_ELLIPSIS)
        or (len(attribute) > len(text) and attribute.startswith(core[:8]))
    ):
        text = attribute
    if not _is_title(text):
        return ""
    return text


def datastore_entries(raw_text: str, base_url: str) -> list[ListItem] | None:
    """Return the entries of a Hanweb datastore, or None when there is none.

    An empty list means a datastore was found but none of its records held a
    titled link.
    """
    if "<datastore" not in raw_text.lower():
        return None
    items = []
    for match in _DATASTORE_RECORD.finditer(raw_text):
        item = _record_item(match.group(1), base_url)
        if item:
            items.append(item)
    return items


def find_empty_notice(page: Page) -> bool:
    """Tell whether the page shows a "no information" notice where a list would be."""
    skipped = NAVIGATION | TEMPLATE | CONDITIONAL
    for element in page.elements:
        if page.flag(element) & skipped or element.tag in ("script", "style"):
            continue
        own = clean(element.text)
        if own and len(own) <= _EMPTY_NOTICE_MAX_CHARS and _EMPTY_NOTICE.search(own):
            return True
        for child in element:
            tail = clean(child.tail)
            if tail and len(tail) <= _EMPTY_NOTICE_MAX_CHARS:
                if _EMPTY_NOTICE.search(tail):
                    return True
    return False


def _entry_for(anchor, text, title, url, counts, context) -> Entry | None:
    inside = edge_date(text, context)
    if inside:
        item = ListItem(title=strip_date(title), url=url, date=inside)
        return Entry(item=item, row=anchor, signature=_signature(anchor))
    row = anchor
    for _ in range(MAX_ROW_CLIMB):
        row = row.getparent()
        if row is None or row.tag in ("body", "html"):
            return None
        others = counts.get(row, {}).keys() - {url}
        if others and not _dominates(title, others, counts[row]):
            return None
        outside = render_text(row, skip=lambda element: element is anchor)
        if len(outside) > MAX_ROW_CHARS:
            return None
        value = last_date(outside, context)
        if value:
            item = ListItem(title=title, url=url, date=value)
            return Entry(item=item, row=row, signature=_signature(row))
    return None


def _heading_positions(page: Page) -> list[int]:
    positions = []
    for index, element in enumerate(page.elements):
        if (
            element.tag not in _HEADING_TAGS
            and not page.tokens(element) & _HEADING_WORDS
        ):
            continue
        if page.flag(element) & (NAVIGATION | TEMPLATE):
            continue
        if element.find(".//li") is not None or element.find(".//tr") is not None:
            continue
        if 2 <= len(page.text_of(element)) <= _MAX_HEADING_CHARS:
            positions.append(index)
    return positions


def _split_at_headings(group: list[Entry], page: Page | None, headings: list[int]):
    if page is None or not headings or len(group) < 2:
        return [group]
    runs = [[group[0]]]
    previous = page.position(group[0].row)
    for entry in group[1:]:
        position = page.position(entry.row)
        between = bisect.bisect_right(headings, previous) < len(headings) and (
            headings[bisect.bisect_right(headings, previous)] < position
        )
        if between:
            runs.append([entry])
        else:
            runs[-1].append(entry)
        previous = position
    return runs


def _dominates(title: str, others, titles_by_url: dict) -> bool:
    """Tell whether a link is the row's title beside a few minor links.

    A row may carry a department link ("[市教育局]") or a tag beside its
    title; the title is then much longer than each of them.
    """
    if len(others) > MAX_MINOR_LINKS:
        return False
    length = len(title.strip(BRACKETS))
    return all(
        length >= 2 * len(titles_by_url[other].strip(BRACKETS)) for other in others
    )


def _signature(row) -> tuple:
    parts = [row.tag]
    node = row.getparent()
    while node is not None:
        parts.append((node.tag, _stable_class(node)))
        node = node.getparent()
    return tuple(parts)


def _stable_class(element) -> str:
    value = element.get("class")
    if not value:
        return ""
    tokens = sorted(
        token for token in value.split() if not _VOLATILE_CLASS.search(token.lower())
    )
    return " ".join(tokens)


def _title_link_counts(titled: dict) -> dict:
    """Return, for each block near a title link, its title links' URLs and titles."""
    counts: dict = {}
    for anchor, (title, url) in titled.items():
        node = anchor.getparent()
        for _ in range(MAX_ROW_CLIMB):
            if node is None:
                break
            urls = counts.setdefault(node, {})
            if len(title) > len(urls.get(url, "")):
                urls[url] = title
            node = node.getparent()
    return counts


def _is_title(text: str) -> bool:
    bare = text.strip(BRACKETS + "»«›‹>·")
    if len(bare) < 2 or bare.lower() in _NON_TITLES:
        return False
    if bare.isdigit():
        return False
    return any(char.isalpha() for char in bare)


def _record_item(fragment: str, base_url: str) -> ListItem | None:
    # A record is a list entry by construction: its first titled link counts
    # even when the record shows no date.
    root = parse_fragment(fragment)
    undated = None
    for anchor in root.iter("a"):
        title = anchor_title(anchor)
        url = absolute_url(anchor.get("href"), base_url)
        if not (title and url):
            continue
        context = DateContext.for_url(url, url_year(base_url))
        outside = render_text(root, skip=lambda node, link=anchor: node is link)
        value = last_date(outside, context) or edge_date(inline_text(anchor), context)
        if value:
            return ListItem(title=title, url=url, date=value)
        undated = undated or ListItem(title=title, url=url, date=None)
    return undated
