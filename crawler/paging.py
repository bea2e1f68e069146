"""Where a list continues: page links, script-built pagers and data endpoints.

- Ordinary pagers: 下一页/尾页 links and numbered page links.
- TRS pagers: ``createPageHTML(count, current, "index", "html")`` writes links
  to index.html, index_1.html, ... index_{count-1}.html beside the page; every
  one is returned.
- Hanweb datastore pagers: when the page gives the proxy address (the
  ``<nextgroup>`` link or ``proxyUrl``), the record total and the page size,
  the proxy URLs of the remaining records are built (dataproxy.jsp reads its
  parameters from the query as well as from a form).
- Script pagers: links calling a page function (``goPage(6)``) whose body in
  the page builds the address (``location.href = "list_" + n + ".html"``).
- Script endpoints: addresses a list script fetches (``fetch``, ``$.ajax``,
  ``$.get``, ``$.getJSON``, ``axios``) are returned as list endpoints, with the
  literal parameters the call sends as data.
"""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from crawler.dom import TEMPLATE, Page, clean
from crawler.endpoints import PAGE_PARAMETERS

_NEXT_WORDS = {
    "下一页",
    "下页",
    "后一页",
    "尾页",
    "末页",
    "最后一页",
    "next",
    "last",
    ">",
    ">>",
    "›",
    "»",
}
_PAGER_TOKENS = {
    "page",
    "pages",
    "pager",
    "paging",
    "pagination",
    "pagebar",
    "pagenav",
    "fenye",
    "fy",
    "pagelist",
    "turnpage",
}
_PAGE_URL = re.compile(
    r"(?:index|list|default)?_\d+\.s?html?$|[?&](?:page|pageno|pagenum|pageindex|"
    r"currentpage|curpage|p|pn|pageNo|pageNum|pageIndex)=\d+",
    re.I,
)
_NUMBERED_PATH = re.compile(r"[_-](\d{1,4})\.s?html?$", re.I)
_NUMBERED_QUERY = re.compile(
    r"[?&](?:page|pageno|pagenum|pageindex|p|pn)=(\d{1,4})(?=&|$)", re.I
)
_CREATE_PAGE = re.compile(r"createPageHTML\s*\(([^)]*)\)", re.I)
_JS_VARIABLE = r"(?:var|let|const)?\s*{name}\s*=\s*['\"]?(\d+)"
_STRING_ARGUMENT = re.compile(r"""^\s*(['"])(.*)\1\s*$""")
_MAX_GENERATED_PAGES = 500

_TOTAL_RECORDS = re.compile(
    r"(?:totalRecord|totalrecord|totalRecords|recordCount)\s*[:=]\s*['\"]?(\d+)"
    r"|<totalrecord>\s*(\d+)\s*</totalrecord>",
    re.I,
)
_PER_PAGE = re.compile(r"\bper_?page\s*[:=]\s*['\"]?(\d+)", re.I)
_NEXTGROUP = re.compile(
    r"<nextgroup>\s*<!\[CDATA\[.*?href\s*=\s*['\"]([^'\"]+)['\"]", re.S | re.I
)
# A page function of a script pager, the address it opens, and calls of it.
_PAGE_FUNCTION = re.compile(
    r"function\s+([A-Za-z_$][\w$]*)\s*\(\s*([A-Za-z_$][\w$]*)\s*\)\s*\{([^{}]{0,400})\}"
)
_LOCATION_ASSIGNMENT = re.compile(
    r"location(?:\.href)?\s*=\s*([^;\n}]+)|location\.(?:replace|assign)\s*\(([^;\n}]+)\)"
)
_PAGE_CALL = re.compile(r"([A-Za-z_$][\w$]*)\s*\(\s*['\"]?(\d{1,4})['\"]?\s*\)")
_NUMBER_SLOT = "\x00"
_PROXY_URL = re.compile(r"proxy(?:Url)?\s*:\s*['\"]([^'\"]+)['\"]", re.I)
_DATASTORE_RECORD = re.compile(r"<record>", re.I)

