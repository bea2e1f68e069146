"""The page extractor: from a page's bytes to the facts the spider stores.

`extract_page` runs on every crawled page; the stages:

1. Decode the bytes (HTTP charset, meta charset, UTF-8, GB18030) and parse
   them once with lxml, marking navigation, footer and template structures.
2. Find the dated links of the page and its main list (and Hanweb datastore
   records), since metadata must not be read from inside list rows.
3. Read the disclosure metadata (title, dates, 索引号, 文号, issuing body).
4. Decide what the page is: a disclosure (it shows a metadata table, a
   PubDate/ArticleTitle meta tag or a labelled date), a list (it shows list
   entries, a 暂无信息 notice, a list frame, a data endpoint, list scripts or
   list templates) or other.
5. Read what each kind needs: entries, pagination, endpoints and the column
   name of a list; attachments, labelled fields, contacts and source
   references of a disclosure; links, columns, text and footer of every page.

`extract_file` reads a saved page for `zwgk extract`; `extract_json_list`
reads a JSON list endpoint's answer.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import Path

from crawler.columns import (
    find_breadcrumb,
    find_footer_text,
    find_frame_columns,
    find_links,
    find_navigation_columns,
    find_script_redirect,
)
from crawler.dates import find_dates
from crawler.decode import decode_body
from crawler.dom import NAVIGATION, TEMPLATE, Page, clean
from crawler.dom import render_text as _render_text
from crawler.facts import ColumnRef, PageFacts
from crawler.fields import (
    find_attachments,
    find_contacts,
    find_doc_numbers,
    find_fields,
    find_source_refs,
)
from crawler.lists import (
    datastore_entries,
    extract_json_list,
    find_empty_notice,
    find_entries,
    has_undated_list,
    list_group_rows,
    list_items,
    main_list,
)
from crawler.metadata import read_meta_tags, read_metadata
from crawler.paging import datastore_page_size, find_list_endpoints, find_pagination

__all__ = ["extract_file", "extract_json_list", "extract_page"]

logger = logging.getLogger(__name__)

# A list's own heading beats a one-off date printed under a heading.
_LIST_OVER_HEADING_DATE = 3
_LIST_SCRIPT = re.compile(
    r"createPageHTML|recordCount|totalRecord|listModel|quickMode|pageSize|"
    r"<datastore|dataproxy",
    re.I,
)
_TEMPLATE_LINK_ATTRIBUTES = (
    "ms-attr-href",
    ":href",
    "v-bind:href",
    "ng-href",
    "x-bind:href",
)
_LIST_HEADING_TOKENS = {
    "title",
    "tit",
    "name",
    "lm",
    "lmname",
    "column",
    "columnname",
    "catname",
}
_MORE_LINK = re.compile(r"\s*(?:更多|more|MORE|More)?\s*(?:>>|»|＞＞|>)?\s*$")
_TITLE_SEPARATORS = re.compile(r"\s*[_|｜—–-]\s*")
# Breadcrumb ends that name a page kind, not a column.
_NOT_COLUMN_NAMES = {
    "正文",
    "详情",
    "内容",
    "列表",
    "详细信息",
    "信息列表",
    "文章列表",
    "列表页",
}


def extract_page(
    body: bytes | str,
    url: str,
    *,
    encoding: str | None = None,
    content_type: str | None = None,
) -> PageFacts:
    """Return everything the extractor reads from one page (see the module docstring)."""
    # 1. Decode and parse.
    text, used_encoding = decode_body(
        body, content_type=content_type, encoding=encoding
    )
    page = Page(text, url)
    meta = read_meta_tags(page)
    html_title = _html_title(page)
    facts = PageFacts(url=url, encoding=used_encoding, html_title=html_title, meta=meta)

    # 2. Dated links and the main list.
    body = page.root.find("body")
    facts.text = _render_text(body if body is not None else page.root)
    entries = find_entries(page, default_year=_latest_year(facts.text))
    datastore = datastore_entries(text, page.base_url)
    main = main_list(entries, page)
    items = datastore if datastore else list_items(page, main)
    facts.dated_links = [entry.item for entry in entries] + list(datastore or [])

    # 3. Disclosure metadata, never from inside list rows.
    breadcrumb, crumb_columns = find_breadcrumb(page)
    # The breadcrumb's linked names are columns; its last, unlinked name may
    # be the document's own title.
    column_names = {column.name for column in crumb_columns}
    column_names |= {meta.get("columnname") or ""}
    metadata = read_metadata(
        page, meta, list_group_rows(entries), html_title, column_names - {""}
    )

    # 4. What the page is.
    empty_notice = not items and find_empty_notice(page)
    endpoints = find_list_endpoints(page)
    frames = find_frame_columns(page)
    list_marks = bool(
        items or empty_notice or endpoints or frames or datastore is not None
    )
    facts.kind = _page_kind(page, metadata.marks, len(items), list_marks)

    # 5. What each kind needs.
    facts.breadcrumb = breadcrumb
    facts.columns = _unique_columns(
        find_navigation_columns(page) + crumb_columns + frames
    )
    facts.links = find_links(page)
    facts.script_redirect = find_script_redirect(page)
    facts.footer_text = find_footer_text(page)
    facts.attachments = find_attachments(page)
    if facts.kind == "list":
        facts.empty_notice = empty_notice
        _read_list(facts, page, text, meta, items, main, breadcrumb, endpoints)
        # The list is in the static page (a frame, undated rows, a visible
        # 暂无信息 that no data endpoint may replace), or a browser must fill it.
        facts.needs_javascript = not (
            items
            or frames
            or has_undated_list(page)
            or (empty_notice and not endpoints)
        )
    else:
        _read_disclosure(facts, page, metadata)
        if facts.kind == "other":
            facts.pagination_urls = find_pagination(page, text)
            facts.list_endpoints = endpoints
    logger.debug(
        "Extracted %s page %s: %s entries, %s links",
        facts.kind,
        url,
        len(facts.items),
        len(facts.links),
    )
    return facts


def extract_file(path: str | Path, url: str) -> dict:
    """Return what `zwgk extract` prints for a saved page, as JSON-ready values."""
    facts = extract_page(Path(path).read_bytes(), url)
    data = facts.to_json()
    result = {
        "url": url,
        "kind": facts.kind,
        "encoding": facts.encoding,
        "html_title": facts.html_title,
        "title": data["title"],
        "published": data["published"],
        "published_source": data["published_source"],
        "written": data["written"],
        "index_no": data["index_no"],
        "doc_no": data["doc_no"],
        "publisher": data["publisher"],
        "attachments": data["attachments"],
        "fields": data["fields"],
        "contacts": data["contacts"],
        "source_refs": data["source_refs"],
        "column": data["column_name"],
        "items": data["items"],
        "pagination_urls": data["pagination_urls"],
        "list_endpoints": data["list_endpoints"],
        "needs_javascript": data["needs_javascript"],
        "empty_notice": data["empty_notice"],
        "breadcrumb": data["breadcrumb"],
        "columns": data["columns"],
        "footer_text": data["footer_text"],
        "links": len(facts.links),
    }
    return result


def _page_kind(page: Page, marks: set[str], item_count: int, list_marks: bool) -> str:
    strong = marks - {"heading_date"}
    if strong or ("heading_date" in marks and item_count < _LIST_OVER_HEADING_DATE):
        return "disclosure"
    if list_marks or _has_template_list(page) or _has_list_script(page):
        return "list"
    return "other"


def _read_list(facts, page, text, meta, items, main, breadcrumb, endpoints) -> None:
    facts.items = list(items)
    # The breadcrumb's unlinked last name is the page naming itself.
    linked = {
        column.name
        for column in facts.columns
        if column.discovered_from == "breadcrumb"
    }
    current = breadcrumb[-1] if breadcrumb and breadcrumb[-1] not in linked else None
    current = None if current in _NOT_COLUMN_NAMES else current
    facts.column_name = meta.get("columnname") or current or _list_heading(page, main)
    facts.column_name = facts.column_name or (breadcrumb[-1] if breadcrumb else None)
    facts.column_name = facts.column_name or _title_head(facts.html_title)
    if facts.column_name:
        heading = ColumnRef(facts.column_name, facts.url, "heading")
        facts.columns = _unique_columns(facts.columns + [heading])
    facts.pagination_urls = find_pagination(page, text)
    facts.records_per_page = datastore_page_size(text)
    facts.list_endpoints = endpoints


def _read_disclosure(facts: PageFacts, page: Page, metadata) -> None:
    facts.title = metadata.title
    facts.published = metadata.published
    facts.published_source = metadata.published_source
    facts.written = metadata.written
    facts.index_no = metadata.index_no
    facts.doc_no = metadata.doc_no
    facts.publisher = metadata.publisher
    body_text = _content_text(page, page.root.find("body"))
    content = metadata.content
    content_text = _content_text(page, content) if content is not None else body_text
    facts.fields = find_fields(page, body_text)
    facts.contacts = find_contacts(body_text)
    own_numbers = find_doc_numbers(facts.doc_no or "")
    facts.source_refs = find_source_refs(
        page,
        content,
        content_text,
        facts.title,
        own_numbers[0] if own_numbers else None,
    )


def _content_text(page: Page, element) -> str:
    if element is None:
        return ""
    return _render_text(
        element, skip=lambda node: bool(page.flag(node) & (NAVIGATION | TEMPLATE))
    )


def _latest_year(text: str) -> int | None:
    """Return the latest year of the full dates on the page (for year-less dates)."""
    this_year = date.today().year
    years = [
        found.value.year
        for found in find_dates(text, yearless=False)
        if found.value.year <= this_year
    ]
    return max(years) if years else None


def _html_title(page: Page) -> str:
    title = page.root.find(".//title")
    return clean(title.text_content()) if title is not None else ""


def _title_head(html_title: str) -> str | None:
    head = _TITLE_SEPARATORS.split(html_title, maxsplit=1)[0] if html_title else ""
    return head or None


def _list_heading(page: Page, main) -> str | None:
    """Return the last heading-like text before the list's first row."""
    if not main:
        return None
    first_row = main[0].row
    heading = None
    for element in page.elements:
        if element is first_row:
            break
        if page.flag(element) & (NAVIGATION | TEMPLATE):
            continue
        if element.tag in ("h1", "h2", "h3", "h4") or (
            page.tokens(element) & _LIST_HEADING_TOKENS
        ):
            text = _MORE_LINK.sub("", page.text_of(element)).strip()
            if 2 <= len(text) <= 30:
                heading = text
    return heading


def _has_template_list(page: Page) -> bool:
    for element in page.elements:
        if element.tag != "a" or not page.flag(element) & TEMPLATE:
            continue
        if any(element.get(name) for name in _TEMPLATE_LINK_ATTRIBUTES):
            return True
        if "{{" in (element.get("href") or ""):
            return True
    return False


def _has_list_script(page: Page) -> bool:
    for script in page.root.iter("script"):
        if script.text and _LIST_SCRIPT.search(script.text):
            return True
    return False


def _unique_columns(columns: list[ColumnRef]) -> list[ColumnRef]:
    seen = set()
    unique = []
    for column in columns:
        key = (column.name, column.url, column.discovered_from)
        if key not in seen:
            seen.add(key)
            unique.append(column)
    return unique
