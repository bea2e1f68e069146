"""The parsed page and what every extraction step asks of it.

One walk over the tree marks each element with the structures it sits in:
navigation menus, the page header and footer, breadcrumbs, script templates
(avalon ``ms-repeat``, Vue ``v-for``, Angular ``ng-repeat`` rows that a browser
fills in) and conditionally shown blocks (``ms-if``, ``v-if``, inline
``display:none``). The other modules read those marks instead of climbing the
tree again, which keeps extraction fast on large pages.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.html
from lxml import etree

NAV = 1
HEADER = 2
FOOTER = 4
BREADCRUMB = 8
TEMPLATE = 16
CONDITIONAL = 32
ARTICLE = 64

# Structures whose links are site navigation rather than content.
NAVIGATION = NAV | HEADER | FOOTER | BREADCRUMB

_NAV_TOKENS = {
    "nav",
    "navbar",
    "navigation",
    "menu",
    "menus",
    "submenu",
    "menubar",
    "dh",
    "daohang",
    # The 信息公开 catalogue tree (目录) is navigation too.
    "catalog",
    "catalogue",
    "tree",
    "ztree",
    "mulu",
    "gkml",
    "xxgkml",
    "zfxxgkml",
}
_HEADER_TOKENS = {"header", "topbar"}
_FOOTER_TOKENS = {"footer", "foot", "copyright", "banquan"}
_BREADCRUMB_TOKENS = {
    "breadcrumb",
    "breadcrumbs",
    "crumb",
    "crumbs",
    "bread",
    "position",
    "location",
    "weizhi",
    "dqwz",
    "curpos",
    "currentposition",
}
_ARTICLE_TOKENS = {"article", "detail"}
# Words that make a header or footer class part of the content ("list_footer").
_CONTENT_TOKENS = {"article", "detail", "content", "title", "list", "news", "con"}
_NAV_ROLES = {"navigation", "menu", "menubar"}
_TEMPLATE_ATTRIBUTES = ("ms-repeat", "ms-for", "v-for", "ng-repeat", "x-for")
_CONDITIONAL_ATTRIBUTES = (
    "ms-if",
    "ms-visible",
    "v-if",
    "v-show",
    "ng-if",
    "ng-show",
    "x-show",
    "hidden",
)
_DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.I)
_TOKEN_SPLIT = re.compile(r"[^a-z]+")
# Header and footer classes count only near the top of the tree: deeper down,
# "article-header" and the like belong to the content.
_FRAME_DEPTH = 6

SKIP_TAGS = {"script", "style", "noscript", "template", "head", "title", "textarea"}
BLOCK_TAGS = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "tr",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "caption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "hr",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "form",
    "blockquote",
    "pre",
    "address",
    "center",
    "figure",
    "figcaption",
    "option",
}
CELL_TAGS = {"td", "th"}
_PARAGRAPH_TAGS = {"p", "pre", "blockquote", "li", "dd", "td", "div"}
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\$\{|<%")
_REJECTED_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "about:", "vbscript:")
_ZERO_WIDTH = str.maketrans({"\u200b": None, "\ufeff": None, "\u200c": None})


class Page:
    """A parsed page with its base URL and the structure marks of each element."""

    def __init__(self, text: str, url: str):
        self.url = url
        self.root = parse_html(text)
        self.base_url = self._find_base_url()
        self.flags: dict = {}
        self.depth: dict = {}
        self._urls: dict = {}
        self._texts: dict = {}
        self._tokens: dict = {}
        self._mark(self.root, 0, 0)
        self.elements = list(self.flags)
        self._positions: dict | None = None
        # Results several extraction steps share, by step name.
        self.cache: dict = {}

    def flag(self, element) -> int:
        """Return the structure marks of an element (0 when unknown)."""
        return self.flags.get(element, 0)

    def absolute(self, href: str | None) -> str | None:
        """Return the absolute URL of a link target, or None when it leads nowhere."""
        if href not in self._urls:
            self._urls[href] = absolute_url(href, self.base_url)
        return self._urls[href]

    def position(self, element) -> int:
        """Return an element's place in document order."""
        if self._positions is None:
            self._positions = {node: index for index, node in enumerate(self.elements)}
        return self._positions.get(element, -1)

    def text_of(self, element) -> str:
        """Return an element's text on one line (cached: links are read often)."""
        text = self._texts.get(element)
        if text is None:
            text = self._texts[element] = inline_text(element)
        return text

    def tokens(self, element) -> set[str]:
        """Return the lower-case words of an element's class and id (cached)."""
        tokens = self._tokens.get(element)
        if tokens is None:
            tokens = self._tokens[element] = class_tokens(element)
        return tokens

    def _find_base_url(self) -> str:
        for base in self.root.iter("base"):
            href = absolute_url(base.get("href"), self.url)
            if href:
                return href
        return self.url

    def _mark(self, element, inherited: int, depth: int) -> None:
        # An explicit stack: government pages nest tables deep enough to make
        # recursion a risk.
        stack = [(element, inherited, depth)]
        while stack:
            node, parent_flags, level = stack.pop()
            own = parent_flags | _own_flags(node, level, parent_flags)
            self.flags[node] = own
            self.depth[node] = level
            children = [child for child in node if isinstance(child.tag, str)]
            for child in reversed(children):
                stack.append((child, own, level + 1))


