"""Turn one response, or one failed request, into what a Page row holds.

A response is read according to what it is: an HTML page goes through the
extractor, a JSON list endpoint through `extract_json_list`, a document
(PDF, Word, Excel, text) through `crawler.attachments`. A request that got no
response ends with an error text that says why, in words a report reader
understands.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from crawler import frontier as intents
from crawler.attachments import extract_document_text, sniff_document_type
from crawler.extract import extract_page
from crawler.facts import PageFacts
from crawler.frontier import Visit

# Text kept per page at most.
MAX_PAGE_TEXT_CHARS = 200_000


@dataclass
class ReadBody:
    """What a response body turned out to be, and what was read from it."""

    kind: str  # html, json, document, other
    facts: PageFacts | None = None
    text: str | None = None
    document_type: str = ""


def content_type_of(response) -> str:
    """Return the response's Content-Type header value, decoded."""
    value = response.headers.get(b"Content-Type") or b""
    return value.decode("latin-1").strip()


def classify_body(
    body: bytes, url: str, content_type: str, *, json_expected: bool
) -> str:
    """Return html, json, document or other for a response body."""
    lowered = content_type.lower()
    document = sniff_document_type(body, url, content_type)
    if document and document != "txt":
        return "document"
    if "json" in lowered or (json_expected and body.lstrip()[:1] in (b"{", b"[")):
        return "json"
    if "html" in lowered or "xml" in lowered:
        return "html"
    head = body[:1024].lstrip().lower()
    if head.startswith(
        (b"<!doctype", b"<html", b"<head", b"<meta", b"<body", b"<?xml")
    ):
        return "html"
    if document == "txt":
        return "document"
    if not lowered and b"<" in head[:200]:
        return "html"
    return "other"


def page_values(
    *,
    run_id: int,
    portal_id: int,
    url: str,
    depth: int,
    role: str,
    response=None,
    facts: PageFacts | None = None,
    text: str | None = None,
    rendered: bool = False,
    error: str | None = None,
) -> dict:
    """Return every Page field for a fetched or failed URL."""
    values = {
        "run_id": run_id,
        "portal_id": portal_id,
        "url": url,
        "final_url": None,
        "status": None,
        "fetched_at": datetime.now(),
        "elapsed_seconds": None,
        "content_type": None,
        "encoding": None,
        "sha256": None,
        "size_bytes": None,
        "title": None,
        "depth": depth,
        "role": role,
        "rendered": rendered,
        "error": error,
        "text": text[:MAX_PAGE_TEXT_CHARS] if text else text,
        "footer_text": None,
        "meta": {},
    }
    if response is not None:
        body = response.body
        latency = response.meta.get("download_latency")
        values.update(
            final_url=response.url,
            status=response.status,
            elapsed_seconds=round(latency, 4) if latency is not None else None,
            content_type=content_type_of(response)[:200] or None,
            sha256=hashlib.sha256(body).hexdigest(),
            size_bytes=len(body),
        )
    if facts is not None:
        values.update(
            encoding=(facts.encoding or None),
            title=facts.html_title or facts.title,
            text=facts.text[:MAX_PAGE_TEXT_CHARS],
            footer_text=facts.footer_text,
            meta=dict(facts.meta),
        )
    return values


def read_document(body: bytes, url: str, content_type: str) -> ReadBody:
    """Read the text of a document response (PDF, Word, Excel, text)."""
    kind = sniff_document_type(body, url, content_type)
    return ReadBody(
        "document", text=extract_document_text(body, kind), document_type=kind
    )


def has_list_content(facts: PageFacts) -> bool:
    """Whether a page holds a list: entries, pagination, endpoints or a notice."""
    return bool(
        facts.items
        or facts.pagination_urls
        or facts.list_endpoints
        or facts.empty_notice
        or facts.needs_javascript
    )


def describe_failure(failure, *, max_page_bytes: int | None = None) -> str:
    """Return why a request got no usable response, in a few words."""
    exc = failure.value
    name = type(exc).__name__
    message = str(exc)
    if name == "IgnoreRequest" and "robots.txt" in message:
        return "disallowed by robots.txt"
    if name == "IgnoreRequest" and "redirect" in message:
        return "redirect loop: too many redirects"
    if "Timeout" in name or name == "TimeoutError":
        return "timed out"
    if name in ("CannotResolveHostError", "DNSLookupError"):
        return "host name not resolved"
    if "ConnectionRefused" in name:
        return "connection refused"
    if name in ("DownloadCancelledError", "CancelledError"):
        # Scrapy cancels a download only when it outgrows the size limit.
        limit = f"{max_page_bytes} bytes" if max_page_bytes else "the size limit"
        return f"response larger than {limit}"
    if name in (
        "DownloadFailedError",
        "ResponseFailed",
        "ResponseNeverReceived",
        "ConnectionLost",
        "ConnectionDone",
        "ResponseDataLossError",
        "PotentialDataLoss",
    ):
        return (
            f"connection dropped: {message[:200]}" if message else "connection dropped"
        )
    return f"{name}: {message[:300]}"


def read_body(visit: Visit, response, content_type: str):
    """Read a 2xx response as a page, a JSON list or a document."""
    body = response.body
    if "download_stopped" in response.flags and visit.intent != intents.CHECK:
        return ReadBody("other")
    kind = classify_body(
        body, response.url, content_type, json_expected=visit.intent == intents.ENDPOINT
    )
    if kind == "html":
        facts = extract_page(
            body,
            response.url,
            encoding="utf-8" if visit.render else None,
            content_type=content_type or None,
        )
        return ReadBody("html", facts=facts)
    if kind == "document":
        return read_document(body, response.url, content_type)
    return ReadBody(kind)


def role_of(visit: Visit, facts: PageFacts | None, kind: str) -> str:
    """Return the role of a fetched page: homepage, column, disclosure, ..."""
    if visit.intent == intents.HOMEPAGE:
        return "homepage"
    if visit.intent == intents.ENDPOINT or kind == "json":
        return "column"
    if visit.intent == intents.ATTACHMENT:
        return "attachment"
    if facts is not None and facts.kind == "list":
        return "column"
    if facts is not None and facts.kind == "disclosure":
        return "disclosure"
    if visit.intent in (intents.COLUMN, intents.LIST):
        return "column"
    if visit.intent == intents.ENTRY:
        return "disclosure"
    return "other"


def role_of_failed(visit: Visit) -> str:
    """Return the role a failed request was meant to fill."""
    return {
        intents.HOMEPAGE: "homepage",
        intents.COLUMN: "column",
        intents.LIST: "column",
        intents.ENDPOINT: "column",
        intents.ENTRY: "disclosure",
        intents.ATTACHMENT: "attachment",
    }.get(visit.intent, "other")
