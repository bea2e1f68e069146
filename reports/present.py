"""How values read in the reports: dates, numbers, evidence and suggestions.

Crawled text reaches the reports through here and through the template's
autoescaping only. URLs become links only when they are http or https, so a
crawled `javascript:` address shows as text and can never run.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from urllib.parse import urlsplit

from reports.labels import (
    DATE_KEY_LABELS,
    DATE_SOURCE_LABELS,
    DEFAULT_SUGGESTION,
    PROBLEM_STATUSES,
    UNKNOWN_SUGGESTION,
    verdict_label,
)
from reports.load import EvidenceRecord, ScoringData

# Quotes longer than this are cut in the HTML report; the exports keep them whole.
QUOTE_CHARACTERS = 400


def format_date(value) -> str:
    """Return a date (or a datetime's day) as YYYY-MM-DD, or "" for none."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def format_datetime(value) -> str:
    """Return a timestamp as YYYY-MM-DD HH:MM:SS; ISO strings are tidied."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if not value:
        return ""
    text = str(value)
    try:
        return datetime.fromisoformat(text).strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return text


def format_number(value, digits: int = 2) -> str:
    """Return a score or point value without trailing zeros ("—" for none)."""
    if value is None:
        return "—"
    text = f"{float(value):.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_percent(value) -> str:
    """Return a fraction as a whole percentage ("—" for none)."""
    return "—" if value is None else f"{value * 100:.0f}%"


def safe_href(url: str | None) -> str | None:
    """Return `url` when it may be a link (http or https), else None."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def describe_dates(dates) -> str:
    """Return the dates a rule compared as one line of text."""
    if not dates:
        return ""
    if isinstance(dates, dict):
        return "；".join(
            f"{DATE_KEY_LABELS.get(key, key)}：{_date_value(key, value)}"
            for key, value in dates.items()
            if value is not None
        )
    if isinstance(dates, list):
        return "；".join(str(value) for value in dates)
    if isinstance(dates, str):
        return dates
    return json.dumps(dates, ensure_ascii=False)


def _date_value(key: str, value) -> str:
    if key.endswith("_source") and isinstance(value, str):
        return DATE_SOURCE_LABELS.get(value, value)
    return str(value)


def evidence_context(data: ScoringData, entry: EvidenceRecord) -> dict:
    """Return one evidence entry as the report shows it."""
    quote = entry.quote or ""
    if len(quote) > QUOTE_CHARACTERS:
        quote = quote[: QUOTE_CHARACTERS - 1] + "…"
    stored = data.evidence_files.get(entry.screenshot) if entry.screenshot else None
    return {
        "url": entry.url or "",
        "href": safe_href(entry.url),
        "title": entry.title or "",
        "fetched_at": format_datetime(entry.fetched_at),
        "http_status": entry.http_status,
        "quote": quote,
        "dates": describe_dates(entry.dates),
        "verdict": verdict_label(entry.verdict) if entry.verdict else "",
        "screenshot": entry.screenshot,
        "screenshot_taken_at": format_datetime(stored["created_at"]) if stored else "",
        "screenshot_sha256": (stored or {}).get("sha256") or "",
    }


def suggestion_for(indicator: dict, status: str) -> str | None:
    """Return the rectification suggestion for a finding of `status`, if any."""
    if status in PROBLEM_STATUSES:
        return indicator.get("suggestion") or DEFAULT_SUGGESTION
    if status == "unknown":
        return UNKNOWN_SUGGESTION
    return None