def find_content_root(page: Page, excluded: set | None = None):
    """Return the element holding the article body: the densest block of paragraphs.

    Each paragraph-level block (p, li, td, or a div holding no other block)
    counts its text fully for its parent and half for its grandparent, so the
    container of the body's paragraphs outscores both a single long paragraph
    and the page frame around it. Blocks in `excluded` (the metadata lines
    and table cells) do not count.
    """
    excluded = excluded or set()
    scores: dict = {}
    skipped = NAVIGATION | TEMPLATE
    for element in page.elements:
        if element.tag not in _PARAGRAPH_TAGS or page.flag(element) & skipped:
            continue
        if element.tag == "div" and any(child.tag in BLOCK_TAGS for child in element):
            continue
        if element in excluded or element.getparent() in excluded:
            continue
        length = len(clean(element.text_content()))
        parent = element.getparent()
        if not length or parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + length
        grandparent = parent.getparent()
        if grandparent is not None:
            scores[grandparent] = scores.get(grandparent, 0) + length / 2
    if not scores:
        return None
    return max(scores, key=scores.get)


def parse_html(text: str):
    """Parse a page leniently; an empty or broken page gives an empty document."""
    text = text.lstrip("\ufeff")
    if text.lstrip().startswith("<?xml"):
        text = text[text.find("?>") + 2 :]
    try:
        root = lxml.html.document_fromstring(text or "<html></html>")
    except (etree.ParserError, ValueError):
        root = lxml.html.document_fromstring("<html></html>")
    return root


def parse_fragment(text: str):
    """Parse an HTML fragment (a list record) under one wrapping element."""
    try:
        return lxml.html.fragment_fromstring(text, create_parent="div")
    except (etree.ParserError, ValueError):
        return lxml.html.fragment_fromstring("<div></div>")


def absolute_url(href: str | None, base: str) -> str | None:
    """Return `href` made absolute against `base`, without its fragment."""
    if not href:
        return None
    href = href.strip().strip("\"'").replace("\\", "/")
    lowered = href[:12].lower()
    if not href or href.startswith("#") or lowered.startswith(_REJECTED_SCHEMES):
        return None
    if _PLACEHOLDER.search(href):
        return None
    href = href.split("#", 1)[0]
    # Absolute and root-relative links need no dot-segment resolution, and
    # they are most links of a page: join them without urljoin's cost.
    plain = "/." not in href and "[" not in href
    if plain and lowered.startswith(("http://", "https://")):
        return href
    if plain and href.startswith("/") and not href.startswith("//"):
        origin = _origin(base)
        if origin:
            return origin + href
    try:
        joined = urldefrag(urljoin(base, href))[0]
        urlsplit(joined)
    except ValueError:
        return None
    if not joined.lower().startswith(("http://", "https://", "file://", "ftp://")):
        return None
    return joined