_ENDPOINT_CALLS = re.compile(
    r"""(?:\bfetch|\$\.(?:ajax|get|getJSON|post)|jQuery\.(?:ajax|get|getJSON|post)|"""
    r"""\baxios(?:\.(?:get|post))?|\.open\s*\(\s*['"](?:GET|POST)['"]\s*,)"""
    r"""\s*\(?\s*['"]([^'"]+)['"]""",
    re.I,
)
_URL_OPTION = re.compile(r"""\burl\s*:\s*['"]([^'"]+)['"]""")
# The request data of a list call: an options object's `data: {...}`, or the
# object literal passed right after the address ($.get(url, {...})).
_DATA_OPTION = re.compile(r"""\b(?:data|params)\s*:\s*\{([^{}]*)\}""")
_CALL_DATA = re.compile(r"""\s*,\s*\{([^{}]*)\}""")
_LITERAL_PAIR = re.compile(
    r"""['"]?(\w+)['"]?\s*:\s*(?:'([^']*)'|"([^"]*)"|(-?\d+(?:\.\d+)?)\b|([A-Za-z_$][\w$.]*))"""
)
# How far from the address a call's data object may stand.
_DATA_WINDOW = 600
_NOT_ENDPOINTS = re.compile(
    r"\.(?:js|css|png|jpe?g|gif|svg|ico|woff2?)(?:\?|$)|"
    r"(?:^|[/_.?&=-])(?:pv|uv|count|counter|click|hits|visit|stat|stats|login|logout|"
    r"captcha|verify|share|weather|token)(?:$|[/_.?&=-])",
    re.I,
)
_DATA_ENDPOINT_NAME = re.compile(
    r"^data-(?:[\w-]*-)?(?:api|url|source|list|json|endpoint|ajax|action)$", re.I
)
_LOOKS_LIKE_ADDRESS = re.compile(
    r"^\s*(?:https?://|/|\./|\.\./)|\?|\.(?:json|do|jsp|php|aspx?|action)\b", re.I
)
# Elements whose data attributes hold images, frames or links, not list data.
_NOT_DATA_HOLDERS = {"a", "img", "iframe", "script", "link", "source", "video"}
_OPEN_PAGE_PARAMETER = re.compile(
    r"[?&](?:page|pageNo|pageNum|pageIndex|p|current|curPage)=$", re.I
)


def find_pagination(page: Page, raw_text: str) -> list[str]:
    """Return the URLs of the list's other pages, in page order, without repeats."""
    record_count = len(_DATASTORE_RECORD.findall(raw_text))
    urls: list[str] = []
    pager = _pager_links(page) + _script_pager_links(page)
    for url in _trs_pages(page) + _fill_page_runs(pager):
        if url != page.url and url not in urls:
            urls.append(url)
    for url in datastore_pages(raw_text, page.url, record_count):
        if url not in urls:
            urls.append(url)
    return urls


def find_list_endpoints(page: Page) -> list[str]:
    """Return the addresses that the page's inline scripts fetch list data from."""
    endpoints: list[str] = []
    for script in page.root.iter("script"):
        if script.get("src") or not script.text:
            continue
        code = script.text
        calls = list(_ENDPOINT_CALLS.finditer(code))
        if re.search(r"\$\.ajax|jQuery\.ajax|axios\s*\(|\$\.\w+\s*\(\s*\{", code):
            calls += _URL_OPTION.finditer(code)
        for call in calls:
            address = html.unescape(call.group(1).strip())
            if not address or _NOT_ENDPOINTS.search(address):
                continue
            if _OPEN_PAGE_PARAMETER.search(address):
                # "…?page=" + n: the script's first request asks for page 1.
                address += "1"
            address = _with_request_data(address, code, call)
            url = page.absolute(address)
            if url and url not in endpoints:
                endpoints.append(url)
    for url in _data_attribute_endpoints(page):
        if url not in endpoints:
            endpoints.append(url)
    return endpoints


