"""Which addresses belong to a portal, and which to an off-portal column.

A portal is identified by its base URL: its host (a leading ``www.`` ignored,
the port kept) and the folder of its path. A department portal at
``http://city.gov.cn/dept/edu/`` therefore does not own the city's homepage.
An off-portal column (a 双公示 column on the city's credit platform) is read
under the address its link gives: same host, same folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urldefrag, urlsplit

# File types the crawler never follows as pages: a link to one is only checked.
NOT_PAGE_SUFFIXES = (
    ".pdf",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".ppt",
    ".pptx",
    ".wps",
    ".et",
    ".txt",
    ".rtf",
    ".zip",
    ".rar",
    ".7z",
    ".gz",
    ".tar",
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".bmp",
    ".webp",
    ".svg",
    ".ico",
    ".mp3",
    ".mp4",
    ".avi",
    ".flv",
    ".wmv",
    ".mov",
    ".swf",
    ".exe",
    ".apk",
    ".css",
    ".js",
    ".xml",
    ".json",
)

# Attachment types whose text the crawler reads.
ATTACHMENT_SUFFIXES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".txt", ".wps", ".et")


def url_key(url: str) -> str:
    """Return `url` without its fragment: the key pages and links are matched by."""
    return urldefrag(url.strip())[0]


# File names a web server answers its folder with: /x/index.html is /x/.
INDEX_NAMES = frozenset(
    f"{stem}.{suffix}"
    for stem in ("index", "default")
    for suffix in ("html", "htm", "shtml", "jsp", "php", "asp", "aspx")
)


def folder_form(url: str) -> str:
    """Return `url` with a trailing index file name dropped (/x/index.html -> /x/)."""
    if "?" in url:
        return url
    head, _, name = url.rpartition("/")
    return head + "/" if name.lower() in INDEX_NAMES else url


def is_http_url(url: str) -> bool:
    """Whether `url` is an absolute http(s) address (not mailto:, javascript:)."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def host_of(url: str) -> str:
    """Return the host (with port, without a leading www.) of `url`."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    port = parts.port
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return f"{host}:{port}" if port and port != default else host


def folder_of(url: str) -> str:
    """Return the folder of `url`'s path, ending in a slash."""
    path = urlsplit(url).path or "/"
    return path[: path.rfind("/") + 1]


def path_suffix(url: str) -> str:
    """Return the lower-cased file suffix of `url`'s path ('' when none)."""
    name = urlsplit(url).path.rsplit("/", 1)[-1].lower()
    return name[name.rfind(".") :] if "." in name else ""


def looks_like_page(url: str) -> bool:
    """Whether a link to `url` may lead to an HTML page worth following."""
    return path_suffix(url) not in NOT_PAGE_SUFFIXES


def looks_like_attachment(url: str) -> bool:
    """Whether `url` names a document file whose text the crawler reads."""
    return path_suffix(url) in ATTACHMENT_SUFFIXES


@dataclass(frozen=True)
class Area:
    """One host and folder: the addresses below it belong to the area."""

    host: str
    folder: str

    @classmethod
    def of(cls, url: str) -> Area:
        """Return the area of `url`: its host and the folder of its path."""
        return cls(host_of(url), folder_of(url))

    def contains(self, url: str) -> bool:
        """Whether `url` lies in this area."""
        if not is_http_url(url) or host_of(url) != self.host:
            return False
        return (urlsplit(url).path or "/").startswith(self.folder)


@dataclass
class PortalScope:
    """The areas of one portal: its base URL's, and those its homepage moved to."""

    areas: list[Area] = field(default_factory=list)
    # Answers already given: a portal's pages name the same URLs many times.
    _known: dict[str, bool] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, base_url: str, extra_urls: list[str] | None = None) -> PortalScope:
        """Return the scope of a portal at `base_url` (and its start URLs)."""
        scope = cls([Area.of(base_url)])
        for url in extra_urls or []:
            scope.add(url)
        return scope

    def add(self, url: str) -> None:
        """Add the area of `url` (a homepage that redirected elsewhere)."""
        area = Area.of(url)
        if any(known.contains(url) for known in self.areas):
            return
        self.areas.append(area)
        self._known.clear()

    def contains(self, url: str) -> bool:
        """Whether `url` belongs to the portal."""
        known = self._known.get(url)
        if known is None:
            known = any(area.contains(url) for area in self.areas)
            if len(self._known) < 200_000:
                self._known[url] = known
        return known
