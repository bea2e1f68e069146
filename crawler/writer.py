"""Write a crawler process's snapshot to the store from a thread of its own.

The spider runs on the reactor thread and must not wait for the database, so
it hands rows to a `SnapshotWriter`, which writes them in batches: pages as
they are fetched, and a portal's columns, disclosures, links and screenshots
once the portal is finished. Pages are named by URL until then; the writer
remembers their ids per portal to resolve the references.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import insert, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from crawler.progress import pages_event, portal_event
from crawler.snapshot import PortalSnapshot
from store.models import Column, Disclosure, EvidenceFile, Link, Page, Portal

logger = logging.getLogger(__name__)

# Messages written in one transaction at most.
BATCH_SIZE = 400


@dataclass
class PageRow:
    """A page to insert, or to update when its URL was stored already."""

    portal_id: int
    url: str
    values: dict


@dataclass
class FinishedPortal:
    """A portal's last rows and its final state."""

    portal_id: int
    run_id: int
    unit_key: str
    snapshot: PortalSnapshot
    evidence: list[dict]
    portal_values: dict
    pages: int = 0
    extra: dict = field(default_factory=dict)


class SnapshotWriter:
    """A thread that owns the database connection of one crawler process."""

    def __init__(self, engine: Engine, events=None):
        self.engine = engine
        self.events = events
        self._queue: queue.Queue = queue.Queue()
        self._page_ids: dict[int, dict[str, int]] = {}
        self._thread = threading.Thread(
            target=self._run, name="zwgk-snapshot-writer", daemon=True
        )

    def start(self) -> SnapshotWriter:
        """Start writing in the background."""
        self._thread.start()
        return self

    def add_page(self, row: PageRow) -> None:
        """Queue a page row."""
        self._queue.put(row)

    def finish_portal(self, finished: FinishedPortal) -> None:
        """Queue a finished portal's rows."""
        self._queue.put(finished)

    def close(self) -> None:
        """Write what is queued and stop the thread."""
        self._queue.put(None)
        self._thread.join()

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            while batch[-1] is not None and len(batch) < BATCH_SIZE:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            stop = batch[-1] is None
            self._write_batch([message for message in batch if message is not None])
            if stop:
                return

    def _write_batch(self, batch: list) -> None:
        pages = [message for message in batch if isinstance(message, PageRow)]
        if pages:
            self._write_pages(pages)
        for message in batch:
            if isinstance(message, FinishedPortal):
                self._write_portal(message)

    def _write_pages(self, rows: list[PageRow]) -> None:
        try:
            with self.engine.begin() as connection:
                fresh = []
                for row in rows:
                    known = self._page_ids.setdefault(row.portal_id, {}).get(row.url)
                    if known is None:
                        fresh.append(row)
                    else:
                        connection.execute(
                            update(Page).where(Page.id == known).values(**row.values)
                        )
                fresh = _unique_by_url(fresh)
                if fresh:
                    result = connection.execute(
                        insert(Page).returning(Page.id, sort_by_parameter_order=True),
                        [row.values for row in fresh],
                    )
                    for row, page_id in zip(fresh, result.scalars(), strict=True):
                        self._page_ids[row.portal_id][row.url] = page_id
        except SQLAlchemyError:
            logger.error("Could not store %s pages", len(rows), exc_info=True)
            return
        if self.events is not None:
            self.events.put(pages_event(len(rows)))

    def _write_portal(self, finished: FinishedPortal) -> None:
        clock = time.monotonic()
        page_ids = self._page_ids.pop(finished.portal_id, {})
        try:
            with self.engine.begin() as connection:
                column_ids = _insert_columns(connection, finished)
                _insert_disclosures(connection, finished, column_ids, page_ids)
                _insert_links(connection, finished, page_ids)
                _insert_evidence(connection, finished)
                connection.execute(
                    update(Portal)
                    .where(Portal.id == finished.portal_id)
                    .values(**finished.portal_values)
                )
        except SQLAlchemyError as exc:
            logger.error(
                "Could not store the snapshot of portal %s",
                finished.unit_key,
                exc_info=True,
                extra={"run": finished.run_id, "unit": finished.unit_key},
            )
            self._mark_portal_failed(finished, exc)
        logger.debug(
            "Stored the snapshot of portal %s in %.2f s",
            finished.unit_key,
            time.monotonic() - clock,
            extra={"run": finished.run_id, "unit": finished.unit_key},
        )
        if self.events is not None:
            status = finished.portal_values.get("status", "error")
            self.events.put(portal_event(finished.portal_id, status, finished.pages))

    def _mark_portal_failed(self, finished: FinishedPortal, exc: Exception) -> None:
        finished.portal_values["status"] = "error"
        try:
            with self.engine.begin() as connection:
                connection.execute(
                    update(Portal)
                    .where(Portal.id == finished.portal_id)
                    .values(
                        status="error",
                        error=f"the snapshot could not be stored: {exc}",
                        finished_at=datetime.now(),
                    )
                )
        except SQLAlchemyError:
            logger.error("Could not mark portal %s failed", finished.unit_key)


def _unique_by_url(rows: list[PageRow]) -> list[PageRow]:
    # A page queued twice in one batch (static, then rendered) is inserted
    # once and updated with the later values.
    chosen: dict[tuple[int, str], PageRow] = {}
    for row in rows:
        key = (row.portal_id, row.url)
        if key in chosen:
            chosen[key].values.update(row.values)
        else:
            chosen[key] = row
    return list(chosen.values())


def _insert_columns(connection, finished: FinishedPortal) -> list[int]:
    columns = finished.snapshot.columns
    if not columns:
        return []
    base = {"run_id": finished.run_id, "portal_id": finished.portal_id}
    result = connection.execute(
        insert(Column).returning(Column.id, sort_by_parameter_order=True),
        [{**base, **column.row()} for column in columns],
    )
    ids = list(result.scalars())
    for column, column_id in zip(columns, ids, strict=True):
        if column.parent_index is not None:
            connection.execute(
                update(Column)
                .where(Column.id == column_id)
                .values(parent_id=ids[column.parent_index])
            )
    return ids


def _insert_disclosures(
    connection, finished: FinishedPortal, column_ids: list[int], page_ids: dict
) -> None:
    rows = []
    for draft in finished.snapshot.disclosures:
        row = {key: value for key, value in draft.items() if key not in _REFS}
        index = draft.get("column_index")
        row["column_id"] = column_ids[index] if index is not None else None
        page_url = draft.get("page_url")
        row["page_id"] = page_ids.get(page_url) if page_url else None
        row["run_id"] = finished.run_id
        row["portal_id"] = finished.portal_id
        rows.append(row)
    if rows:
        connection.execute(insert(Disclosure), rows)


_REFS = ("column_index", "page_url")


def _insert_links(connection, finished: FinishedPortal, page_ids: dict) -> None:
    rows = []
    for draft in finished.snapshot.links:
        source = page_ids.get(draft["source_url"])
        if source is None:
            continue
        row = {key: value for key, value in draft.items() if key != "source_url"}
        row.update(
            run_id=finished.run_id, portal_id=finished.portal_id, source_page_id=source
        )
        rows.append(row)
    for start in range(0, len(rows), 5000):
        connection.execute(insert(Link), rows[start : start + 5000])


def _insert_evidence(connection, finished: FinishedPortal) -> None:
    rows = [
        {"run_id": finished.run_id, "portal_id": finished.portal_id, **item}
        for item in finished.evidence
    ]
    if rows:
        connection.execute(insert(EvidenceFile), rows)
