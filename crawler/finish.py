"""The end of a portal's crawl: its snapshot, its status, and one log line."""

from __future__ import annotations

import logging
from datetime import datetime

from crawler.record import PortalRecord
from crawler.snapshot import build_snapshot
from crawler.writer import FinishedPortal
from zwgk.config import CrawlSettings

logger = logging.getLogger(__name__)


def finish_portal(
    record: PortalRecord, crawl: CrawlSettings, reason: str | None, log_extra: dict
) -> FinishedPortal:
    """Assemble a portal's snapshot and final state, and log the outcome."""
    snapshot = build_snapshot(record, crawl.max_list_pages)
    status, error = portal_status(record, reason)
    finished = FinishedPortal(
        portal_id=record.portal_id,
        run_id=record.run_id,
        unit_key=record.unit_key,
        snapshot=snapshot,
        evidence=record.evidence,
        portal_values={
            "status": status,
            "error": error,
            "pages_fetched": record.pages_stored
            - record.pages_failed
            - record.pages_disallowed,
            "pages_failed": record.pages_failed,
            "started_at": record.started_at,
            "finished_at": datetime.now(),
        },
        pages=record.pages_stored,
    )
    counts = (
        record.pages_stored,
        record.pages_failed,
        len(snapshot.columns),
        len(snapshot.disclosures),
        len(snapshot.links),
    )
    if status == "ok":
        logger.info(
            "Finished portal %s: %s pages (%s failed), %s columns, "
            "%s disclosures, %s links",
            record.unit_key,
            *counts,
            extra=log_extra,
        )
    else:
        logger.warning(
            "Could not assess portal %s: %s; %s pages (%s failed), %s columns, "
            "%s disclosures, %s links",
            record.unit_key,
            error,
            *counts,
            extra=log_extra,
        )
    return finished


def portal_status(record: PortalRecord, reason: str | None) -> tuple[str, str | None]:
    """Return the portal's status and error: ok when any page answered 2xx."""
    if reason:
        return "error", reason
    if any(outcome.ok for outcome in record.outcomes.values()):
        return "ok", None
    if record.homepage_error:
        return "error", f"homepage: {record.homepage_error}"
    return "error", "no page of the portal could be fetched"
