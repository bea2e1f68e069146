"""JSON list endpoints: the entries of a script-filled list, found generically.

Portals that fill their lists by script ask an endpoint for JSON such as
``{"data": {"rows": [{"docTitle": ..., "docUrl": ..., "pubDate": ...}]}}``.
Nobody here knows each portal's API, so the entries are found by shape: the
longest array of objects with a title-like key and a URL-like key, dated by
a date-like key given as text or as an epoch timestamp.
"""

from __future__ import annotations

import html
import json
import logging
import re
from datetime import date

from crawler.dates import parse_date, parse_timestamp
from crawler.decode import decode_body
from crawler.dom import absolute_url, clean
from crawler.facts import ListItem

logger = logging.getLogger(__name__)

_TITLE_KEYS = (
    "title",
    "doctitle",
    "articletitle",
    "infotitle",
    "name",
    "bt",
    "biaoti",
    "subject",
    "headline",
    "topic",
    "wjmc",
    "xxmc",
    "mc",
)
_URL_KEYS = (
    "url",
    "link",
    "href",
    "docurl",
    "chnldocurl",
    "linkurl",
    "detailurl",
    "articleurl",
    "pageurl",
    "infourl",
    "weburl",
    "puburl",
    "path",
)
_DATE_KEYS = (
    "pubdate",
    "publishdate",
    "publishtime",
    "pubtime",
    "publish",
    "fbrq",
    "fbsj",
    "releasedate",
    "releasetime",
    "docreltime",
    "reltime",
    "date",
    "time",
    "showtime",
    "infodate",
    "createdate",
    "createtime",
    "ctime",
    "scrq",
    "cwrq",
    "updatetime",
)
# An epoch timestamp as text: "1466130000000", or .NET's "/Date(1466130000000+0800)/".
_TIMESTAMP_TEXT = re.compile(r"(?:/Date\()?(-?\d{9,13})(?:[+-]\d{4})?(?:\)/)?")


def extract_json_list(payload: bytes | str | dict | list, base_url: str) -> list:
    """Return the entries of a JSON list endpoint's answer.

    The entries are found without knowing the API: the longest array of
    objects that have a title-like key and a URL-like key (title/name/bt,
    url/link/href, and their common variants), with dates from date-like keys
    (pubDate, publishTime, fbrq, ...) given as text or epoch timestamps. JSONP
    wrappers are removed.
    """
    data = _load_json(payload)
    if data is None:
        return []
    best: list[ListItem] = []
    for array in _object_arrays(data):
        items = _json_items(array, base_url)
        if len(items) > len(best):
            best = items
    return best


def _load_json(payload):
    if isinstance(payload, dict | list):
        return payload
    text = decode_body(payload)[0] if isinstance(payload, bytes) else payload
    text = text.strip().lstrip("\ufeff")
    if not text:
        return None
    if text[0] not in "[{":
        # JSONP: callback({...}); keep what lies between the outer parentheses.
        start, end = text.find("("), text.rfind(")")
        if start < 0 or end <= start:
            return None
        text = text[start + 1 : end]
    try:
        return json.loads(text)
    except ValueError:
        logger.debug("Skipped a list endpoint answer that is not JSON")
        return None


def _object_arrays(data):
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            objects = [item for item in value if isinstance(item, dict)]
            if objects:
                yield objects
            stack.extend(value)
        elif isinstance(value, str) and value[:1] in "[{" and len(value) > 20:
            # Some APIs wrap their data as a JSON string inside the JSON.
            try:
                stack.append(json.loads(value))
            except ValueError:
                continue


def _json_items(objects: list[dict], base_url: str) -> list[ListItem]:
    items = []
    for record in objects:
        keys = {_key(name): name for name in record}
        title = _first_text(record, keys, _TITLE_KEYS)
        url = _first_text(record, keys, _URL_KEYS)
        if not title or not url:
            continue
        url = absolute_url(url, base_url)
        if not url:
            continue
        items.append(ListItem(title=title, url=url, date=_json_date(record, keys)))
    return items


def _key(name: str) -> str:
    return re.sub(r"[^a-z]", "", str(name).lower())


def _first_text(record: dict, keys: dict, candidates) -> str:
    for candidate in candidates:
        name = keys.get(candidate)
        if name is None:
            continue
        value = record[name]
        if isinstance(value, str) and value.strip():
            return clean(html.unescape(re.sub(r"<[^>]+>", "", value)))
    return ""


def _json_date(record: dict, keys: dict) -> date | None:
    for candidate in _DATE_KEYS:
        name = keys.get(candidate)
        if name is None:
            continue
        value = record[name]
        if isinstance(value, bool):
            continue
        if isinstance(value, int | float):
            found = parse_timestamp(value)
        elif isinstance(value, str):
            found = parse_date(value)
            stamp = _TIMESTAMP_TEXT.fullmatch(value.strip())
            if found is None and stamp:
                found = parse_timestamp(int(stamp.group(1)))
        else:
            found = None
        if found:
            return found
    return None