def _with_request_data(address: str, code: str, call: re.Match) -> str:
    """Return `address` with the literal parameters its call sends as `data`.

    `$.ajax({url: "/api/list", data: {channelId: 1203, pageNo: 1}})` and
    `$.get("/api/list", {channelId: 1203})` ask for the list of channel 1203;
    the address alone answers nothing. A page parameter given as a variable
    asks for page 1; other variables are left out.
    """
    after = code[call.end() : call.end() + _DATA_WINDOW]
    following = _ENDPOINT_CALLS.search(after) or _URL_OPTION.search(after)
    if following:
        after = after[: following.start()]
    data = _CALL_DATA.match(after) or _DATA_OPTION.search(after)
    if data is None:
        before = code[max(call.start() - _DATA_WINDOW, 0) : call.start()]
        options = before.rfind("({")
        data = _DATA_OPTION.search(before[options:]) if options >= 0 else None
    if data is None:
        return address
    parameters = []
    for name, single, double, number, variable in _LITERAL_PAIR.findall(data.group(1)):
        if variable:
            if name.lower() in PAGE_PARAMETERS and variable not in ("true", "false"):
                parameters.append((name, "1"))
            continue
        parameters.append((name, single or double or number))
    if not parameters:
        return address
    known = {name for name, _ in parse_qsl(urlsplit(address).query)}
    extra = urlencode(
        [(name, value) for name, value in parameters if name not in known]
    )
    if not extra:
        return address
    return address + ("&" if "?" in address else "?") + extra


def _data_attribute_endpoints(page: Page) -> list[str]:
    """Return addresses that list boxes name in data attributes (data-api=…).

    A site script then fetches them; the box itself is empty in the page.
    """
    urls = []
    for element in page.elements:
        if element.tag in _NOT_DATA_HOLDERS or not element.attrib:
            continue
        for name, value in element.attrib.items():
            if not _DATA_ENDPOINT_NAME.match(name) or not _LOOKS_LIKE_ADDRESS.search(
                value
            ):
                continue
            url = page.absolute(html.unescape(value.strip()))
            if url and not _NOT_ENDPOINTS.search(value):
                urls.append(url)
    return urls


def datastore_pages(raw_text: str, page_url: str, record_count: int) -> list[str]:
    """Return the Hanweb proxy URLs of the records after those on the page."""
    if "<datastore" not in raw_text.lower():
        return []
    proxy = _NEXTGROUP.search(raw_text) or _PROXY_URL.search(raw_text)
    total = _TOTAL_RECORDS.search(raw_text)
    per_page = _PER_PAGE.search(raw_text)
    if not (proxy and total and per_page):
        return []
    address = urljoin(page_url, html.unescape(proxy.group(1)))
    total_records = int(total.group(1) or total.group(2))
    size = int(per_page.group(1))
    if size <= 0:
        return []
    parts = urlsplit(address)
    skipped = {"page", "startrecord", "endrecord", "perpage"}
    parameters = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in skipped
    ]
    base = parts._replace(query="", fragment="").geturl()
    urls = []
    for start in range(record_count + 1, total_records + 1, size):
        if len(urls) >= _MAX_GENERATED_PAGES:
            break
        end = min(start + size - 1, total_records)
        query = [("startrecord", start), ("endrecord", end), ("perpage", size)]
        urls.append(f"{base}?{urlencode(query + parameters)}")
    return urls


def datastore_page_size(raw_text: str) -> int | None:
    """Return how many records a Hanweb datastore list shows per page, if it says."""
    if not has_datastore(raw_text):
        return None
    per_page = _PER_PAGE.search(raw_text)
    size = int(per_page.group(1)) if per_page else 0
    return size or None


def has_datastore(raw_text: str) -> bool:
    """Tell whether the page carries a Hanweb datastore list."""
    return "<datastore" in raw_text.lower()


def _trs_pages(page: Page) -> list[str]:
    urls = []
    scripts = [script.text for script in page.root.iter("script") if script.text]
    for code in scripts:
        for call in _CREATE_PAGE.finditer(code):
            arguments = _call_arguments(call.group(1), scripts)
            if arguments is None:
                continue
            count, current, prefix, suffix = arguments
            for number in range(min(count, _MAX_GENERATED_PAGES)):
                if number == current:
                    continue
                name = (
                    f"{prefix}.{suffix}"
                    if number == 0
                    else f"{prefix}_{number}.{suffix}"
                )
                urls.append(urljoin(page.base_url, name))
    return urls


