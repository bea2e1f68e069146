"""Page structure: links, columns, breadcrumbs and the footer.

Columns are named in four places: navigation menus (nav, menu and header
link lists), the 信息公开 catalogue tree (目录; nested lists whose inner links
record the outer entry as parent), breadcrumbs (当前位置/您的位置, split on
> › » / ＞) and, on list pages, the page's own heading. Embedded frames are
links of kind "iframe" and become columns when they may carry a list.
"""

from __future__ import annotations

import re
from itertools import islice

from crawler.dom import (
    BREADCRUMB,
    FOOTER,
    NAVIGATION,
    TEMPLATE,
    Page,
    clean,
    inline_text,
    render_text,
)
from crawler.facts import ColumnRef, LinkRef

_BREADCRUMB_WORDS = re.compile(
    r"(?:当前位置|您的位置|你的位置|您现在的位置|你现在的位置|您当前的位置|所在位置|"
    r"当前页面|现在位置)\s*[:：]?"
)
_BREADCRUMB_SPLIT = re.compile(r"\s*(?:>>|->|→|›|»|＞|>|/|\\|》)\s*")
_CATALOGUE_TOKENS = {
    "tree",
    "catalog",
    "catalogue",
    "mulu",
    "ml",
    "gkml",
    "xxgkml",
    "zfxxgkml",
    "directory",
    "ztree",
}
_UTILITY_WORDS = {
    "首页",
    "网站首页",
    "返回首页",
    "登录",
    "注册",
    "注销",
    "无障碍",
    "无障碍浏览",
    "长者模式",
    "退出长者模式",
    "关怀版",
    "繁体",
    "繁體",
    "简体",
    "繁体版",
    "移动版",
    "english",
    "设为首页",
    "加入收藏",
    "收藏本站",
    "打印",
    "关闭",
    "更多",
    "more",
    "微信",
    "微博",
    "分享",
    "搜索",
}
_FOOTER_MARKS = re.compile(r"版权所有|主办单位|主办：|ICP备|网站标识码|公网安备")
_NON_LIST_FRAMES = re.compile(
    r"map|video|player|viewer|\.pdf|\.ofd|weather|tianqi|share|calendar", re.I
)
# Frames smaller than this (in pixels) are widgets, not lists.
_MIN_FRAME_HEIGHT = 100
_MIN_FRAME_WIDTH = 200
_MAX_COLUMN_NAME = 30
_MAX_CATALOGUE_DEPTH = 8
_REFRESH_TARGET = re.compile(r"url\s*=\s*['\"]?([^'\";]+)", re.I)
# A script that sends the visitor on: location.href = "/index.html".
_SCRIPT_REDIRECT = re.compile(
    r"""\blocation(?:\.href)?\s*=\s*['"]([^'"]+)['"]"""
    r"""|\blocation\.(?:replace|assign)\s*\(\s*['"]([^'"]+)['"]\s*\)"""
)
# A page with fewer links than this may be a stub that forwards by script.
_STUB_MAX_LINKS = 3
_MAX_FRAME_HEADING = 20


def find_links(page: Page) -> list[LinkRef]:
    """Return every link of the page: anchors, frames, images, scripts, styles."""
    links = []
    for element in page.elements:
        tag = element.tag
        if tag in ("a", "area"):
            url = page.absolute(element.get("href"))
            kind = "a"
            text = page.text_of(element) or clean(element.get("title"))
        elif tag in ("iframe", "frame"):
            url = page.absolute(element.get("src"))
            kind = "iframe"
            text = clean(element.get("title") or element.get("name"))
        elif tag == "img":
            url = page.absolute(element.get("src"))
            kind = "img"
            text = clean(element.get("alt"))
        elif tag == "script":
            url = page.absolute(element.get("src"))
            kind, text = "script", ""
        elif tag == "link" and "stylesheet" in (element.get("rel") or "").lower():
            url = page.absolute(element.get("href"))
            kind, text = "css", ""
        elif tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            # Portal roots often forward to the real homepage this way.
            target = _REFRESH_TARGET.search(element.get("content") or "")
            url = page.absolute(target.group(1)) if target else None
            kind, text = "a", ""
        else:
            continue
        if url:
            in_navigation = bool(page.flag(element) & NAVIGATION)
            links.append(LinkRef(url, text, in_navigation, kind))
    return links


