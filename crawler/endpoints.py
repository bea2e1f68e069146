"""Pages of a JSON list endpoint beyond the first.

A list filled by script asks its endpoint for page 1 (``?page=1``) and shows
a pager built from the answer's page count; the crawler asks for the other
pages itself. The page count is read from the usual keys of such answers
(``pages``, ``totalPage``, or ``total`` with ``size``); the page number goes
in the parameter the first request used.
"""

from __future__ import annotations

import json
import math
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

PAGE_PARAMETERS = ("page", "pageno", "pagenum", "pageindex", "p", "current", "curpage")
PAGE_COUNT_KEYS = ("pages", "totalpage", "totalpages", "pagecount", "page_count")
TOTAL_KEYS = ("total", "totalcount", "recordcount", "totalrecord", "count")
SIZE_KEYS = ("size", "pagesize", "perpage", "page_size", "limit", "rows")


def endpoint_pages(payload: bytes | str, url: str, limit: int) -> list[str]:
    """Return the URLs of pages 2.. of a JSON list endpoint, at most `limit` pages."""
    parameter, number = _page_parameter(url)
    if parameter is not None and number != 1:
        return []
    count = _page_count(payload)
    if count is None or count <= 1:
        return []
    if parameter is None:
        # The script adds the page number itself; "page" is its usual name.
        parameter = "page"
    return [
        _with_page(url, parameter, page) for page in range(2, min(count, limit) + 1)
    ]


def _page_parameter(url: str) -> tuple[str | None, int | None]:
    for name, value in parse_qsl(urlsplit(url).query, keep_blank_values=True):
        if name.lower() in PAGE_PARAMETERS and value.isdigit():
            return name, int(value)
    return None, None


def _page_count(payload: bytes | str) -> int | None:
    try:
        data = json.loads(payload)
    except (ValueError, UnicodeDecodeError):
        return None
    for node in _objects(data):
        keys = {key.lower(): value for key, value in node.items()}
        for key in PAGE_COUNT_KEYS:
            if _is_count(keys.get(key)):
                return int(keys[key])
        total = next((keys[k] for k in TOTAL_KEYS if _is_count(keys.get(k))), None)
        size = next((keys[k] for k in SIZE_KEYS if _is_count(keys.get(k))), None)
        if total is not None and size:
            return math.ceil(int(total) / int(size))
    return None


def _objects(data, depth: int = 0):
    # The count sits at the top or one level down ({"data": {"pages": 3}}).
    if isinstance(data, dict) and depth <= 1:
        yield data
        for value in data.values():
            yield from _objects(value, depth + 1)


def _is_count(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value >= 0
    return isinstance(value, str) and value.isdigit()


def _with_page(url: str, parameter: str, page: int) -> str:
    parts = urlsplit(url)
    query = [
        (name, str(page) if name == parameter else value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
    ]
    if parameter not in (name for name, _ in query):
        query.append((parameter, str(page)))
    return urlunsplit(parts._replace(query=urlencode(query)))