def _call_arguments(text: str, scripts: list[str]) -> tuple[int, int, str, str] | None:
    """Read (page count, current page, prefix, suffix) from createPageHTML's call.

    The classic call is (count, current, "index", "html"); newer templates put
    the pager element's id first and the record total last. Variables are
    looked up in the page's scripts.
    """
    numbers, strings = [], []
    for argument in (part.strip() for part in text.split(",")):
        literal = _STRING_ARGUMENT.match(argument)
        if literal:
            if numbers:
                strings.append(literal.group(2))
            continue
        if argument.isdigit():
            numbers.append(int(argument))
        elif re.fullmatch(r"[A-Za-z_$][\w$]*", argument):
            value = _variable_value(argument, scripts)
            if value is not None:
                numbers.append(value)
    if len(numbers) < 2 or len(strings) < 2:
        return None
    return numbers[0], numbers[1], strings[0], strings[1]


def _variable_value(name: str, scripts: list[str]) -> int | None:
    pattern = re.compile(_JS_VARIABLE.format(name=re.escape(name)))
    for code in scripts:
        match = pattern.search(code)
        if match:
            return int(match.group(1))
    return None


def _script_pager_links(page: Page) -> list[str]:
    """Return the pages a script pager opens: goPage(6) with its function in the page.

    `function goPage(n){ location.href = "list_" + n + ".html"; }` and pager
    links `javascript:goPage(2)` or `onclick="goPage(6)"` give list_2 and
    list_6 (the runs between are filled in later). Page 1 is the page itself.
    """
    templates = {}
    for script in page.root.iter("script"):
        if script.get("src") or not script.text:
            continue
        for name, parameter, body in _PAGE_FUNCTION.findall(script.text):
            assignment = _LOCATION_ASSIGNMENT.search(body)
            target = assignment and (assignment.group(1) or assignment.group(2))
            template = target and _url_template(target, parameter)
            if template:
                templates[name] = template
    if not templates:
        return []
    urls = []
    for anchor in page.root.iter("a"):
        code = f"{anchor.get('href') or ''} {anchor.get('onclick') or ''}"
        for name, number in _PAGE_CALL.findall(code):
            if name in templates and int(number) > 1:
                url = page.absolute(templates[name].replace(_NUMBER_SLOT, number))
                if url and url not in urls:
                    urls.append(url)
    return urls


def _url_template(expression: str, parameter: str) -> str | None:
    # "list_" + n + ".html" -> "list_{n}.html"; any other variable: no template.
    parts = []
    for part in expression.strip().strip("()").split("+"):
        part = part.strip()
        if part == parameter:
            parts.append(_NUMBER_SLOT)
        elif len(part) >= 2 and part[0] == part[-1] and part[0] in "'\"":
            parts.append(part[1:-1])
        else:
            return None
    template = "".join(parts)
    return template if template.count(_NUMBER_SLOT) == 1 else None


def _pager_links(page: Page) -> list[str]:
    urls = []
    for anchor in page.root.iter("a"):
        if page.flag(anchor) & TEMPLATE:
            continue
        url = page.absolute(anchor.get("href"))
        if not url:
            continue
        text = clean(page.text_of(anchor) or anchor.get("title")).lower()
        in_pager = _in_pager(page, anchor)
        if text in _NEXT_WORDS or (
            text.isdigit() and (in_pager or _PAGE_URL.search(url))
        ):
            urls.append(url)
        elif in_pager and _PAGE_URL.search(url):
            urls.append(url)
    return urls


def _fill_page_runs(urls: list[str]) -> list[str]:
    """Add the pages a pager skips: 下一页 index_2 and 尾页 index_9 give 2 to 9.

    Pagers often show only the next and last links (共9页 下一页 尾页); the pages
    between follow the same numbered pattern.
    """
    numbered: dict[tuple[str, str], set[int]] = {}
    filled = []
    for url in urls:
        match = _NUMBERED_PATH.search(url) or _NUMBERED_QUERY.search(url)
        if match:
            key = (url[: match.start(1)], url[match.end(1) :])
            numbered.setdefault(key, set()).add(int(match.group(1)))
        else:
            filled.append(url)
    for (head, tail), numbers in numbered.items():
        low, high = min(numbers), max(numbers)
        if high - low > _MAX_GENERATED_PAGES:
            numbers_in_order = sorted(numbers)
        else:
            numbers_in_order = range(low, high + 1)
        filled.extend(f"{head}{number}{tail}" for number in numbers_in_order)
    return filled


def _in_pager(page: Page, anchor) -> bool:
    node = anchor.getparent()
    for _ in range(3):
        if node is None:
            return False
        if page.tokens(node) & _PAGER_TOKENS:
            return True
        node = node.getparent()
    return False