def find_script_redirect(page: Page) -> str | None:
    """Return where a stub page's script forwards the visitor, if it does.

    Portal roots sometimes hold nothing but `location.href = "/zwgk/index.html"`.
    Only a page with almost no links counts: a page with content keeps such
    code in click handlers, not as where it leads.
    """
    # Runs on every page: stop counting links as soon as there are enough.
    links = (anchor for anchor in page.root.iter("a") if anchor.get("href"))
    if next(islice(links, _STUB_MAX_LINKS - 1, None), None) is not None:
        return None
    for script in page.root.iter("script"):
        if script.get("src") or not script.text:
            continue
        match = _SCRIPT_REDIRECT.search(script.text)
        if match:
            url = page.absolute(match.group(1) or match.group(2))
            if url and url != page.url:
                return url
    return None


def find_breadcrumb(page: Page) -> tuple[list[str], list[ColumnRef]]:
    """Return the breadcrumb's names and the columns its links name."""
    container = _breadcrumb_container(page)
    if container is None:
        return [], []
    anchors = [
        anchor
        for anchor in container.iter("a")
        if not page.flag(anchor) & TEMPLATE and page.text_of(anchor)
    ]
    names = []
    columns = []
    if anchors:
        for anchor in anchors:
            name = _strip_marker(page.text_of(anchor))
            if not name:
                continue
            url = page.absolute(anchor.get("href"))
            if url and name not in _UTILITY_WORDS:
                parent = names[-1] if names else None
                columns.append(ColumnRef(name, url, "breadcrumb", parent))
            names.append(name)
        trailing = _split_breadcrumb(_text_after(anchors[-1], container))
        names.extend(name for name in trailing if _is_crumb_name(name))
    else:
        names = _split_breadcrumb(inline_text(container))
    return names, columns


def find_navigation_columns(page: Page) -> list[ColumnRef]:
    """Return the columns named by navigation menus and catalogue trees."""
    columns = []
    seen = set()
    for anchor in page.root.iter("a"):
        flags = page.flag(anchor)
        if flags & (TEMPLATE | BREADCRUMB | FOOTER):
            continue
        catalogue = _in_catalogue(page, anchor)
        if not flags & NAVIGATION and not catalogue:
            continue
        name = page.text_of(anchor) or clean(anchor.get("title"))
        url = page.absolute(anchor.get("href"))
        if not url or not _is_column_name(name) or (name, url) in seen:
            continue
        seen.add((name, url))
        source = "catalogue" if catalogue else "navigation"
        columns.append(ColumnRef(name, url, source, _parent_name(anchor)))
    return columns


def find_frame_columns(page: Page) -> list[ColumnRef]:
    """Return embedded frames that may carry a list, as columns."""
    columns = []
    for frame in page.elements:
        if frame.tag not in ("iframe", "frame") or page.flag(frame) & TEMPLATE:
            continue
        url = page.absolute(frame.get("src"))
        if not url or _NON_LIST_FRAMES.search(url) or _is_widget(frame):
            continue
        name = clean(frame.get("title") or frame.get("name")) or _heading_before(frame)
        columns.append(ColumnRef(name, url, "iframe"))
    return columns


def find_footer_text(page: Page) -> str:
    """Return the text of the footer block (copyright, sponsor, filing numbers)."""
    footers = [
        element
        for element in page.elements
        if page.flag(element) & FOOTER and not page.flag(element.getparent()) & FOOTER
    ]
    marked = [
        element for element in footers if _FOOTER_MARKS.search(page.text_of(element))
    ]
    if marked or footers:
        chosen = marked or footers
        return "\n".join(render_text(element) for element in chosen)
    return _footer_by_marks(page)