@functools.lru_cache(maxsize=256)
def _origin(url: str) -> str | None:
    scheme, _, rest = url.partition("://")
    if not rest or scheme.lower() not in ("http", "https"):
        return None
    return f"{scheme}://{rest.split('/', 1)[0].split('?', 1)[0]}"


def clean(text: str | None) -> str:
    """Return the text on one line with runs of whitespace made one space."""
    if not text:
        return ""
    return " ".join(text.translate(_ZERO_WIDTH).split())


def render_text(element, skip=None) -> str:
    """Return an element's visible text, one line per block, image alts included.

    `skip` is an optional predicate; elements for which it is true are left
    out with everything inside them.
    """
    parts: list[str] = []
    _render(element, parts, skip)
    joined = "".join(parts).translate(_ZERO_WIDTH)
    lines = (" ".join(line.split()) for line in joined.split("\n"))
    return "\n".join(line for line in lines if line)


def inline_text(element) -> str:
    """Return an element's text on one line (script and style left out)."""
    return clean(render_text(element).replace("\n", " "))


def has_placeholder(text: str) -> bool:
    """Tell whether a text or address is an unfilled script template."""
    return bool(_PLACEHOLDER.search(text or ""))


def class_tokens(element) -> set[str]:
    """Return the lower-case words of an element's class and id."""
    value = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return {token for token in _TOKEN_SPLIT.split(value) if token}


def _render(element, parts: list[str], skip) -> None:
    tag = element.tag
    if tag in SKIP_TAGS or (skip is not None and skip(element)):
        return
    block = tag in BLOCK_TAGS
    if block:
        parts.append("\n")
    elif tag in CELL_TAGS:
        parts.append(" ")
    if tag == "img":
        alt = element.get("alt")
        if alt:
            parts.append(f" {alt} ")
    if element.text:
        parts.append(element.text)
    for child in element:
        if isinstance(child.tag, str):
            _render(child, parts, skip)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append("\n")
    elif tag in CELL_TAGS:
        parts.append(" ")


def _own_flags(element, depth: int, inherited: int) -> int:
    tag = element.tag
    flags = 0
    attributes = element.attrib
    if attributes:
        for name in attributes:
            if name.startswith(_TEMPLATE_ATTRIBUTES):
                flags |= TEMPLATE
            elif name.startswith(_CONDITIONAL_ATTRIBUTES):
                flags |= CONDITIONAL
        style = attributes.get("style")
        if style and _DISPLAY_NONE.search(style):
            flags |= CONDITIONAL
        role = (attributes.get("role") or "").lower()
        if role in _NAV_ROLES:
            flags |= NAV
        elif role == "banner" and not inherited & ARTICLE:
            flags |= HEADER
        elif role == "contentinfo" and not inherited & ARTICLE:
            flags |= FOOTER
        tokens = class_tokens(element)
        if tokens:
            flags |= _token_flags(tokens, depth, inherited)
    if tag == "template":
        flags |= TEMPLATE
    elif tag in ("nav", "menu"):
        flags |= NAV
    elif tag in ("article", "main"):
        flags |= ARTICLE
    elif tag == "header" and not inherited & ARTICLE:
        flags |= HEADER
    elif tag == "footer" and not inherited & ARTICLE:
        flags |= FOOTER
    return flags


def _token_flags(tokens: set[str], depth: int, inherited: int) -> int:
    flags = 0
    if tokens & _NAV_TOKENS:
        flags |= NAV
    if tokens & _BREADCRUMB_TOKENS:
        flags |= BREADCRUMB
    if tokens & _ARTICLE_TOKENS:
        flags |= ARTICLE
    in_frame = depth <= _FRAME_DEPTH and not inherited & ARTICLE
    if in_frame and not tokens & _CONTENT_TOKENS:
        if tokens & _HEADER_TOKENS:
            flags |= HEADER
        if tokens & _FOOTER_TOKENS:
            flags |= FOOTER
    return flags
