"""Check the link targets the crawl itself did not fetch.

A target on the portal that the page or depth limits left unfetched, an
image, a script, a style sheet, and a target off the portal all still need a
status for `site.broken_links`. After a portal's pages are fetched, its
unknown targets are checked with HEAD (GET, stopped after the headers, when
HEAD is refused), at most `max_link_checks_per_portal` on the portal and
`max_external_links_per_portal` off it, homepage links first since they cost
the most. A crawler process remembers each target's status, so a link every
portal carries is checked once.
"""

from __future__ import annotations

from datetime import datetime

from crawler.record import CheckResult, PortalRecord
from crawler.scope import is_http_url
from zwgk.config import CrawlSettings

# HEAD answers that may only mean the server refuses HEAD: retried with GET.
HEAD_REFUSED = frozenset({400, 403, 404, 405, 406, 500, 501, 502, 503})


def choose_link_checks(
    record: PortalRecord, crawl: CrawlSettings, known: dict[str, CheckResult]
) -> tuple[list[str], list[str]]:
    """Return (targets on the portal, targets off it) to check, best first.

    Targets whose status the crawl or an earlier check gave are left out;
    those found in `known` (the process's earlier checks) are copied into
    the record instead of being checked again.
    """
    ranked: dict[str, tuple[int, int, int]] = {}
    for order, link in enumerate(record.links.values()):
        target = link.target_url
        if not is_http_url(target) or target in record.checks:
            continue
        outcome = record.outcome_of(target)
        if outcome is not None and not outcome.disallowed:
            continue
        rank = (
            0 if record.is_homepage_or_frame(link.source_url) else 1,
            0 if link.in_navigation else 1,
            order,
        )
        if target not in ranked or rank < ranked[target]:
            ranked[target] = rank
    internal, external = [], []
    for target in sorted(ranked, key=ranked.get):
        if target in known:
            record.checks[target] = known[target]
            continue
        outcome = record.outcome_of(target)
        if outcome is not None and outcome.disallowed:
            continue
        if record.scope.contains(target):
            internal.append(target)
        elif crawl.check_external_links:
            external.append(target)
    return (
        internal[: crawl.max_link_checks_per_portal],
        external[: crawl.max_external_links_per_portal],
    )


def check_result(status: int | None, error: str | None) -> CheckResult:
    """Return a check's outcome stamped with the time it was made."""
    return CheckResult(status=status, error=error, checked_at=datetime.now())


def needs_get_retry(status: int | None, error: str | None) -> bool:
    """Whether a HEAD outcome should be confirmed with GET."""
    if status is not None:
        return status in HEAD_REFUSED
    return error is not None and not error.startswith(("timed out", "host name"))