def _footer_by_marks(page: Page) -> str:
    body = page.root.find("body")
    if body is None:
        return ""
    last = None
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        if element.text and _FOOTER_MARKS.search(element.text):
            last = element
    if last is None:
        return ""
    # Climb to the block holding the whole footer: stop before the parent
    # that holds much more text than the footer itself.
    block = last
    while block.getparent() is not None and block.getparent().tag != "body":
        parent = block.getparent()
        if (
            len(clean(parent.text_content()))
            > 3 * len(clean(block.text_content())) + 200
        ):
            break
        block = parent
    return render_text(block)


def _breadcrumb_container(page: Page):
    for element in page.elements:
        if (
            page.flag(element) & BREADCRUMB
            and not page.flag(element.getparent()) & BREADCRUMB
        ):
            if page.text_of(element):
                return element
    for element in page.elements:
        if element.tag in ("script", "style") or page.flag(element) & TEMPLATE:
            continue
        if element.text and _BREADCRUMB_WORDS.search(element.text):
            # The words often sit in their own span beside the path: climb to
            # the block that holds the path too.
            block = element
            while not _BREADCRUMB_WORDS.sub("", inline_text(block)).strip():
                block = block.getparent()
                if block is None or block.tag == "body":
                    return None
            return block
    return None


def _is_crumb_name(name: str) -> bool:
    # The unlinked current page, not a date, a font switch or a search box.
    return len(name) <= _MAX_COLUMN_NAME and not re.search(r"\d{2}|[:：]", name)


def _text_after(anchor, container) -> str:
    """Return the container's text after `anchor`: the unlinked current page."""
    parts = [anchor.tail or ""]
    node = anchor
    while node is not None and node is not container:
        for sibling in node.itersiblings():
            if isinstance(sibling.tag, str):
                parts.append(inline_text(sibling))
            parts.append(sibling.tail or "")
        node = node.getparent()
    return clean(" ".join(parts))


def _split_breadcrumb(text: str) -> list[str]:
    text = _BREADCRUMB_WORDS.sub(" ", text)
    names = [_strip_marker(part) for part in _BREADCRUMB_SPLIT.split(text)]
    return [name for name in names if name]


def _strip_marker(name: str) -> str:
    name = _BREADCRUMB_WORDS.sub("", name)
    return clean(name.strip(">›»＞/\\|:：-"))


def _is_column_name(name: str) -> bool:
    if not name or len(name) > _MAX_COLUMN_NAME:
        return False
    if name.lower() in _UTILITY_WORDS or any(mark in name for mark in "，。；！？"):
        return False
    if name.endswith((":", "：")):
        return False
    return any(char.isalpha() for char in name)


def _in_catalogue(page: Page, anchor) -> bool:
    node = anchor.getparent()
    for _ in range(_MAX_CATALOGUE_DEPTH):
        if node is None:
            return False
        if page.tokens(node) & _CATALOGUE_TOKENS:
            return True
        node = node.getparent()
    return False


def _parent_name(anchor) -> str | None:
    """Return the name of the enclosing list entry of an entry in a nested list."""
    item = anchor.getparent()
    while item is not None and item.tag != "li":
        item = item.getparent()
    if item is None:
        return None
    outer = item.getparent()
    while outer is not None and outer.tag != "li":
        outer = outer.getparent()
    if outer is None:
        return None
    for child in outer:
        if child is item or child.tag in ("ul", "ol"):
            break
        text = inline_text(child)
        if text:
            return text
    own = clean(outer.text)
    return own or None


def _is_widget(frame) -> bool:
    """Tell whether a frame is a small widget (a weather strip, a counter)."""
    for name, least in (("height", _MIN_FRAME_HEIGHT), ("width", _MIN_FRAME_WIDTH)):
        value = (frame.get(name) or "").strip().lower().removesuffix("px")
        if value.isdigit() and int(value) < least:
            return True
    return False


def _heading_before(frame) -> str:
    """Return the heading just before a frame (or its wrapper), if there is one."""
    node = frame
    for _ in range(3):
        sibling = node.getprevious()
        while sibling is not None and not isinstance(sibling.tag, str):
            sibling = sibling.getprevious()
        if sibling is not None:
            text = inline_text(sibling)
            if text and len(text) <= _MAX_FRAME_HEADING:
                return text
            return ""
        node = node.getparent()
        if node is None or node.tag == "body":
            break
    return ""
